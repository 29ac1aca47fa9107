using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record LoanDto(int Id, int ItemId, string Barcode, string TitleProper, int ReaderId, string CardNumber, string ReaderName, int PointId,
    DateTime LentAt, DateOnly DueOn, int Renewals, DateTime? ReturnedAt, int? ReturnedAtPointId, int DaysOverdue);

public sealed record CheckOutInput(string? ReaderCard, int? ReaderId, IReadOnlyList<string>? Barcodes, DateTimeOffset? OccurredAt = null, int? PointId = null);

public sealed record CheckOutResult(IReadOnlyList<LoanDto> Loans, DateOnly DueOn);

public sealed record ReturnInput(IReadOnlyList<string>? Barcodes, DateTimeOffset? OccurredAt = null, int? PointId = null);

public enum ReturnOutcome { BackInSet, BackOnShelf, Transfer }

public sealed record ReturnLine(string Barcode, string TitleProper, ReturnOutcome Outcome, string? TransferTo, int DaysOverdue);

public sealed record RuleDto(int? PointId, int LoanDays, int MaxItems, int MaxRenewals, string ClosedDays, bool IsDefault, long Version);

public sealed record RuleInput(int? LoanDays, int? MaxItems, int? MaxRenewals, string? ClosedDays);

public sealed record LoanQuery(bool? Open = null, bool? Overdue = null, int? Reader = null, int? Page = null, int? PageSize = null);

public static class LoanProjections
{
    public static IQueryable<LoanDto> ToDtos(this IQueryable<Loan> loans, DateOnly today) => loans.Select(l => new LoanDto(
        l.Id, l.ItemId, l.Item.Barcode, l.Item.Title.TitleProper, l.ReaderId, l.Reader.CardNumber, l.Reader.FullName, l.PointId, l.LentAt, l.DueOn, l.Renewals,
        l.ReturnedAt, l.ReturnedAtPointId, l.ReturnedAt == null && l.DueOn < today ? today.DayNumber - l.DueOn.DayNumber : 0));
}

/// The rules that apply at a point: its own, or the provincial default.
public sealed class LoanRules(AppDbContext db, Text text)
{
    // Rules are read at every check-out and change rarely: kept for a minute, and dropped at once when this process
    // saves a rule (another process's change shows within the minute).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, int), (RuleDto Rule, DateTime Until)> s_cache = new();

    public async Task<RuleDto> EffectiveAsync(int? pointId, CancellationToken ct)
    {
        var key = (db.Database.GetConnectionString(), pointId ?? 0);
        if (s_cache.TryGetValue(key, out var cached) && cached.Until > DateTime.UtcNow) return cached.Rule;
        var rule = await db.LoanRules.AsNoTracking().Where(r => r.PointId == pointId || r.PointId == null).OrderBy(r => r.PointId == null).FirstOrDefaultAsync(ct)
            ?? new LoanRule();
        var dto = new RuleDto(rule.PointId, rule.LoanDays, rule.MaxItems, rule.MaxRenewals, rule.ClosedDays, rule.PointId is null, rule.Version);
        s_cache[key] = (dto, DateTime.UtcNow.AddMinutes(1));
        return dto;
    }

    /// The due date: the loan days counted from the day of the loan, moved past the days the point is closed.
    public static DateOnly DueOn(DateOnly lentOn, RuleDto rule, int days)
    {
        var due = lentOn.AddDays(days);
        for (var guard = 0; guard < 7 && rule.ClosedDays.Contains((char)('0' + (int)due.DayOfWeek), StringComparison.Ordinal); guard++) due = due.AddDays(1);
        return due;
    }

