using System.Globalization;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Rotation;

public sealed record ShipmentSummaryDto(int Id, string Number, int SetId, string SetCode, string SetName, int FromId, string FromName, int ToId, string ToName,
    string? TrackingNumber, ShipmentStatus Status, DateTime DispatchedAt, string DispatchedBy, DateOnly? ExpectedOn, DateTime? ReceivedAt, string? ReceivedBy,
    int ItemCount, int OpenDiscrepancies, long Version);

public sealed record ShipmentItemDto(int ItemId, string Barcode, int TitleId, string TitleProper, ShipmentItemOutcome Outcome);

public sealed record DiscrepancyDto(int Id, int ShipmentId, string ShipmentNumber, string SetCode, DiscrepancyKind Kind, int? ItemId, string Barcode, string? TitleProper,
    DateTime RecordedAt, DiscrepancyResolution? Resolution, string? ResolvedBy, DateTime? ResolvedAt, string? Note, long Version);

public sealed record ShipmentDetailDto(ShipmentSummaryDto Shipment, IReadOnlyList<ShipmentItemDto> Items, IReadOnlyList<DiscrepancyDto> Discrepancies);

public sealed record DispatchInput(int? ToId, string? TrackingNumber, DateOnly? ExpectedOn, int? AssignmentId = null);

public sealed record ReceiveInput(IReadOnlyList<string>? Barcodes, IReadOnlyList<string>? Damaged = null, long? Version = null);

public sealed record ResolveInput(DiscrepancyResolution? Resolution, string? Note, long? Version = null);

public sealed record ShipmentQuery(ShipmentStatus? Status = null, string? Direction = null, int? Set = null, int? Page = null, int? PageSize = null);

public sealed record OverdueDto(string Kind, int SetId, string SetCode, int PointId, string PointName, DateOnly DueOn, int DaysOverdue, int? ShipmentId);

public static class ShipmentProjections
{
    public static IQueryable<ShipmentSummaryDto> ToSummaries(this IQueryable<Shipment> shipments) => shipments.Select(s => new ShipmentSummaryDto(
        s.Id, s.Number, s.SetId, s.Set.Code, s.Set.Name, s.FromId, s.From.Name, s.ToId, s.To.Name, s.TrackingNumber, s.Status, s.DispatchedAt, s.DispatchedBy,
        s.ExpectedOn, s.ReceivedAt, s.ReceivedBy, s.Items.Count, s.Discrepancies.Count(d => d.Resolution == null), s.Version));

    public static IQueryable<DiscrepancyDto> ToDtos(this IQueryable<Discrepancy> d) => d.Select(x => new DiscrepancyDto(
        x.Id, x.ShipmentId, x.Shipment.Number, x.Shipment.Set.Code, x.Kind, x.ItemId, x.Barcode, x.Item != null ? x.Item.Title.TitleProper : null,
        x.RecordedAt, x.Resolution, x.ResolvedBy, x.ResolvedAt, x.Note, x.Version));

}

public sealed class ListShipments(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<ShipmentSummaryDto>>> HandleAsync(ShipmentQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (query.Direction is not (null or "" or "incoming" or "outgoing")) errors.Add("direction", text["Rotation.DirectionValues"]);
        if (errors.Any) return errors.ToResult<PagedList<ShipmentSummaryDto>>();
        var shipments = RotationScope.Shipments(db, scope, clock.Today());
        if (query.Status is { } status) shipments = shipments.Where(s => s.Status == status);
        if (query.Set is { } set) shipments = shipments.Where(s => s.SetId == set);
        if (scope.PointId is { } here && query.Direction == "incoming") shipments = shipments.Where(s => s.ToId == here);
        if (scope.PointId is { } there && query.Direction == "outgoing") shipments = shipments.Where(s => s.FromId == there);
        return await shipments.OrderByDescending(s => s.DispatchedAt).ThenByDescending(s => s.Id).ToSummaries().ToPagedAsync(page, ct);
    }
}

