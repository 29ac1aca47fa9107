using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public sealed record ResolveInput(DiscrepancyResolution? Resolution, string? Note, long? Version = null);

/// The librarian settles a discrepancy. Found puts the copy back with its set (or, for an extra copy, where it turned
/// up); Lost and WrittenOff take a missing or damaged copy out of its set for good. Settling twice is a conflict.
public sealed class ResolveDiscrepancy(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements)
{
    public async Task<Result<DiscrepancyDto>> HandleAsync(int id, ResolveInput input, UserScope scope, CancellationToken ct)
    {
        var shipments = RotationScope.Shipments(db, scope, clock.Today()).Select(s => s.Id);
        var d = await db.Discrepancies.Include(x => x.Shipment).ThenInclude(s => s.Set).Include(x => x.Item)
            .SingleOrDefaultAsync(x => x.Id == id && shipments.Contains(x.ShipmentId), ct);
        if (d is null) return Result<DiscrepancyDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, d.Shipment.Set.OwnerId))
            return Result<DiscrepancyDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (input.Resolution is not { } resolution)
            return Result<DiscrepancyDto>.Invalid("resolution", text["Rotation.ResolutionRequired"]);
        if (d.Kind == DiscrepancyKind.Extra && resolution == DiscrepancyResolution.Lost)
            return Result<DiscrepancyDto>.Invalid("resolution", text["Rotation.ExtraNotLost"]);
        if (input.Note?.Length > 500) return Result<DiscrepancyDto>.Invalid("note", text.Format("Validation.MaxLength", 500));
        if (d.CheckResolve() is { } done) return Result<DiscrepancyDto>.Conflict(text[done]);
        if (input.Version is { } v && v != d.Version) return Result<DiscrepancyDto>.Stale(text["Concurrency.Stale"]);

        var now = db.UtcNow;
        var set = d.Shipment.Set;
        if (d.Item is { } item && d.Kind != DiscrepancyKind.Extra)
        {
            var member = await db.RotationSetItems.SingleOrDefaultAsync(m => m.ItemId == item.Id, ct);
            switch (resolution)
            {
                case DiscrepancyResolution.Found:
                    // Back with its set: where the set is now, or in the post with it if the set has left again.
                    var travelling = set.Status is SetStatus.Dispatched or SetStatus.Returning;
                    if (travelling)
                        await movements.MoveAsync([item], CustodyHolder.Post, null, ItemStatus.InTransit, d.ShipmentId, now, scope.UserName,
                            text.Enum(resolution), ct);
                    else
                        await movements.MoveAsync([item], CustodyHolder.ServicePoint, set.LocationId, ItemStatus.InSet, d.ShipmentId, now,
                            scope.UserName, text.Enum(resolution), ct);
                    break;
                case DiscrepancyResolution.Lost:
                case DiscrepancyResolution.WrittenOff:
                    var end = resolution == DiscrepancyResolution.Lost ? ItemStatus.Lost : ItemStatus.Withdrawn;
                    await movements.EndAsync(item, end, now, scope.UserName, ct);
                    if (member is not null) db.RotationSetItems.Remove(member);
                    break;
            }
        }
        else if (d.Item is { } extra && resolution == DiscrepancyResolution.Found)
        {
            // An extra copy that is ours: it is where it was scanned.
            var inSet = await db.RotationSetItems.AnyAsync(m => m.ItemId == extra.Id, ct);
            await movements.MoveAsync([extra], CustodyHolder.ServicePoint, d.Shipment.ToId, inSet ? ItemStatus.InSet : ItemStatus.Available,
                d.ShipmentId, now, scope.UserName, text.Enum(resolution), ct);
        }
        if (d.Resolve(resolution, scope.UserName, now, TextFolding.CleanOrNull(input.Note)) is { } why)
            return Result<DiscrepancyDto>.Conflict(text[why]);
        var failed = await db.TrySaveAsync<DiscrepancyDto>(text, input.Version, ct, raced: text[Discrepancy.AlreadyResolved]);
        if (failed is not null) return failed;

        return await db.Discrepancies.Where(x => x.Id == id).ToDtos().SingleAsync(ct);
    }
}
