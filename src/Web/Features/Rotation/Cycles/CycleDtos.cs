namespace Bookpost.Web.Features.Rotation;

public sealed record CycleSummaryDto(int Id, string Name, int LibraryId, string LibraryName, DateOnly StartsOn, DateOnly EndsOn,
    int RepeatWindow, CycleStatus Status, int Assignments, long Version);

public sealed record AssignmentDto(int Id, int SetId, string SetCode, string SetName, int PointId, string PointName, int FromId,
    string FromName, RouteKind Route, DateOnly DispatchOn, DateOnly DueBackOn, int Repeats, double DistanceKm, AssignmentStatus Status,
    int? ShipmentId, long Version);

public sealed record CycleDetailDto(CycleSummaryDto Cycle, IReadOnlyList<AssignmentDto> Assignments, PlanScore Score,
    IReadOnlyList<PointRef> Unserved);


public sealed record PointRef(int Id, string Name);

public static class CycleProjections
{
    public static IQueryable<CycleSummaryDto> ToSummaries(this IQueryable<RotationCycle> cycles) => cycles.Select(c => new CycleSummaryDto(
        c.Id, c.Name, c.LibraryId, c.Library.Name, c.StartsOn, c.EndsOn, c.RepeatWindow, c.Status, c.Assignments.Count, c.Version));

    public static IQueryable<AssignmentDto> ToDtos(this IQueryable<RotationAssignment> a) => a.Select(x => new AssignmentDto(
        x.Id, x.SetId, x.Set.Code, x.Set.Name, x.PointId, x.Point.Name, x.FromId, x.From.Name, x.Route, x.DispatchOn, x.DueBackOn,
        x.Repeats, x.DistanceKm, x.Status, x.ShipmentId, x.Version));
}