public sealed class GetShipment(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ShipmentDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var shipment = await RotationScope.Shipments(db, scope, clock.Today()).Where(s => s.Id == id).ToSummaries().SingleOrDefaultAsync(ct);
        if (shipment is null) return Result<ShipmentDetailDto>.NotFound();
        var items = await db.ShipmentItems.Where(i => i.ShipmentId == id).OrderBy(i => i.Item.Barcode)
            .Select(i => new ShipmentItemDto(i.ItemId, i.Item.Barcode, i.TitleId, db.Titles.Where(t => t.Id == i.TitleId).Select(t => t.TitleProper).First(), i.Outcome))
            .ToListAsync(ct);
        var discrepancies = await db.Discrepancies.Where(d => d.ShipmentId == id).OrderBy(d => d.Kind).ThenBy(d => d.Barcode).ToDtos().ToListAsync(ct);
        return new ShipmentDetailDto(shipment, items, discrepancies);
    }
}

/// Sends a set through the post: from its library to a point, from the point holding it on to the next point, or
/// back home. The copies go into the post's custody until the other end scans them in.
public sealed class DispatchSet(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, GetShipment get)
{
    public async Task<Result<ShipmentDetailDto>> HandleAsync(int setId, DispatchInput input, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).Include(s => s.Items).ThenInclude(i => i.Item)
            .SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<ShipmentDetailDto>.NotFound();
        var atLibrary = set.Status is SetStatus.Ready or SetStatus.Home;
        var mayDispatch = atLibrary ? RotationScope.OwnsLibrary(scope, set.OwnerId) : RotationScope.IsAt(scope, set.LocationId) || RotationScope.OwnsLibrary(scope, set.OwnerId);
        if (!mayDispatch) return Result<ShipmentDetailDto>.Forbidden(text["Rotation.NotYourSet"]);
        if (expectedVersion is { } v && v != set.Version) return Result<ShipmentDetailDto>.Stale(text["Concurrency.Stale"]);
        if (!atLibrary && set.Status != SetStatus.AtPoint) return Result<ShipmentDetailDto>.Conflict(text.Format("Rotation.CannotDispatch", text.Enum(set.Status)));
        if (set.Items.Count == 0) return Result<ShipmentDetailDto>.Conflict(text["Rotation.SetEmpty"]);

