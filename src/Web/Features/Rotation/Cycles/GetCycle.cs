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
        // Points the cycle serves that get no set from it and hold none past its end. The same question before and after
        // confirming: a confirmed cycle used to answer an empty list, so "points without a set" fell to 0 on confirming.
        var unserved = scope.Role == AppRole.Point ? [] : await planning.UnservedAsync(id, ct);
        var served = rows.Select(r => r.PointId).Distinct().Count();
        var score = new PlanScore(served + unserved.Count, served, rows.Sum(r => r.Repeats), 0, Math.Round(rows.Sum(r => r.DistanceKm), 1));
        return new CycleDetailDto(cycle, rows, score, unserved);
    }
}
