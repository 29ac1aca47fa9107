namespace Bookpost.Web.Features.Rotation;

/// Approves a draft's plan. A set may be planned in one confirmed cycle at a time.
public sealed class ConfirmCycle(AppDbContext db, TimeProvider clock, Text text, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Include(c => c.Assignments)
            .SingleOrDefaultAsync(c => c.Id == cycleId, ct);

        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (expectedVersion is { } v && v != cycle.Version) return Result<CycleDetailDto>.Stale(text["Concurrency.Stale"]);
        if (cycle.CheckDraft() is { } notDraft) return Result<CycleDetailDto>.Conflict(text[notDraft]);
        var setIds = cycle.Assignments.Select(a => a.SetId).ToList();
        var busy = await db.RotationAssignments
            .Where(a => setIds.Contains(a.SetId) && a.CycleId != cycleId && a.Status == AssignmentStatus.Planned)

            .Select(a => a.Set.Code).FirstOrDefaultAsync(ct);
        if (busy is not null) return Result<CycleDetailDto>.Conflict(text.Format("Rotation.SetPlannedElsewhere", busy));
        if (cycle.Confirm(db.UtcNow) is { } why) return Result<CycleDetailDto>.Conflict(text[why]);
        if (await db.TrySaveAsync<CycleDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(cycleId, UserScope.System, ct);
    }
}