        var errors = new FieldErrors();
        RotationAssignment? assignment = null;
        if (input.AssignmentId is { } aid)
        {
            assignment = await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == aid && a.SetId == setId, ct);
            if (assignment is null || assignment.Status != AssignmentStatus.Planned) errors.Add("assignmentId", text["Rotation.AssignmentNotPlanned"]);
        }
        else if (input.ToId is { } wanted)
        {
            assignment = await db.RotationAssignments.Where(a => a.SetId == setId && a.PointId == wanted && a.Status == AssignmentStatus.Planned)
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
        if (input.ExpectedOn is { } expected && (expected < today || expected > today.AddDays(90))) errors.Add("expectedOn", text["Rotation.ExpectedRange"]);
        if (errors.Any) return errors.ToResult<ShipmentDetailDto>();

        var now = db.UtcNow;
        var home = to!.Id == set.OwnerId;
        var shipment = new Shipment
        {
            Number = await NextNumberAsync(now, ct), SetId = set.Id, FromId = set.LocationId, ToId = to.Id, AssignmentId = assignment?.Id,
            TrackingNumber = tracking, DispatchedBy = scope.UserName, DispatchedAt = now, ExpectedOn = input.ExpectedOn ?? today.AddDays(7),
        };
        // Only copies here travel: those on loan, still missing from an earlier journey, or on their way back stay out
        // of the parcel (a copy returned later follows the set as a transfer).
        var travelling = set.Items.Select(m => m.Item)
            .Where(i => i.LocationId == set.LocationId && i.Status is ItemStatus.InSet or ItemStatus.Available or ItemStatus.Damaged).ToList();
        if (travelling.Count == 0) return Result<ShipmentDetailDto>.Conflict(text["Rotation.SetEmpty"]);
        foreach (var item in travelling) shipment.Items.Add(new ShipmentItem { ItemId = item.Id, TitleId = item.TitleId, Outcome = ShipmentItemOutcome.Pending });
        db.Shipments.Add(shipment);
        // The set's last stay ends as it leaves.
        var previous = await db.RotationAssignments.Where(a => a.SetId == set.Id && a.Status == AssignmentStatus.Received).ToListAsync(ct);
        foreach (var p in previous) p.Status = AssignmentStatus.Returned;
        set.Status = home ? SetStatus.Returning : SetStatus.Dispatched;
        set.UpdatedAt = now;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await movements.MoveAsync(travelling, CustodyHolder.Post, null, ItemStatus.InTransit, shipment.Id, now, scope.UserName, shipment.TrackingNumber, ct,
                keepHistory: true);
            db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = set.Status, LocationId = set.LocationId, ShipmentId = shipment.Id, By = scope.UserName, Note = to.Name });
            if (assignment is not null)
            {
                assignment.Status = AssignmentStatus.Dispatched;
                assignment.ShipmentId = shipment.Id;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ShipmentDetailDto>.Conflict(text["Rotation.AlreadyDispatched"]);
        }
        catch (DbUpdateException)
        {
            return Result<ShipmentDetailDto>.Conflict(text["Rotation.AlreadyDispatched"]);
        }
        return await get.HandleAsync(shipment.Id, UserScope.System, ct);
    }

    /// "N/BBGN-YYYY", numbered within the year.
    private async Task<string> NextNumberAsync(DateTime now, CancellationToken ct)
    {
        var year = VnTime.ToLocal(now).Year;
        var suffix = $"/BBGN-{year.ToString(CultureInfo.InvariantCulture)}";
        var numbers = await db.Shipments.Where(s => s.Number.EndsWith(suffix)).Select(s => s.Number).ToListAsync(ct);
        var next = numbers.Select(n => int.TryParse(n.AsSpan(0, n.IndexOf('/', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
            .DefaultIfEmpty(0).Max() + 1;
        return next.ToString(CultureInfo.InvariantCulture) + suffix;
    }
}

/// The receiving end scans every copy. What was sent and not scanned is missing, what was scanned and not sent is
/// extra, and what is marked damaged is damaged: each becomes a discrepancy and the shipment closes with them.
public sealed class ReceiveShipment(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements, GetShipment get)
{
    public const int MaxBarcodes = 5000;

    public async Task<Result<ShipmentDetailDto>> HandleAsync(int shipmentId, ReceiveInput input, UserScope scope, CancellationToken ct)
    {
        var shipment = await RotationScope.Shipments(db, scope, clock.Today()).Include(s => s.Items).ThenInclude(i => i.Item).Include(s => s.Set)
            .SingleOrDefaultAsync(s => s.Id == shipmentId, ct);
        if (shipment is null) return Result<ShipmentDetailDto>.NotFound();
        if (!RotationScope.IsAt(scope, shipment.ToId)) return Result<ShipmentDetailDto>.Forbidden(text["Rotation.NotYourShipment"]);
        if (shipment.Status != ShipmentStatus.InTransit) return Result<ShipmentDetailDto>.Conflict(text.Format("Rotation.AlreadyReceived", shipment.ReceivedBy));
        if (input.Version is { } v && v != shipment.Version) return Result<ShipmentDetailDto>.Stale(text["Concurrency.Stale"]);
        var scanned = Barcodes.Clean(input.Barcodes);
        var damaged = Barcodes.Clean(input.Damaged);
        if (scanned.Count + damaged.Count == 0) return Result<ShipmentDetailDto>.Invalid("barcodes", text["Rotation.ScanItems"]);
        if (scanned.Count + damaged.Count > MaxBarcodes) return Result<ShipmentDetailDto>.Invalid("barcodes", text.Format("Rotation.TooManyBarcodes", MaxBarcodes));
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
                shipment.Discrepancies.Add(new Discrepancy { Kind = DiscrepancyKind.Missing, ItemId = line.ItemId, Barcode = barcode, RecordedAt = now });
            }
            else if (damaged.Contains(barcode))
            {
                line.Outcome = ShipmentItemOutcome.Damaged;
                damagedItems.Add(line.Item);
                shipment.Discrepancies.Add(new Discrepancy { Kind = DiscrepancyKind.Damaged, ItemId = line.ItemId, Barcode = barcode, RecordedAt = now });
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
            shipment.Discrepancies.Add(new Discrepancy { Kind = DiscrepancyKind.Extra, ItemId = known.TryGetValue(barcode, out var id) ? id : null, Barcode = barcode, RecordedAt = now });

        var home = shipment.ToId == shipment.Set.OwnerId;
        await movements.MoveAsync(arrived, CustodyHolder.ServicePoint, shipment.ToId, ItemStatus.InSet, shipment.Id, now, scope.UserName, null, ct);
        await movements.MoveAsync(damagedItems, CustodyHolder.ServicePoint, shipment.ToId, ItemStatus.Damaged, shipment.Id, now, scope.UserName, null, ct);
        shipment.Status = ShipmentStatus.Received;
        shipment.ReceivedAt = now;
        shipment.ReceivedBy = scope.UserName;
        shipment.Set.Status = home ? SetStatus.Home : SetStatus.AtPoint;
        shipment.Set.LocationId = shipment.ToId;
        shipment.Set.UpdatedAt = now;
        db.SetEvents.Add(new SetEvent { SetId = shipment.SetId, At = now, Status = shipment.Set.Status, LocationId = shipment.ToId, ShipmentId = shipment.Id, By = scope.UserName });
        if (shipment.AssignmentId is { } aid && await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == aid, ct) is { } assignment)
            assignment.Status = AssignmentStatus.Received;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ShipmentDetailDto>.Conflict(text.Format("Rotation.AlreadyReceived", "?"));
        }
        catch (DbUpdateException)
        {
            return Result<ShipmentDetailDto>.Conflict(text.Format("Rotation.AlreadyReceived", "?"));
        }
        return await get.HandleAsync(shipment.Id, UserScope.System, ct);
    }
}

public sealed class ListDiscrepancies(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<DiscrepancyDto>>> HandleAsync(bool? open, int? page, int? pageSize, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = Paging.Validate(page, pageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<DiscrepancyDto>>();
        var shipments = RotationScope.Shipments(db, scope, clock.Today()).Select(s => s.Id);
        var rows = db.Discrepancies.Where(d => shipments.Contains(d.ShipmentId));
        if (open != false) rows = rows.Where(d => d.Resolution == null);
        return await rows.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id).ToDtos().ToPagedAsync(request, ct);
    }
}

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
        if (!RotationScope.OwnsLibrary(scope, d.Shipment.Set.OwnerId)) return Result<DiscrepancyDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (input.Resolution is not { } resolution) return Result<DiscrepancyDto>.Invalid("resolution", text["Rotation.ResolutionRequired"]);
        if (d.Kind == DiscrepancyKind.Extra && resolution == DiscrepancyResolution.Lost) return Result<DiscrepancyDto>.Invalid("resolution", text["Rotation.ExtraNotLost"]);
        if (input.Note?.Length > 500) return Result<DiscrepancyDto>.Invalid("note", text.Format("Validation.MaxLength", 500));
        if (d.Resolution is not null) return Result<DiscrepancyDto>.Conflict(text["Rotation.AlreadyResolved"]);
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
                    await movements.MoveAsync([item], travelling ? CustodyHolder.Post : CustodyHolder.ServicePoint, travelling ? null : set.LocationId,
                        travelling ? ItemStatus.InTransit : ItemStatus.InSet, d.ShipmentId, now, scope.UserName, text.Enum(resolution), ct);
                    break;
                case DiscrepancyResolution.Lost:
                case DiscrepancyResolution.WrittenOff:
                    await movements.EndAsync(item, resolution == DiscrepancyResolution.Lost ? ItemStatus.Lost : ItemStatus.Withdrawn, now, scope.UserName, ct);
                    if (member is not null) db.RotationSetItems.Remove(member);
                    break;
            }
        }
        else if (d.Item is { } extra && resolution == DiscrepancyResolution.Found)
        {
            // An extra copy that is ours: it is where it was scanned.
            await movements.MoveAsync([extra], CustodyHolder.ServicePoint, d.Shipment.ToId,
                await db.RotationSetItems.AnyAsync(m => m.ItemId == extra.Id, ct) ? ItemStatus.InSet : ItemStatus.Available, d.ShipmentId, now, scope.UserName, text.Enum(resolution), ct);
        }
        d.Resolution = resolution;
        d.ResolvedAt = now;
        d.ResolvedBy = scope.UserName;
        d.Note = TextFolding.CleanOrNull(input.Note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<DiscrepancyDto>.Conflict(text["Rotation.AlreadyResolved"]);
        }
        return await db.Discrepancies.Where(x => x.Id == id).ToDtos().SingleAsync(ct);
    }
}

