using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Portal.Books;

/// One title at a point today: from a rotation set at the point or a copy on its own shelf. InNow: at least one copy is
/// there and not lent out. ArrivedAt: when the first of its copies there arrived (new arrivals first).
public sealed record ShelfTitle(int TitleId, string Title, string? Authors, int? Year, DateTime ArrivedAt, bool InNow, bool NewThisMonth);

public sealed record Shelf(int Total, int NewThisMonth, IReadOnlyList<ShelfTitle> Titles, int Page, int PageSize);

/// The titles at a point now, for the public (Features/Portal/Books). Nothing about readers or loans beyond "a copy is in".
/// A copy is at the point when its location is the point and it is on the shelf, in a set there or lent from there; or
/// when it belongs to a set that has arrived there and has not been sent on. Lost, damaged, withdrawn copies and copies
/// in the post are not. Two queries: the copies (one narrow row each, a point holds a few hundred), grouped and ordered
/// here, then the titles of one page.
public sealed class PointShelf(AppDbContext db, TimeProvider clock)
{
    private static readonly ItemStatus[] s_here = [ItemStatus.Available, ItemStatus.OnLoan, ItemStatus.InSet];

    /// A page of the titles at the point, new arrivals first, optionally searched with the catalogue's folded search.
    /// A page past the end is empty with the right total; page and size are taken as given (the callers check them).
    public async Task<Shelf> ListAsync(int pointId, string? q, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, PageRequest.MaxSize);
        var copies = await CopiesAsync(pointId, SearchText.Terms(q), ct);

        var monthStart = MonthStartUtc(clock.GetUtcNow().UtcDateTime);
        var titles = copies
            .GroupBy(c => c.TitleId)
            .Select(g => (TitleId: g.Key, SortKey: g.First().SortKey, ArrivedAt: g.Min(c => c.ArrivedAt),
                InNow: g.Any(c => c.Status != ItemStatus.OnLoan)))
            .OrderByDescending(t => t.ArrivedAt).ThenBy(t => t.SortKey, StringComparer.Ordinal).ThenBy(t => t.TitleId)
            .ToList();
        var skip = (int)Math.Min(int.MaxValue, (page - 1L) * pageSize);
        var onPage = titles.Skip(skip).Take(pageSize).ToList();
        var ids = onPage.Select(t => t.TitleId).ToList();
        var details = ids.Count == 0
            ? []
            : await db.Titles.AsNoTracking().Where(t => ids.Contains(t.Id))
                .Select(t => new { t.Id, t.TitleProper, t.Authors, t.Year })
                .ToDictionaryAsync(t => t.Id, ct);
        var rows = onPage.Select(t =>
        {
            var d = details[t.TitleId];
            return new ShelfTitle(t.TitleId, d.TitleProper, d.Authors, d.Year, t.ArrivedAt, t.InNow, t.ArrivedAt >= monthStart);
        }).ToList();
        return new Shelf(titles.Count, titles.Count(t => t.ArrivedAt >= monthStart), rows, page, pageSize);
    }

    /// Whether the title is at the point now (a hold may be asked only for such a title).
    public Task<bool> HasTitleAsync(int pointId, int titleId, CancellationToken ct) =>
        OnShelf(pointId).Where(i => i.TitleId == titleId).Select(i => i.Id)
            .Concat(InSetsHere(pointId).Where(i => i.TitleId == titleId).Select(i => i.Id)).AnyAsync(ct);

    /// The first instant of the current month in Vietnam, as UTC.
    public static DateTime MonthStartUtc(DateTime utcNow)
    {
        var today = VnTime.DayOf(utcNow);
        return VnTime.StartOfDayUtc(new DateOnly(today.Year, today.Month, 1));
    }

    private sealed record Copy(int ItemId, int TitleId, string SortKey, ItemStatus Status, DateTime ArrivedAt);

    private async Task<List<Copy>> CopiesAsync(int pointId, IReadOnlyList<IReadOnlyList<string>> terms, CancellationToken ct)
    {
        var shelf = OnShelf(pointId);
        var sets = InSetsHere(pointId);
        if (terms.Count > 0)
        {
            var matching = SearchIndex.Matching(db, terms);
            shelf = shelf.Where(i => matching.Contains(i.TitleId));
            sets = sets.Where(i => matching.Contains(i.TitleId));
        }
        // One list of ids first: a set operation must come before the projection below, which EF Core cannot union.
        var ids = shelf.Select(i => i.Id).Concat(sets.Select(i => i.Id));
        // A copy came here when it last left somewhere else (the post's span ends at the receipt); a copy that never
        // left the point came with its first span here, or when it was catalogued.
        return await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new Copy(i.Id, i.TitleId, i.Title.SortKey,
                i.Status,
                db.ItemCustody.Where(c => c.ItemId == i.Id && c.ToUtc != null && (c.ServicePointId == null || c.ServicePointId != pointId))
                    .Max(c => c.ToUtc)
                ?? db.ItemCustody.Where(c => c.ItemId == i.Id && c.ServicePointId == pointId).Min(c => (DateTime?)c.FromUtc)
                ?? i.CreatedAt))
            .ToListAsync(ct);
    }

    /// Copies whose place is the point: on its shelf, in a set there, or lent from there.
    private IQueryable<Item> OnShelf(int pointId) =>
        db.Items.AsNoTracking().Where(i => i.LocationId == pointId && s_here.Contains(i.Status));

    /// Copies of the sets that have arrived at the point and not been sent on, wherever the copy's own record says it is.
    private IQueryable<Item> InSetsHere(int pointId) =>
        from s in db.RotationSets
        where s.LocationId == pointId && s.Status == SetStatus.AtPoint
        join m in db.RotationSetItems on s.Id equals m.SetId
        join i in db.Items.AsNoTracking() on m.ItemId equals i.Id
        where s_here.Contains(i.Status)
        select i;
}
