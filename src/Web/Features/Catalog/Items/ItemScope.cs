using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Catalog;

/// Which copies a user sees: those owned by, or now at, a service point in the user's scope.
public static class ItemScope
{
    public static IQueryable<Item> Visible(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (scope.IsProvinceWide && scope.AreaCode.Length == 0) return db.Items;
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.Items.Where(i => points.Contains(i.OwnerId) || points.Contains(i.LocationId));
    }

    public static IQueryable<ItemDto> ToItemDtos(this IQueryable<Item> items) => items.Select(i => new ItemDto(
        i.Id, i.Barcode, i.TitleId, i.Title.TitleProper, i.OwnerId, i.Owner.Name, i.LocationId, i.Location.Name, i.Status,
        i.CallNumber, i.AcquiredOn, i.Price, i.Note, i.Version));
}