/// Sets past their due-back date at a point, and shipments past their expected date still in the post.
public sealed class ListOverdue(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<OverdueDto>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var sets = RotationScope.Sets(db, scope, today).Select(s => s.Id);
        var stays = await db.RotationAssignments.Where(a => a.Status == AssignmentStatus.Received && a.DueBackOn < today && sets.Contains(a.SetId))
            .Select(a => new { a.SetId, a.Set.Code, a.PointId, a.Point.Name, a.DueBackOn }).ToListAsync(ct);
        var late = await RotationScope.Shipments(db, scope, today).Where(s => s.Status == ShipmentStatus.InTransit && s.ExpectedOn < today)
            .Select(s => new { s.Id, s.SetId, s.Set.Code, s.ToId, s.To.Name, s.ExpectedOn }).ToListAsync(ct);
        return stays.Select(a => new OverdueDto("AtPoint", a.SetId, a.Code, a.PointId, a.Name, a.DueBackOn, today.DayNumber - a.DueBackOn.DayNumber, null))
            .Concat(late.Select(s => new OverdueDto("InTransit", s.SetId, s.Code, s.ToId, s.Name, s.ExpectedOn!.Value, today.DayNumber - s.ExpectedOn!.Value.DayNumber, s.Id)))
            .OrderByDescending(o => o.DaysOverdue).ThenBy(o => o.SetCode, StringComparer.Ordinal).ToList();
    }
}

