using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public enum SetAction { Ready, BreakUp, Reopen }

/// Marks an assembled set ready for planning, reopens it for changes, or breaks it up: its copies go back on the
/// shelf as Available. Only a set at its library may change so (the set says which moves it allows).
public sealed class ChangeSetState(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, GetSet get)
{
    /// The action named in the URL ("ready", "reopen", "break-up"; the route allows no other).
    public static SetAction Parse(string action) => action switch
    {
        "ready" => SetAction.Ready,
        "reopen" => SetAction.Reopen,
        _ => SetAction.BreakUp,
    };

    public async Task<Result<SetDetailDto>> HandleAsync(int setId, SetAction action, long? expectedVersion, UserScope scope,
        CancellationToken ct)

    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Include(s => s.Items).ThenInclude(i => i.Item)
            .SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<SetDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (expectedVersion is { } v && v != set.Version) return Result<SetDetailDto>.Stale(text["Concurrency.Stale"]);
        var now = db.UtcNow;
        var refused = action switch
        {
            SetAction.Ready => set.MarkReady(now),
            SetAction.Reopen => set.Reopen(now),
            _ => set.BreakUp(now),
        };
        if (refused is not null) return Result<SetDetailDto>.Conflict(text.Format(refused, text.Enum(set.Status)));
        if (set.Status == SetStatus.BrokenUp)
        {
            movements.SetStatus(set.Items.Select(m => m.Item).Where(i => i.Status == ItemStatus.InSet).ToList(), ItemStatus.Available, now);
            db.RotationSetItems.RemoveRange(set.Items);
        }
        db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = set.Status, LocationId = set.LocationId, By = scope.UserName });
        if (await db.TrySaveAsync<SetDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(set.Id, UserScope.System, ct);
    }
}
