namespace Bookpost.Web.Features.Rotation;

public sealed class GetShipment(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ShipmentDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var shipment = await RotationScope.Shipments(db, scope, clock.Today()).Where(s => s.Id == id).ToSummaries()
            .SingleOrDefaultAsync(ct);
        if (shipment is null) return Result<ShipmentDetailDto>.NotFound();
        var items = await db.ShipmentItems.Where(i => i.ShipmentId == id).OrderBy(i => i.Item.Barcode)
            .Select(i => new ShipmentItemDto(i.ItemId, i.Item.Barcode, i.TitleId,
                db.Titles.Where(t => t.Id == i.TitleId).Select(t => t.TitleProper).First(), i.Outcome))
            .ToListAsync(ct);
        var discrepancies = await db.Discrepancies.Where(d => d.ShipmentId == id).OrderBy(d => d.Kind).ThenBy(d => d.Barcode).ToDtos()
            .ToListAsync(ct);

        return new ShipmentDetailDto(shipment, items, discrepancies);
    }
}