public sealed record CustodyAnswer(int ItemId, string Barcode, DateTime? At, CustodyDto? Holder, IReadOnlyList<CustodyDto> Chain);

/// A copy's chain of custody, and who held it at a given moment.
public sealed class GetCustody(AppDbContext db, TimeProvider clock, ItemMovements movements)
{
    public async Task<Result<CustodyAnswer>> HandleAsync(int itemId, DateTime? at, UserScope scope, CancellationToken ct)
    {
        var item = await ItemScope.Visible(db, scope, clock.Today()).Where(i => i.Id == itemId).Select(i => new { i.Id, i.Barcode }).SingleOrDefaultAsync(ct);
        if (item is null)
        {
            // A point also sees the copies that passed through it.
            if (scope.Role != AppRole.Point || !await db.ItemCustody.AnyAsync(c => c.ItemId == itemId && c.ServicePointId == scope.PointId, ct))
                return Result<CustodyAnswer>.NotFound();
            item = await db.Items.Where(i => i.Id == itemId).Select(i => new { i.Id, i.Barcode }).SingleAsync(ct);
        }
        var chain = await movements.ChainAsync(itemId, ct);
        return new CustodyAnswer(item.Id, item.Barcode, at, at is { } when ? ItemMovements.At(chain, when) : null, chain);
    }
}

public sealed record CapacityInput(int? Capacity);

/// How many sets a point takes at once (0 takes it out of rotation).
public sealed class SetPointCapacity(AppDbContext db, Text text)
{
    public async Task<Result<CapacityInput>> HandleAsync(int pointId, CapacityInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(RotationScope.Planners)) return Result<CapacityInput>.Forbidden(text["Scope.RoleCannotWrite"]);
        var point = await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == pointId, ct);
        if (point is null) return Result<CapacityInput>.NotFound();
        if (input.Capacity is not (>= 0 and <= 10)) return Result<CapacityInput>.Invalid("capacity", text["Rotation.CapacityRange"]);
        var row = await db.PointRotationSettings.SingleOrDefaultAsync(s => s.PointId == pointId, ct);
        if (row is null) db.PointRotationSettings.Add(row = new PointRotationSetting { PointId = pointId });
        row.Capacity = input.Capacity.Value;
        await db.SaveChangesAsync(ct);
        return input;
    }
}
