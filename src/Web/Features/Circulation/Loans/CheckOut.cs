using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record CheckOutInput(
    string? ReaderCard, int? ReaderId, IReadOnlyList<string>? Barcodes, DateTimeOffset? OccurredAt = null, int? PointId = null);

public sealed record CheckOutResult(IReadOnlyList<LoanDto> Loans, DateOnly DueOn);

/// Lends copies to a reader of the point: the copies must be at the point and free, the reader within the point's
/// limit. All or nothing. The unique index on open loans makes a copy lent twice at the same moment fail for one desk.
public sealed class CheckOut(AppDbContext db, Text text, LoanRules rules, ItemMovements movements, IOptions<CirculationOptions> options)
{
    public const int MaxPerRequest = 20;

    public async Task<Result<CheckOutResult>> HandleAsync(CheckOutInput input, UserScope scope, CancellationToken ct)
    {
        var pointId = CirculationScope.DeskPoint(scope, input.PointId);
        var errors = new FieldErrors();
        if (pointId is null) errors.Add("pointId", text["Circulation.PointRequired"]);
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        var barcodes = Barcodes.Clean(input.Barcodes);
        if (barcodes.Count == 0) errors.Add("barcodes", text["Circulation.ScanItems"]);
        else if (barcodes.Count > MaxPerRequest) errors.Add("barcodes", text.Format("Rotation.TooManyBarcodes", MaxPerRequest));
        if (errors.Any) return errors.ToResult<CheckOutResult>();

        // The reader of the desk's point (the only readers a desk sees: CirculationScope.Readers) and the books already out.
        var card = input.ReaderCard?.Trim().ToUpperInvariant();
        var found = card is { Length: > 0 } ? await DeskQueries.ReaderByCard.For(db)(db, pointId!.Value, card, ct)
            : input.ReaderId is { } rid ? await DeskQueries.ReaderById.For(db)(db, pointId!.Value, rid, ct)
            : null;
        if (found is null) return Result<CheckOutResult>.Invalid("readerCard", text["Circulation.UnknownReader"]);
        var rule = await rules.EffectiveAsync(pointId, ct);
        var open = found.Open;
        if (open + barcodes.Count > rule.MaxItems)
            return Result<CheckOutResult>.Invalid("barcodes", text.Format("Circulation.TooManyLoans", rule.MaxItems, open));
        var copies = await DeskQueries.Copies.For(db)(db, barcodes).ToListAsync(ct);
        var items = copies.ConvertAll(c => c.Item);
        foreach (var b in barcodes)
        {
            var item = items.SingleOrDefault(i => i.Barcode == b);
            if (item is null) errors.Add("barcodes", text.Format("Rotation.UnknownBarcode", b));
            // Not here first: a copy lent at another point is "not here", so a desk does not learn who has what elsewhere.
            else if (item.LocationId != pointId) errors.Add("barcodes", text.Format("Circulation.NotHere", b));
            else if (item.Status == ItemStatus.OnLoan) errors.Add("barcodes", text.Format("Circulation.AlreadyOnLoan", b));
            else if (item.Status is not (ItemStatus.Available or ItemStatus.InSet))
                errors.Add("barcodes", text.Format("Rotation.ItemGone", b, text.Enum(item.Status)));
        }
        if (errors.Any) return errors.ToResult<CheckOutResult>();

        var lentOn = VnTime.DayOf(at!.Value);
        var due = LoanRules.DueOn(lentOn, rule, rule.LoanDays);
        var loans = items.Select(i => Loan.Lend(i.Id, found.Id, pointId!.Value, at.Value, due, scope.UserName)).ToList();
        db.Loans.AddRange(loans);
        // The desk found the reader by card and the answer names them: a look at the reader (finding 15), in the same save.
        db.ReaderViews.Add(new ReaderView { At = now, UserId = scope.UserId, UserName = scope.UserName, ReaderId = found.Id,
            What = ReaderView.Desk });
        await movements.MoveAsync(
            items, CustodyHolder.Reader, pointId, ItemStatus.OnLoan, null, at.Value, scope.UserName, null, ct, keepHistory: true);
        // Another desk lending one of these copies at the same moment trips the unique index on open loans.
        var lentMeanwhile = text["Circulation.LentMeanwhile"];
        if (await db.TrySaveAsync<CheckOutResult>(
                text, null, ct, raced: lentMeanwhile, duplicate: () => Result<CheckOutResult>.Conflict(lentMeanwhile))
            is { } failed) return failed;
        var dtos = loans
            .Join(copies, l => l.ItemId, c => c.Item.Id, (l, c) => new LoanDto(l.Id, c.Item.Id, c.Item.Barcode, c.TitleProper, found.Id,
                found.CardNumber, found.FullName, l.PointId, l.LentAt, l.DueOn, 0, null, null, 0))
            .OrderBy(d => d.Barcode, StringComparer.Ordinal)
            .ToList();
        return new CheckOutResult(dtos, due);
    }
}
