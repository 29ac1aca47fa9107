using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record ReceiptInput(DateOnly? Day, string? Issue, int? Copies, int? Readings);

public sealed class RecordReceipt(AppDbContext db, TimeProvider clock, Text text, IOptions<CirculationOptions> options)
{
    /// Records (or corrects) what arrived of a periodical on a day at the point and how often it was read.
    public async Task<Result<ReceiptDto>> HandleAsync(int periodicalId, ReceiptInput input, UserScope scope, CancellationToken ct)
    {
        var periodical = await db.Periodicals.SingleOrDefaultAsync(p => p.Id == periodicalId, ct);
        if (periodical is null || !await CirculationScope.Points(db, scope, clock.Today()).AnyAsync(p => p == periodical.PointId, ct))
            return Result<ReceiptDto>.NotFound();
        // The route admits the desk roles; a point's operator logs its own point's papers only.
        if (scope.Role == AppRole.Point && scope.PointId != periodical.PointId)
            return Result<ReceiptDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var today = clock.Today();
        var day = input.Day ?? today;
        var errors = new FieldErrors();
        if (day > today) errors.Add("day", text["Circulation.DayInFuture"]);
        else if (day <= today.AddDays(-options.Value.EditableDays))
            errors.Add("day", text.Format("Circulation.DayLocked", options.Value.EditableDays));
        if (input.Copies is not (>= 0 and <= 1000)) errors.Add("copies", text["Circulation.CopiesRange"]);
        if (input.Readings is not (>= 0 and <= 10000)) errors.Add("readings", text["Circulation.ReadingsRange"]);
        if (input.Issue?.Length > 40) errors.Add("issue", text.Format("Validation.MaxLength", 40));
        if (errors.Any) return errors.ToResult<ReceiptDto>();
        var receipt = await db.PeriodicalReceipts.SingleOrDefaultAsync(r => r.PeriodicalId == periodicalId && r.Day == day, ct);
        if (receipt is null) db.PeriodicalReceipts.Add(receipt = new PeriodicalReceipt { PeriodicalId = periodicalId, Day = day });
        receipt.Issue = TextFolding.CleanOrNull(input.Issue);
        receipt.Copies = input.Copies!.Value;
        receipt.Readings = input.Readings!.Value;
        receipt.RecordedBy = scope.UserName;
        // Two desks recording the same day at once: the loser (a lost race or the unique day) is told to reload.
        var stale = text["Concurrency.Stale"];
        if (await db.TrySaveAsync<ReceiptDto>(text, null, ct, raced: stale, duplicate: () => Result<ReceiptDto>.Conflict(stale))
            is { } failed) return failed;
        return new ReceiptDto(periodicalId, periodical.Title, day, receipt.Issue, receipt.Copies, receipt.Readings);
    }
}
