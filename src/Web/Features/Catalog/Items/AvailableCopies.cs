namespace Bookpost.Web.Features.Catalog;

/// Copies a library can put to use now: its own, on the shelf. The way the features after Catalog (a set being
/// assembled) pick copies without reading Catalog's tables themselves; they may narrow the query further.
public sealed class AvailableCopies(AppDbContext db)
{
    public IQueryable<Item> Of(int ownerId, IReadOnlyCollection<int> titleIds) =>
        db.Items.Where(i => titleIds.Contains(i.TitleId) && i.OwnerId == ownerId && i.Status == ItemStatus.Available);
}
