using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation;

/// Runs the planner for a draft cycle and keeps its proposal as the cycle's assignments, replacing an earlier one. A
/// line is due back at the cycle's end, or sooner when the cycle is longer than a set may stay at one point.
public sealed class ProposePlan(AppDbContext db, TimeProvider clock, Text text, RotationPlanning planning, GetCycle get,
    IOptions<RotationOptions> options)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Include(c => c.Assignments)
            .SingleOrDefaultAsync(c => c.Id == cycleId, ct);

        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (cycle.CheckDraft() is { } notDraft) return Result<CycleDetailDto>.Conflict(text[notDraft]);
        var input = await planning.BuildInputAsync(cycle, ct);
        var mostOn = options.Value.StayEndsOn(cycle.StartsOn);
        var dueBack = cycle.EndsOn < mostOn ? cycle.EndsOn : mostOn;
        var plan = Planner.Propose(input.Input);
        var lines = plan.Moves.Select(move => new RotationAssignment
        {
            CycleId = cycle.Id, SetId = move.SetId, PointId = move.PointId, FromId = move.FromPointId ?? cycle.LibraryId,
            Route = move.Route,

            DispatchOn = cycle.StartsOn, DueBackOn = dueBack, Repeats = move.Repeats, DistanceKm = move.DistanceKm,
        });
        if (cycle.Plan(lines, db.UtcNow) is { } why) return Result<CycleDetailDto>.Conflict(text[why]);
        if (await db.TrySaveAsync<CycleDetailDto>(text, null, ct) is { } failed) return failed;
        var result = await get.HandleAsync(cycle.Id, UserScope.System, ct);
        return result.IsOk ? result.Value! with { Score = plan.Score } : result;
    }
}
