using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Features.Circulation;

/// Posts a transfer (the returning point) or takes it in (the point that holds the set: the copy goes back into it).
public sealed class AdvanceTransfer(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, SetMembership sets)
{
    public async Task<Result<TransferDto>> HandleAsync(int id, TransferStatus to, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var transfer = await db.Transfers.Include(t => t.Item)
            .SingleOrDefaultAsync(t => t.Id == id && (points.Contains(t.FromPointId) || points.Contains(t.ToPointId)), ct);
        if (transfer is null) return Result<TransferDto>.NotFound();
        if (!RotationScope.IsAt(scope, transfer.PointFor(to))) return Result<TransferDto>.Forbidden(text["Rotation.NotYourShipment"]);
        var now = db.UtcNow;
        if (transfer.MoveTo(to, now) is { } why) return Result<TransferDto>.Conflict(text[why]);
        if (to == TransferStatus.Sent)
            await movements.MoveAsync([transfer.Item], CustodyHolder.Post, null, ItemStatus.InTransit, null, now, scope.UserName, null, ct);
        else
        {
            var status = await sets.IsInSetAsync(transfer.ItemId, ct) ? ItemStatus.InSet : ItemStatus.Available;
            await movements.MoveAsync(
                [transfer.Item], CustodyHolder.ServicePoint, transfer.ToPointId, status, null, now, scope.UserName, null, ct);
        }
        if (await db.TrySaveAsync<TransferDto>(text, null, ct) is { } failed) return failed;
        return await db.Transfers.Where(t => t.Id == id).ToDtos().SingleAsync(ct);
    }
}