    /// A point's operator (or Admin) sets the point's rules; Admin alone sets the provincial default (pointId null).
    public async Task<Result<RuleDto>> SaveAsync(int? pointId, RuleInput input, UserScope scope, CancellationToken ct)
    {
        if (pointId is null ? scope.Role != AppRole.Admin : !scope.Is(CirculationScope.Desk) || (scope.Role == AppRole.Point && scope.PointId != pointId))
            return Result<RuleDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var errors = new FieldErrors();
        if (input.LoanDays is not (>= 1 and <= 90)) errors.Add("loanDays", text["Circulation.LoanDaysRange"]);
        if (input.MaxItems is not (>= 1 and <= 20)) errors.Add("maxItems", text["Circulation.MaxItemsRange"]);
        if (input.MaxRenewals is not (>= 0 and <= 10)) errors.Add("maxRenewals", text["Circulation.RenewalsRange"]);
        var closed = new string((input.ClosedDays ?? "").Where(char.IsAsciiDigit).Distinct().Order().ToArray());
        if (closed.Any(c => c > '6') || closed.Length == 7) errors.Add("closedDays", text["Circulation.ClosedDaysFormat"]);
        if (errors.Any) return errors.ToResult<RuleDto>();
        var rule = await db.LoanRules.SingleOrDefaultAsync(r => r.PointId == pointId, ct);
        if (rule is null) db.LoanRules.Add(rule = new LoanRule { PointId = pointId });
        rule.LoanDays = input.LoanDays!.Value;
        rule.MaxItems = input.MaxItems!.Value;
        rule.MaxRenewals = input.MaxRenewals!.Value;
        rule.ClosedDays = closed;
        await db.SaveChangesAsync(ct);
        s_cache.Clear();
        return await EffectiveAsync(pointId, ct);
    }
}

/// Lends copies to a reader of the point: the copies must be at the point and free, the reader within the point's
/// limit. All or nothing. The unique index on open loans makes a copy lent twice at the same moment fail for one desk.
public sealed class CheckOut(AppDbContext db, Text text, LoanRules rules, ItemMovements movements, IOptions<CirculationOptions> options)
{
    public const int MaxPerRequest = 20;

    public async Task<Result<CheckOutResult>> HandleAsync(CheckOutInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(CirculationScope.Desk)) return Result<CheckOutResult>.Forbidden(text["Scope.RoleCannotWrite"]);
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
            else if (item.Status == ItemStatus.OnLoan) errors.Add("barcodes", text.Format("Circulation.AlreadyOnLoan", b));
            else if (item.LocationId != pointId) errors.Add("barcodes", text.Format("Circulation.NotHere", b));
            else if (item.Status is not (ItemStatus.Available or ItemStatus.InSet)) errors.Add("barcodes", text.Format("Rotation.ItemGone", b, text.Enum(item.Status)));
        }
        if (errors.Any) return errors.ToResult<CheckOutResult>();

        var lentOn = VnTime.DayOf(at!.Value);
        var due = LoanRules.DueOn(lentOn, rule, rule.LoanDays);
        var loans = items.Select(i => new Loan { ItemId = i.Id, ReaderId = found.Id, PointId = pointId!.Value, LentAt = at.Value, DueOn = due, LentBy = scope.UserName }).ToList();
        db.Loans.AddRange(loans);
        await movements.MoveAsync(items, CustodyHolder.Reader, pointId, ItemStatus.OnLoan, null, at.Value, scope.UserName, null, ct, keepHistory: true);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<CheckOutResult>.Conflict(text["Circulation.LentMeanwhile"]);
        }
        var dtos = loans.Join(copies, l => l.ItemId, c => c.Item.Id, (l, c) => new LoanDto(l.Id, c.Item.Id, c.Item.Barcode, c.TitleProper, found.Id, found.CardNumber,
            found.FullName, l.PointId, l.LentAt, l.DueOn, 0, null, null, 0)).OrderBy(d => d.Barcode, StringComparer.Ordinal).ToList();
        return new CheckOutResult(dtos, due);
    }
}

