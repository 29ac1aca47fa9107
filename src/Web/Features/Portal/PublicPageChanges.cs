using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Portal;

/// What the public pages are drawn from. A save that adds, changes or removes one of these (AppDbContext asks before
/// the save) empties the public pages' output cache here and on the other instances (PublicPages.Changed, CacheSignals):
/// a point's facts, status or commune; a set arriving at a point or leaving it; a copy's place or state (the shelf,
/// "in now"); a title's record; a computer's status; the administrative map (commune names). Live computer use
/// (sessions) and holds are not among them: a page may be up to Portal:CacheSeconds behind on those.
public static class PublicPageChanges
{
    private static readonly HashSet<Type> s_watched =
    [
        typeof(ServicePoint), typeof(ServicePointStatusChange), typeof(PointCommune),
        typeof(AdminUnit), typeof(AdminUnitSuccession),
        typeof(RotationSet), typeof(RotationSetItem), typeof(SetEvent), typeof(Shipment), typeof(ShipmentItem),
        typeof(Item), typeof(ItemCustody), typeof(Title),
        typeof(Computer), typeof(EquipmentStatusChange),
    ];

    /// Whether a save's entries touch a public page (checked before the save, while the entries still say what they do).
    public static bool Touches(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && s_watched.Contains(e.Metadata.ClrType));
}
