using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record ReturnInput(IReadOnlyList<string>? Barcodes, DateTimeOffset? OccurredAt = null, int? PointId = null);

public enum ReturnOutcome { BackInSet, BackOnShelf, Transfer }

public sealed record ReturnLine(string Barcode, string TitleProper, ReturnOutcome Outcome, string? TransferTo, int DaysOverdue);

/// Takes copies back at any point. A copy whose set is here goes back into the set; one whose set has moved on is
/// routed as a transfer to wherever the set is now; a copy in no set goes back on the shelf here. A copy outside the
/// point's network (not here, not lent here, not of a set that has come to the point) is "not found", like one that does
/// not exist.
public sealed class ReturnItems(AppDbContext db, Text text, ItemMovements movements, IOptions<CirculationOptions> options)
{
    public async Task<Result<IReadOnlyList<ReturnLine>>> HandleAsync(ReturnInput input, UserScope scope, CancellationToken ct)
    {
        var pointId = CirculationScope.DeskPoint(scope, input.PointId);
        // A copy at this point (on its shelf, or lent here), the point's own, or one whose set is here.
        bool Local(int locationId, int ownerId,
            int? setLocationId) => locationId == pointId || ownerId == pointId || setLocationId == pointId;
        var errors = new FieldErrors();
        if (pointId is null) errors.Add("pointId", text["Circulation.PointRequired"]);
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        var barcodes = Barcodes.Clean(input.Barcodes);
        if (barcodes.Count == 0) errors.Add("barcodes", text["Circulation.ScanItems"]);
        else if (barcodes.Count > CheckOut.MaxPerRequest)
            errors.Add("barcodes", text.Format("Rotation.TooManyBarcodes", CheckOut.MaxPerRequest));
        if (errors.Any) return errors.ToResult<IReadOnlyList<ReturnLine>>();

        var open = await DeskQueries.OpenLoans.For(db)(db, barcodes).ToListAsync(ct);
        // Return anywhere, within the point's network: the copies here or lent here, the point's own (a library's
        // desk), and the copies of the sets that have come to this point. Anything else answers as a copy that does
        // not exist, so that scanning barcodes at a desk does not tell which copies of the province are out.
        var elsewhere = open.Where(o => !Local(o.Item.LocationId, o.Item.OwnerId, o.SetLocationId)).Select(o => o.Item.Id).ToList();
        var notOpen = barcodes.Where(b => open.All(o => o.Item.Barcode != b)).ToList();
        var known = notOpen.Count == 0 ? []
            : await db.Items.Where(i => notOpen.Contains(i.Barcode)).Select(i => new { i.Id, i.Barcode, i.LocationId,
                i.OwnerId }).ToListAsync(ct);
        elsewhere.AddRange(known.Where(k => !Local(k.LocationId, k.OwnerId, null)).Select(k => k.Id));
        var served = elsewhere.Count == 0 ? []
            : (await DeskQueries.ServedCopies.For(db)(db, pointId!.Value, elsewhere).ToListAsync(ct)).ToHashSet();
        var returnable = open.Where(o => !elsewhere.Contains(o.Item.Id) || served.Contains(o.Item.Id)).ToList();
        foreach (var b in barcodes.Where(b => returnable.All(o => o.Item.Barcode != b)))
        {
            var copy = known.SingleOrDefault(k => k.Barcode == b);
            var ours = copy is not null && (!elsewhere.Contains(copy.Id) || served.Contains(copy.Id));
            errors.Add("barcodes", text.Format(ours ? "Circulation.NotOnLoan" : "Circulation.CopyNotFound", b));
        }
        if (errors.Any) return errors.ToResult<IReadOnlyList<ReturnLine>>();
        open = returnable;

        var lines = new List<ReturnLine>();
        var moves = new Dictionary<ReturnOutcome, List<Item>>
        {
            [ReturnOutcome.BackInSet] = [], [ReturnOutcome.Transfer] = [], [ReturnOutcome.BackOnShelf] = [],
        };
        var day = VnTime.DayOf(at!.Value);
        foreach (var (loan, item, titleProper, _, setLocationId, setName) in open)
        {
            // Only open loans were read, so the move is always allowed; a return racing this one loses at the save.
            loan.Return(at.Value, pointId!.Value, scope.UserName);
            var overdue = Math.Max(0, day.DayNumber - loan.DueOn.DayNumber);
            // Back into its set here; after its set if the set has moved on (it waits here to be posted); else on the shelf.
            var outcome = setLocationId is null ? ReturnOutcome.BackOnShelf
                : setLocationId == pointId ? ReturnOutcome.BackInSet
                : ReturnOutcome.Transfer;
            if (outcome == ReturnOutcome.Transfer)
                db.Transfers.Add(Transfer.Route(loan.ItemId, pointId.Value, setLocationId!.Value, at.Value));
            moves[outcome].Add(item);
            lines.Add(new ReturnLine(item.Barcode, titleProper, outcome, outcome == ReturnOutcome.Transfer ? setName : null, overdue));
        }
        var by = scope.UserName;
        await movements.MoveAsync(
            moves[ReturnOutcome.BackInSet], CustodyHolder.ServicePoint, pointId, ItemStatus.InSet, null, at.Value, by, null, ct);
        await movements.MoveAsync(
            moves[ReturnOutcome.Transfer], CustodyHolder.ServicePoint, pointId, ItemStatus.InTransit, null, at.Value, by,
            text["Circulation.TransferNote"], ct);
        await movements.MoveAsync(
            moves[ReturnOutcome.BackOnShelf], CustodyHolder.ServicePoint, pointId, ItemStatus.Available, null, at.Value, by, null, ct);
        var returnedMeanwhile = text["Circulation.ReturnedMeanwhile"];
        if (await db.TrySaveAsync<IReadOnlyList<ReturnLine>>(text, null, ct, raced: returnedMeanwhile,
                duplicate: () => Result<IReadOnlyList<ReturnLine>>.Conflict(returnedMeanwhile)) is { } failed) return failed;
        return lines;
    }
}
