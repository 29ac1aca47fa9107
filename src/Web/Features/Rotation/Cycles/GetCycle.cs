namespace Bookpost.Web.Features.Rotation;

public sealed class GetCycle(AppDbContext db, TimeProvider clock, RotationPlanning planning)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Where(c => c.Id == id).ToSummaries().SingleOrDefaultAsync(ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        var assignments = db.RotationAssignments.Where(a => a.CycleId == id);
        // A point sees only its own lines of the plan.
        if (scope.Role == AppRole.Point) assignments = assignments.Where(a => a.PointId == scope.PointId || a.FromId == scope.PointId);
        var rows = await assignments.OrderBy(a => a.Point.Name).ThenBy(a => a.Set.Code).ToDtos().ToListAsync(ct);
        var unserved = scope.Role == AppRole.Point || cycle.Status != CycleStatus.Draft ? [] : await planning.UnservedAsync(id, ct);
        var served = rows.Select(r => r.PointId).Distinct().Count();
        var score = new PlanScore(served + unserved.Count, served, rows.Sum(r => r.Repeats), 0, Math.Round(rows.Sum(r => r.DistanceKm), 1));
        return new CycleDetailDto(cycle, rows, score, unserved);
    }
}
