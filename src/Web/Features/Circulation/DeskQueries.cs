using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Circulation;

/// The reads of a check-out and a return, compiled once. They run on every scan at every desk, and building the LINQ
/// expression and finding it in EF Core's query cache each time cost about as much as running it.
internal static class DeskQueries
{
    public sealed record ReaderAtDesk(int Id, string CardNumber, string FullName, int Open);

    public sealed record CopyAtDesk(Item Item, string TitleProper, ItemCustody? Span);

    public sealed record OpenLoan(Loan Loan, Item Item, string TitleProper, ItemCustody? Span, int? SetLocationId, string? SetLocationName);

    /// A reader of the point by card number, with the number of books already out.
    public static readonly CompiledPerModel<Func<AppDbContext, int, string, CancellationToken, Task<ReaderAtDesk?>>> ReaderByCard =
        new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int pointId, string card, CancellationToken ct) => db.Readers
            .Where(r => r.PointId == pointId && r.CardNumber == card && r.ErasedAt == null)
            .Select(r => new ReaderAtDesk(r.Id, r.CardNumber, r.FullName, db.Loans.Count(l => l.ReaderId == r.Id && l.ReturnedAt == null)))
            .SingleOrDefault()));

    /// The same by the reader's id (a page that picked the reader from a list).
    public static readonly CompiledPerModel<Func<AppDbContext, int, int, CancellationToken, Task<ReaderAtDesk?>>> ReaderById = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int pointId, int id, CancellationToken ct) => db.Readers
            .Where(r => r.PointId == pointId && r.Id == id && r.ErasedAt == null)
            .Select(r => new ReaderAtDesk(r.Id, r.CardNumber, r.FullName, db.Loans.Count(l => l.ReaderId == r.Id && l.ReturnedAt == null)))
            .SingleOrDefault()));

    /// Of the given copies, those whose set has come to the point (a shipment to it): copies a reader of the point may
    /// have borrowed there and may bring back here.
    public static readonly CompiledPerModel<Func<AppDbContext, int, List<int>, IAsyncEnumerable<int>>> ServedCopies = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int pointId, List<int> itemIds) =>
            db.RotationSetItems.Where(m => itemIds.Contains(m.ItemId) && db.Shipments.Any(s => s.SetId == m.SetId && s.ToId == pointId))
                .Select(m => m.ItemId)));

    /// Copies by barcode, tracked, with their titles' names alone (a whole title, its MARC record too, would be read
    /// and tracked for nothing) and their open custody spans, tracked, so that ItemMovements finds them without a query.
    public static readonly CompiledPerModel<Func<AppDbContext, List<string>, IAsyncEnumerable<CopyAtDesk>>> Copies = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, List<string> barcodes) =>
            from i in db.Items
            where barcodes.Contains(i.Barcode)
            join c in db.ItemCustody.Where(c => c.ToUtc == null) on i.Id equals c.ItemId into spans
            from span in spans.DefaultIfEmpty()
            select new CopyAtDesk(i, i.Title.TitleProper, span)));

    /// The open loans of copies by barcode, with the copies (tracked), their titles' names, their open custody spans
    /// (tracked) and where each copy's set is now, if it belongs to one (Rotation's read model, composed in, so the
    /// return still reads everything in one query).
    public static readonly CompiledPerModel<Func<AppDbContext, List<string>, IAsyncEnumerable<OpenLoan>>> OpenLoans = new(() =>
        EF.CompileAsyncQuery(SetMembership.Compose<Func<AppDbContext, List<string>, IQueryable<OpenLoan>>>((db, barcodes) =>
            from l in db.Loans
            where l.ReturnedAt == null && barcodes.Contains(l.Item.Barcode)
            join c in db.ItemCustody.Where(c => c.ToUtc == null) on l.ItemId equals c.ItemId into spans
            from span in spans.DefaultIfEmpty()
            select new OpenLoan(l, l.Item, l.Item.Title.TitleProper, span, SetMembership.SetLocationId(db, l.ItemId),
                SetMembership.SetLocationName(db, l.ItemId)))));
}
