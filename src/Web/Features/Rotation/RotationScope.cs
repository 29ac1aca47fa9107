using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Rotation;

/// Who sees and who may change what in rotation. Reading follows the point scope: a set or shipment is visible when
/// its library, its place or either end of the journey is a point the user sees; a point's operator sees only
/// shipments to or from the point. Writing belongs to the set's library (and Admin), and receiving to the destination.
public static class RotationScope
{
    public static readonly AppRole[] Planners = [AppRole.Admin, AppRole.Library];

    public static IQueryable<RotationSet> Sets(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (IsEverything(scope)) return db.RotationSets;
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.RotationSets.Where(s => points.Contains(s.OwnerId) || points.Contains(s.LocationId));
    }

    public static IQueryable<Shipment> Shipments(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (IsEverything(scope)) return db.Shipments;
        if (scope.Role == AppRole.Point) return db.Shipments.Where(s => s.FromId == scope.PointId || s.ToId == scope.PointId);
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.Shipments.Where(s => points.Contains(s.FromId) || points.Contains(s.ToId));
    }

    public static IQueryable<RotationCycle> Cycles(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (IsEverything(scope)) return db.RotationCycles;
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.RotationCycles.Where(c => points.Contains(c.LibraryId) || c.Assignments.Any(a => points.Contains(a.PointId)));
    }

    /// Whether the user may change a set of this library (assemble it, plan it, resolve its discrepancies).
    public static bool OwnsLibrary(UserScope scope, int libraryId) =>
        scope.Role == AppRole.Admin || (scope.Role == AppRole.Library && scope.PointId == libraryId);

    /// Whether the user stands at this service point: its operator, its library's staff, or Admin.
    public static bool IsAt(UserScope scope, int pointId) =>
        scope.Role == AppRole.Admin || (scope.Role is AppRole.Point or AppRole.Library && scope.PointId == pointId);

    private static bool IsEverything(UserScope scope) => scope.IsProvinceWide && scope.AreaCode.Length == 0;

    public static bool TakesSets(ServicePoint p) =>
        p.Status == ServicePointStatus.Active
        && p.Kind is ServicePointKind.PostCulturePoint or ServicePointKind.CommuneLibrary or ServicePointKind.ReadingRoom;
}
