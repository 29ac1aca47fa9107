namespace Bookpost.Web.Features.Portal.Books;

/// One title at a point today: from a rotation set at the point or a copy on its own shelf. InNow: at least one copy is
/// there and not lent out. ArrivedAt: when the first of its copies there arrived (new arrivals first).
public sealed record ShelfTitle(int TitleId, string Title, string? Authors, int? Year, DateTime ArrivedAt, bool InNow, bool NewThisMonth);

public sealed record Shelf(int Total, int NewThisMonth, IReadOnlyList<ShelfTitle> Titles, int Page, int PageSize);

/// The titles at a point now, for the public (Features/Portal/Books). Nothing about readers or loans beyond "a copy is in".
public sealed class PointShelf(AppDbContext db, TimeProvider clock)
{
    /// A page of the titles at the point, new arrivals first, optionally searched with the catalogue's folded search.
    public Task<Shelf> ListAsync(int pointId, string? q, int page, int pageSize, CancellationToken ct) =>
        throw new NotImplementedException($"{db.GetType().Name} {clock.GetType().Name} {pointId} {q} {page} {pageSize} {ct}");

    /// Whether the title is at the point now (a hold may be asked only for such a title).
    public Task<bool> HasTitleAsync(int pointId, int titleId, CancellationToken ct) =>
        db.Items.AnyAsync(i => i.TitleId == titleId && i.LocationId == pointId && i.Status != Catalog.ItemStatus.Lost
            && i.Status != Catalog.ItemStatus.Withdrawn && i.Status != Catalog.ItemStatus.Damaged, ct);
}
