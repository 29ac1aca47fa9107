namespace Bookpost.Web.Features.Portal.Holds;

/// A hold as staff see it. Name and Phone are filled only for the point that serves the hold and Admin
/// (<see cref="HoldScope.SeesPeople"/>); for every other reader they are null. Status is the status as it stands now (an
/// open hold past its lapse reads Lapsed before the sweep has ended it).
public sealed record HoldDto(long Id, int PointId, string PointCode, string PointName, int TitleId, string Title, string? Name,
    string? Phone, HoldStatus Status, DateTime PlacedAt, DateTime? ReadyAt, DateTime? EndedAt, DateTime? LapsesAt, long Version);

/// Open holds of one point, for readers who see counts only.
public sealed record HoldCount(int PointId, string PointCode, string PointName, int Waiting, int Ready);

/// Who sees whose holds: the same rule as readers (Admin and the point that serves them name the person; everyone
/// else with the point in scope sees the hold without name and number, or counts).
public static class HoldScope
{
    /// The roles that act on holds (ready, collected, cancel).
    public static readonly AppRole[] Desk = [AppRole.Admin, AppRole.Point];

    public static bool SeesPeople(UserScope scope, int pointId) =>
        scope.Role == AppRole.Admin || (scope.Role == AppRole.Point && scope.PointId == pointId);

    /// The holds of the points the caller may see.
    public static IQueryable<PointHold> Visible(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (scope.Role == AppRole.Admin) return db.PointHolds;
        if (scope.Role == AppRole.Point) return db.PointHolds.Where(h => h.ServicePointId == scope.PointId);
        var points = Network.Points.PointScope.VisibleTo(db.ServicePoints, db, scope, today).Select(p => p.Id);
        return db.PointHolds.Where(h => points.Contains(h.ServicePointId));
    }
}
