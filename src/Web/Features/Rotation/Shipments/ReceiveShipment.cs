using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

/// <param name="Receiver">Who takes the set over for the receiver, printed on the receipt record; optional.</param>
public sealed record ReceiveInput(IReadOnlyList<string>? Barcodes, IReadOnlyList<string>? Damaged = null, long? Version = null,
    HandoverPerson? Receiver = null);

/// The receiving end scans every copy. What was sent and not scanned is missing, what was scanned and not sent is
/// extra, and what is marked damaged is damaged: each becomes a discrepancy and the shipment closes with them.
public sealed class ReceiveShipment(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, GetShipment get,
    HandoverPeople people)
{
    public const int MaxBarcodes = 5000;

    public async Task<Result<ShipmentDetailDto>> HandleAsync(int shipmentId, ReceiveInput input, UserScope scope, CancellationToken ct)
    {
        var shipment = await RotationScope.Shipments(db, scope, clock.Today())
            .Include(s => s.Items).ThenInclude(i => i.Item).Include(s => s.Set)
            .SingleOrDefaultAsync(s => s.Id == shipmentId, ct);
        if (shipment is null) return Result<ShipmentDetailDto>.NotFound();
        if (!RotationScope.IsAt(scope, shipment.ToId)) return Result<ShipmentDetailDto>.Forbidden(text["Rotation.NotYourShipment"]);
        if (shipment.CheckReceive() is { } done) return Result<ShipmentDetailDto>.Conflict(text.Format(done, shipment.ReceivedBy));
        if (input.Version is { } v && v != shipment.Version) return Result<ShipmentDetailDto>.Stale(text["Concurrency.Stale"]);
        var scanned = Barcodes.Clean(input.Barcodes);
        var damaged = Barcodes.Clean(input.Damaged);
        if (scanned.Count + damaged.Count == 0) return Result<ShipmentDetailDto>.Invalid("barcodes", text["Rotation.ScanItems"]);
        if (scanned.Count + damaged.Count > MaxBarcodes)
            return Result<ShipmentDetailDto>.Invalid("barcodes", text.Format("Rotation.TooManyBarcodes", MaxBarcodes));
        var checkedPeople = new FieldErrors();
        var receiver = people.Check(input.Receiver, "receiver", checkedPeople);
        if (checkedPeople.Any) return checkedPeople.ToResult<ShipmentDetailDto>();
        var seen = scanned.Union(damaged).ToHashSet();

        var now = db.UtcNow;
        var arrived = new List<Item>();
        var damagedItems = new List<Item>();
        foreach (var line in shipment.Items)
        {
            var barcode = line.Item.Barcode;
            if (!seen.Contains(barcode))
            {
                line.Outcome = ShipmentItemOutcome.Missing;
                shipment.Discrepancies.Add(Found(DiscrepancyKind.Missing, line.ItemId, barcode, now));
            }
            else if (damaged.Contains(barcode))
            {
                line.Outcome = ShipmentItemOutcome.Damaged;
                damagedItems.Add(line.Item);
                shipment.Discrepancies.Add(Found(DiscrepancyKind.Damaged, line.ItemId, barcode, now));
            }
            else
            {
                line.Outcome = ShipmentItemOutcome.Received;
                arrived.Add(line.Item);
            }
        }
        var sent = shipment.Items.Select(i => i.Item.Barcode).ToHashSet();
        var extras = seen.Where(b => !sent.Contains(b)).Order(StringComparer.Ordinal).ToList();
        var known = await db.Items.Where(i => extras.Contains(i.Barcode)).ToDictionaryAsync(i => i.Barcode, i => i.Id, ct);
        foreach (var barcode in extras)
            shipment.Discrepancies.Add(Found(DiscrepancyKind.Extra, known.TryGetValue(barcode, out var id) ? id : null, barcode, now));

        var to = shipment.ToId;
        await movements.MoveAsync(arrived, CustodyHolder.ServicePoint, to, ItemStatus.InSet, shipment.Id, now, scope.UserName, null, ct);
        await movements.MoveAsync(damagedItems, CustodyHolder.ServicePoint, to, ItemStatus.Damaged, shipment.Id, now, scope.UserName, null,
            ct);

        if ((shipment.Receive(scope.UserName, now, receiver) ?? shipment.Set.Arrive(shipment.ToId, now)) is { } refused)
            return Result<ShipmentDetailDto>.Conflict(text.Format(refused, text.Enum(shipment.Set.Status)));
        db.SetEvents.Add(new SetEvent
        {
            SetId = shipment.SetId, At = now, Status = shipment.Set.Status, LocationId = to, ShipmentId = shipment.Id, By = scope.UserName,
        });
        var assignment = shipment.AssignmentId is { } aid ? await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == aid, ct) : null;
        if (assignment?.Receive() is { } stray) return Result<ShipmentDetailDto>.Conflict(text.Format(stray, text.Enum(assignment.Status)));

        await people.RememberAsync(scope.UserName, receiver!, ct);
        var raced = text.Format(Shipment.AlreadyReceived, "?");
        var failed = await db.TrySaveAsync(text, input.Version, ct, raced: raced,
            duplicate: () => Result<ShipmentDetailDto>.Conflict(raced));
        return failed ?? await get.HandleAsync(shipment.Id, UserScope.System, ct);
    }

    private static Discrepancy Found(DiscrepancyKind kind, int? itemId, string barcode, DateTime at) =>
        new() { Kind = kind, ItemId = itemId, Barcode = barcode, RecordedAt = at };

}
