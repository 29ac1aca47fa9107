using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Portal;

/// What the public pages are drawn from. A save that adds, changes or removes one of these (AppDbContext asks before
/// the save) empties the public pages' output cache here and on the other instances (PublicPages.Changed, CacheSignals):
/// a point's facts, status or commune; a set arriving at a point or leaving it; a copy's place or state (the shelf,
/// "in now"); a title's record; a computer's status; the administrative map (commune names). Loans and returns are not
/// among them: a copy that only changes state (lent, back) keeps its place, and emptying every public page (and, on
/// PostgreSQL, a NOTIFY) on each loan would tax the desk's busiest path; like live computer use (sessions) and holds,
/// a page may be up to Portal:CacheSeconds behind on them.
public static class PublicPageChanges
{
    private static readonly HashSet<Type> s_watched =
    [
        typeof(ServicePoint), typeof(ServicePointStatusChange), typeof(PointCommune),
        typeof(AdminUnit), typeof(AdminUnitSuccession),
        typeof(RotationSet), typeof(RotationSetItem), typeof(SetEvent), typeof(Shipment), typeof(ShipmentItem),
        typeof(ItemCustody), typeof(Title),
        typeof(Computer), typeof(EquipmentStatusChange),
    ];

    /// Whether a save's entries touch a public page (checked before the save, while the entries still say what they do).
    public static bool Touches(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State switch
        {
            EntityState.Added or EntityState.Deleted => e.Entity is Item || s_watched.Contains(e.Metadata.ClrType),
            // A copy counts when it moves (a set arriving at a point), not when only its state changes (a loan).
            EntityState.Modified => e.Entity is Item
                ? e.Property(nameof(Item.LocationId)).IsModified
                : s_watched.Contains(e.Metadata.ClrType),
            _ => false,
        });
}