/// Takes copies back at any point. A copy whose set is here goes back into the set; one whose set has moved on is
/// routed as a transfer to wherever the set is now; a copy in no set goes back on the shelf here.
public sealed class ReturnItems(AppDbContext db, Text text, ItemMovements movements, IOptions<CirculationOptions> options)
{
    public async Task<Result<IReadOnlyList<ReturnLine>>> HandleAsync(ReturnInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(CirculationScope.Desk)) return Result<IReadOnlyList<ReturnLine>>.Forbidden(text["Scope.RoleCannotWrite"]);
        var pointId = CirculationScope.DeskPoint(scope, input.PointId);
        var errors = new FieldErrors();
        if (pointId is null) errors.Add("pointId", text["Circulation.PointRequired"]);
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        var barcodes = Barcodes.Clean(input.Barcodes);
        if (barcodes.Count == 0) errors.Add("barcodes", text["Circulation.ScanItems"]);
        else if (barcodes.Count > CheckOut.MaxPerRequest) errors.Add("barcodes", text.Format("Rotation.TooManyBarcodes", CheckOut.MaxPerRequest));
        if (errors.Any) return errors.ToResult<IReadOnlyList<ReturnLine>>();

        var open = await DeskQueries.OpenLoans.For(db)(db, barcodes).ToListAsync(ct);
        foreach (var b in barcodes.Where(b => open.All(o => o.Item.Barcode != b))) errors.Add("barcodes", text.Format("Circulation.NotOnLoan", b));
        if (errors.Any) return errors.ToResult<IReadOnlyList<ReturnLine>>();

        var lines = new List<ReturnLine>();
        var moves = new Dictionary<ReturnOutcome, List<Item>> { [ReturnOutcome.BackInSet] = [], [ReturnOutcome.Transfer] = [], [ReturnOutcome.BackOnShelf] = [] };
        var day = VnTime.DayOf(at!.Value);
        foreach (var (loan, item, titleProper, _, setLocationId, setName) in open)
        {
            loan.ReturnedAt = at;
            loan.ReturnedAtPointId = pointId;
            loan.ReturnedBy = scope.UserName;
            var overdue = Math.Max(0, day.DayNumber - loan.DueOn.DayNumber);
            // Back into its set here; after its set if the set has moved on (it waits here to be posted); else on the shelf.
            var outcome = setLocationId is null ? ReturnOutcome.BackOnShelf : setLocationId == pointId ? ReturnOutcome.BackInSet : ReturnOutcome.Transfer;
            if (outcome == ReturnOutcome.Transfer)
                db.Transfers.Add(new Transfer { ItemId = loan.ItemId, FromPointId = pointId!.Value, ToPointId = setLocationId!.Value, Status = TransferStatus.Pending, CreatedAt = at.Value });
            moves[outcome].Add(item);
            lines.Add(new ReturnLine(item.Barcode, titleProper, outcome, outcome == ReturnOutcome.Transfer ? setName : null, overdue));
        }
        await movements.MoveAsync(moves[ReturnOutcome.BackInSet], CustodyHolder.ServicePoint, pointId, ItemStatus.InSet, null, at.Value, scope.UserName, null, ct);
        await movements.MoveAsync(moves[ReturnOutcome.Transfer], CustodyHolder.ServicePoint, pointId, ItemStatus.InTransit, null, at.Value, scope.UserName, text["Circulation.TransferNote"], ct);
        await movements.MoveAsync(moves[ReturnOutcome.BackOnShelf], CustodyHolder.ServicePoint, pointId, ItemStatus.Available, null, at.Value, scope.UserName, null, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<IReadOnlyList<ReturnLine>>.Conflict(text["Circulation.ReturnedMeanwhile"]);
        }
        return lines;
    }
}

public sealed class RenewLoan(AppDbContext db, TimeProvider clock, Text text, LoanRules rules)
{
    public async Task<Result<LoanDto>> HandleAsync(int loanId, UserScope scope, CancellationToken ct)
    {
        var loan = await CirculationScope.Loans(db, scope).SingleOrDefaultAsync(l => l.Id == loanId, ct);
        if (loan is null) return Result<LoanDto>.NotFound();
        if (!scope.Is(CirculationScope.Desk)) return Result<LoanDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        if (loan.ReturnedAt is not null) return Result<LoanDto>.Conflict(text["Circulation.AlreadyReturned"]);
        var rule = await rules.EffectiveAsync(loan.PointId, ct);
        if (loan.Renewals >= rule.MaxRenewals) return Result<LoanDto>.Conflict(text.Format("Circulation.NoMoreRenewals", rule.MaxRenewals));
        var today = clock.Today();
        loan.DueOn = LoanRules.DueOn(today > loan.DueOn ? today : loan.DueOn, rule, rule.LoanDays);
        loan.Renewals++;
        await db.SaveChangesAsync(ct);
        return await db.Loans.Where(l => l.Id == loanId).ToDtos(today).SingleAsync(ct);
    }
}

