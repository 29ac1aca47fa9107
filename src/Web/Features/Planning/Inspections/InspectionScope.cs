using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Planning.Inspections;

/// Who inspects which points and who reads the results. The commune and area offices inspect the points of their area;
/// the department (Admin, Monitor) inspects anywhere. The provincial post office reads the inspections of the
/// Post-Culture points it runs; a point (or a library, a point too) reads its own.
public static class InspectionScope
{
    /// The roles that record inspections, add their photos and turn failed items into tasks.
    public static readonly AppRole[] Inspectors = [AppRole.Admin, AppRole.Monitor, AppRole.District, AppRole.Commune];

    /// Every role reads, each within its own points.
    public static readonly AppRole[] Readers =
        [AppRole.Admin, AppRole.Monitor, AppRole.PostOffice, AppRole.District, AppRole.Commune, AppRole.Point, AppRole.Library];

    public static bool Inspects(UserScope scope) => scope.Is(Inspectors);

    /// The points whose inspections the user reads.
    public static IQueryable<ServicePoint> ReadablePoints(AppDbContext db, UserScope scope, DateOnly today) => scope.Role switch
    {
        AppRole.Admin or AppRole.Monitor => db.ServicePoints,
        AppRole.PostOffice => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint),
        AppRole.District or AppRole.Commune => db.ServicePoints.VisibleTo(db, scope, today),
        _ => db.ServicePoints.Where(p => scope.PointId != null && p.Id == scope.PointId),
    };

    /// The points the user may inspect: none for the roles that only read.
    public static IQueryable<ServicePoint> InspectablePoints(AppDbContext db, UserScope scope, DateOnly today) =>
        Inspects(scope) ? ReadablePoints(db, scope, today) : db.ServicePoints.Where(p => false);
}
