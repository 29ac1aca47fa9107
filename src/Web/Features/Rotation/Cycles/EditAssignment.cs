using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation;

public sealed record AssignmentInput(int? PointId, DateOnly? DueBackOn = null);

/// The librarian's edit of a proposed line: another point (the figures are worked out again), or none (removed).
public sealed class EditAssignment(AppDbContext db, TimeProvider clock, Text text, RotationPlanning planning, GetCycle get,
    IOptions<RotationOptions> options)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, int assignmentId, AssignmentInput input, UserScope scope,
        CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (cycle.CheckDraft() is { } notDraft) return Result<CycleDetailDto>.Conflict(text[notDraft]);
        var assignment = await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.CycleId == cycleId, ct);
        if (assignment is null) return Result<CycleDetailDto>.NotFound();
        if (input.PointId is null)
        {
            db.RotationAssignments.Remove(assignment);
        }
        else
        {
            var point = await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == input.PointId, ct);
            if (point is null || !RotationScope.TakesSets(point))
                return Result<CycleDetailDto>.Invalid("pointId", text["Rotation.PointCannotTake"]);
            var set = await db.RotationSets.SingleAsync(s => s.Id == assignment.SetId, ct);
            if (set.LocationId == point.Id) return Result<CycleDetailDto>.Invalid("pointId", text["Rotation.SamePoint"]);
            if (input.DueBackOn is { } due && due <= cycle.StartsOn)
                return Result<CycleDetailDto>.Invalid("dueBackOn", text["Rotation.EndAfterStart"]);
            var mostOn = options.Value.StayEndsOn(assignment.DispatchOn);
            if (input.DueBackOn is { } late && late > mostOn)
                return Result<CycleDetailDto>.Invalid("dueBackOn", text.Format("Handover.DueBackTooLate", options.Value.MaxStayMonths,
                    VnTime.Show(mostOn)));

            var figures = await planning.FiguresAsync(cycle, set, point, ct);
            assignment.PointId = point.Id;
            assignment.Repeats = figures.Repeats;
            assignment.DistanceKm = figures.DistanceKm;
            assignment.Route = figures.Route;
            assignment.DueBackOn = input.DueBackOn ?? assignment.DueBackOn;
        }
        cycle.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<CycleDetailDto>(text, null, ct) is { } failed) return failed;
        return await get.HandleAsync(cycleId, UserScope.System, ct);
    }
}