public sealed class ListLoans(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<LoanDto>>> HandleAsync(LoanQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<LoanDto>>();
        var today = clock.Today();
        var loans = CirculationScope.Loans(db, scope);
        if (query.Open == true || query.Overdue == true) loans = loans.Where(l => l.ReturnedAt == null);
        if (query.Overdue == true) loans = loans.Where(l => l.DueOn < today);
        if (query.Reader is { } reader) loans = loans.Where(l => l.ReaderId == reader);
        return await loans.OrderBy(l => l.DueOn).ThenBy(l => l.Id).ToDtos(today).ToPagedAsync(page, ct);
    }
}

public sealed record TransferDto(int Id, int ItemId, string Barcode, string TitleProper, int FromPointId, string FromName, int ToPointId, string ToName,
    TransferStatus Status, DateTime CreatedAt, DateTime? SentAt, DateTime? ReceivedAt);

/// Copies on their way back to their set after a return elsewhere: posted by the returning point, taken in by the
/// point that holds the set (the copy goes back into it).
public sealed class Transfers(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements)
{
    public async Task<IReadOnlyList<TransferDto>> ListAsync(bool open, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var rows = db.Transfers.Where(t => points.Contains(t.FromPointId) || points.Contains(t.ToPointId));
        if (open) rows = rows.Where(t => t.Status != TransferStatus.Received);
        return await Project(rows.OrderBy(t => t.CreatedAt).Take(500)).ToListAsync(ct);
    }

    private static IQueryable<TransferDto> Project(IQueryable<Transfer> rows) => rows.Select(t => new TransferDto(t.Id, t.ItemId, t.Item.Barcode,
        t.Item.Title.TitleProper, t.FromPointId, t.FromPoint.Name, t.ToPointId, t.ToPoint.Name, t.Status, t.CreatedAt, t.SentAt, t.ReceivedAt));

    public async Task<Result<TransferDto>> AdvanceAsync(int id, TransferStatus to, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var transfer = await db.Transfers.Include(t => t.Item).SingleOrDefaultAsync(t => t.Id == id && (points.Contains(t.FromPointId) || points.Contains(t.ToPointId)), ct);
        if (transfer is null) return Result<TransferDto>.NotFound();
        var at = to == TransferStatus.Sent ? transfer.FromPointId : transfer.ToPointId;
        if (!RotationScope.IsAt(scope, at)) return Result<TransferDto>.Forbidden(text["Rotation.NotYourShipment"]);
        var expected = to == TransferStatus.Sent ? TransferStatus.Pending : TransferStatus.Sent;
        if (transfer.Status != expected) return Result<TransferDto>.Conflict(text["Circulation.TransferState"]);
        var now = db.UtcNow;
        transfer.Status = to;
        if (to == TransferStatus.Sent)
        {
            transfer.SentAt = now;
            await movements.MoveAsync([transfer.Item], CustodyHolder.Post, null, ItemStatus.InTransit, null, now, scope.UserName, null, ct);
        }
        else
        {
            transfer.ReceivedAt = now;
            var inSet = await db.RotationSetItems.AnyAsync(m => m.ItemId == transfer.ItemId, ct);
            await movements.MoveAsync([transfer.Item], CustodyHolder.ServicePoint, transfer.ToPointId, inSet ? ItemStatus.InSet : ItemStatus.Available, null, now, scope.UserName, null, ct);
        }
        await db.SaveChangesAsync(ct);
        return await Project(db.Transfers.Where(t => t.Id == id)).SingleAsync(ct);
    }
}
