using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

/// Takes a copy out of a set at its library; a copy that stood in the set goes back on the shelf.
public sealed class RemoveSetItem(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements)
{
    public async Task<Result<int>> HandleAsync(int setId, int itemId, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<int>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<int>.Forbidden(text["Rotation.OtherLibrary"]);
        if (!set.CanChangeItems) return Result<int>.Conflict(text.Format("Rotation.SetNotAtHome", text.Enum(set.Status)));
        var member = await db.RotationSetItems.Include(m => m.Item).SingleOrDefaultAsync(m => m.SetId == setId && m.ItemId == itemId, ct);
        if (member is null) return Result<int>.NotFound();
        var now = db.UtcNow;
        db.RotationSetItems.Remove(member);
        if (member.Item.Status == ItemStatus.InSet) movements.SetStatus([member.Item], ItemStatus.Available, now);
        set.UpdatedAt = now;
        if (await db.TrySaveAsync<int>(text, null, ct) is { } failed) return failed;
        return await db.RotationSetItems.CountAsync(i => i.SetId == setId, ct);
    }
}
