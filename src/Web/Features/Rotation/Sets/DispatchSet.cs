using System.Globalization;
using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

/// <param name="Sender">Who hands the set over for the sender, printed on the handover record; optional.</param>
public sealed record DispatchInput(int? ToId, string? TrackingNumber, DateOnly? ExpectedOn, int? AssignmentId = null,
    HandoverPerson? Sender = null);

/// Sends a set through the post: from its library to a point, from the point holding it on to the next point, or
/// back home. The copies go into the post's custody until the other end scans them in.
public sealed class DispatchSet(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, GetShipment get,
    HandoverPeople people)
{
    public async Task<Result<ShipmentDetailDto>> HandleAsync(int setId, DispatchInput input, long? expectedVersion, UserScope scope,
        CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Include(s => s.Items).ThenInclude(i => i.Item)
            .SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<ShipmentDetailDto>.NotFound();
        var mayDispatch = set.IsAtHome
            ? RotationScope.OwnsLibrary(scope, set.OwnerId)
            : RotationScope.IsAt(scope, set.LocationId) || RotationScope.OwnsLibrary(scope, set.OwnerId);
        if (!mayDispatch) return Result<ShipmentDetailDto>.Forbidden(text["Rotation.NotYourSet"]);
        if (expectedVersion is { } v && v != set.Version) return Result<ShipmentDetailDto>.Stale(text["Concurrency.Stale"]);
        if (set.CheckDispatch() is { } cannot) return Result<ShipmentDetailDto>.Conflict(text.Format(cannot, text.Enum(set.Status)));

        var errors = new FieldErrors();
        RotationAssignment? assignment = null;
        if (input.AssignmentId is { } aid)
        {
            assignment = await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == aid && a.SetId == setId, ct);
            if (assignment is null || assignment.Status != AssignmentStatus.Planned)
                errors.Add("assignmentId", text["Rotation.AssignmentNotPlanned"]);
        }
        else if (input.ToId is { } wanted)
        {
            assignment = await db.RotationAssignments
                .Where(a => a.SetId == setId && a.PointId == wanted && a.Status == AssignmentStatus.Planned)
                .OrderBy(a => a.DispatchOn).FirstOrDefaultAsync(ct);
        }
        var toId = input.ToId ?? assignment?.PointId;
        var to = toId is { } t ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == t, ct) : null;
        if (to is null) errors.Add("toId", text["Rotation.DestinationRequired"]);
        else if (to.Id == set.LocationId) errors.Add("toId", text["Rotation.SamePoint"]);
        else if (to.Id != set.OwnerId && !RotationScope.TakesSets(to)) errors.Add("toId", text["Rotation.PointCannotTake"]);
        else if (to.IsLibrary && to.Id != set.OwnerId) errors.Add("toId", text["Rotation.ReturnToOwner"]);
        var tracking = TextFolding.CleanOrNull(input.TrackingNumber)?.ToUpperInvariant();
        if (tracking is { Length: > 40 }) errors.Add("trackingNumber", text.Format("Validation.MaxLength", 40));
        var today = clock.Today();
        if (input.ExpectedOn is { } expected && (expected < today || expected > today.AddDays(90)))
            errors.Add("expectedOn", text["Rotation.ExpectedRange"]);
        var sender = people.Check(input.Sender, "sender", errors);
        if (errors.Any) return errors.ToResult<ShipmentDetailDto>();

        var now = db.UtcNow;
        var shipment = new Shipment
        {
            Number = await NextNumberAsync(now, ct), SetId = set.Id, FromId = set.LocationId, ToId = to!.Id, AssignmentId = assignment?.Id,
            TrackingNumber = tracking, DispatchedBy = scope.UserName, DispatchedAt = now, ExpectedOn = input.ExpectedOn ?? today.AddDays(7),
            SenderName = sender!.Name, SenderPosition = sender.Position,
        };
        // Only copies here travel: those on loan, still missing from an earlier journey, or on their way back stay out
        // of the parcel (a copy returned later follows the set as a transfer).
        var travelling = set.Items.Select(m => m.Item)
            .Where(i => i.LocationId == set.LocationId && i.Status is ItemStatus.InSet or ItemStatus.Available or ItemStatus.Damaged)
            .ToList();
        if (travelling.Count == 0) return Result<ShipmentDetailDto>.Conflict(text[RotationSet.Empty]);
        foreach (var item in travelling)
            shipment.Items.Add(new ShipmentItem { ItemId = item.Id, TitleId = item.TitleId, Outcome = ShipmentItemOutcome.Pending });
        db.Shipments.Add(shipment);
        // The set's last stay ends as it leaves.
        var previous = await db.RotationAssignments.Where(a => a.SetId == set.Id && a.Status == AssignmentStatus.Received).ToListAsync(ct);
        foreach (var p in previous) p.Return(); // read as Received, so each may return
        if (set.Dispatch(to.Id, now) is { } refused) return Result<ShipmentDetailDto>.Conflict(text.Format(refused, text.Enum(set.Status)));
        await people.RememberAsync(scope.UserName, sender, ct);

        async Task SaveAsync()
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await movements.MoveAsync(travelling, CustodyHolder.Post, null, ItemStatus.InTransit, shipment.Id, now, scope.UserName,
                shipment.TrackingNumber, ct, keepHistory: true);
            db.SetEvents.Add(new SetEvent
            {
                SetId = set.Id, At = now, Status = set.Status, LocationId = set.LocationId, ShipmentId = shipment.Id, By = scope.UserName,
                Note = to.Name,
            });
            // Checked as Planned above; the shipment's id exists only now.
            if (assignment?.Dispatch(shipment.Id) is { } notPlanned) throw new InvalidOperationException(notPlanned);

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        // The unique index on a set's open journey refuses a second dispatch that raced this one.
        var failed = await db.TrySaveAsync(text, expectedVersion, ct, SaveAsync, text["Rotation.AlreadyDispatched"],
            () => Result<ShipmentDetailDto>.Conflict(text["Rotation.AlreadyDispatched"]));
        return failed ?? await get.HandleAsync(shipment.Id, UserScope.System, ct);
    }

    /// "N/BBGN-YYYY", numbered within the year.
    private async Task<string> NextNumberAsync(DateTime now, CancellationToken ct)
    {
        var year = VnTime.ToLocal(now).Year;
        var suffix = $"/BBGN-{year.ToString(CultureInfo.InvariantCulture)}";
        var numbers = await db.Shipments.Where(s => s.Number.EndsWith(suffix)).Select(s => s.Number).ToListAsync(ct);
        var next = numbers.Select(LeadingNumber).DefaultIfEmpty(0).Max() + 1;
        return next.ToString(CultureInfo.InvariantCulture) + suffix;

        static int LeadingNumber(string n) =>
            int.TryParse(n.AsSpan(0, n.IndexOf('/', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                ? k : 0;

    }
}

