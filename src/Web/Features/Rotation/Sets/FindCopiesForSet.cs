using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public sealed record CopyFound(int ItemId, string Barcode, string Title);

/// The copies a library could add to a set while assembling it: its own copies on the shelf, of the titles a catalogue
/// search finds, that are in no set yet.
public sealed class FindCopiesForSet(SearchTitles search, AvailableCopies copies, AppDbContext db)
{
    public async Task<IReadOnlyList<CopyFound>> HandleAsync(int ownerId, string text, CancellationToken ct)
    {
        var titles = await search.HandleAsync(new TitleSearchQuery { Q = text, PageSize = 20 }, ct);
        var ids = titles.Value?.Items.Select(t => t.Id).ToList() ?? [];
        return await copies.Of(ownerId, ids)
            .Where(i => !db.RotationSetItems.Any(m => m.ItemId == i.Id))
            .OrderBy(i => i.Title.SortKey).ThenBy(i => i.Barcode)
            .Select(i => new CopyFound(i.Id, i.Barcode, i.Title.TitleProper))
            .Take(50)
            .ToListAsync(ct);
    }
}
