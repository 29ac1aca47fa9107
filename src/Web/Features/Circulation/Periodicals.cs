using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record PeriodicalDto(int Id, int PointId, string PointName, string Title, PeriodicalFrequency Frequency, int CopiesExpected, bool Active, long Version);

public sealed record PeriodicalInput(string? Title, PeriodicalFrequency? Frequency, int? CopiesExpected, bool? Active = true, int? PointId = null);

public sealed record ReceiptInput(DateOnly? Day, string? Issue, int? Copies, int? Readings);

public sealed record ReceiptDto(int PeriodicalId, string Title, DateOnly Day, string? Issue, int Copies, int Readings);

public sealed record MissingDelivery(int PeriodicalId, string Title, int PointId, string PointName, PeriodicalFrequency Frequency, DateOnly From, DateOnly To);

/// The newspapers and magazines each point receives, their daily receipt log, and the deliveries that never came.
/// Points and the post office keep the list; the log is the point's; counts are visible across the area.
public sealed class Periodicals(AppDbContext db, TimeProvider clock, Text text, LoanRules rules, IOptions<CirculationOptions> options)
{
    public async Task<IReadOnlyList<PeriodicalDto>> ListAsync(int? pointId, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var rows = db.Periodicals.Where(p => points.Contains(p.PointId));
        if (pointId is { } only) rows = rows.Where(p => p.PointId == only);
        return await rows.OrderBy(p => p.Point.Name).ThenBy(p => p.Title).Take(2000)
            .Select(p => new PeriodicalDto(p.Id, p.PointId, p.Point.Name, p.Title, p.Frequency, p.CopiesExpected, p.Active, p.Version)).ToListAsync(ct);
    }

    public async Task<Result<PeriodicalDto>> SaveAsync(int? id, PeriodicalInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(CirculationScope.PeriodicalManagers)) return Result<PeriodicalDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var points = CirculationScope.Points(db, scope, clock.Today());
        Periodical? periodical = null;
        if (id is { } existing)
        {
            periodical = await db.Periodicals.SingleOrDefaultAsync(p => p.Id == existing && points.Contains(p.PointId), ct);
            if (periodical is null) return Result<PeriodicalDto>.NotFound();
        }
        var pointId = periodical?.PointId ?? (scope.Role == AppRole.Point ? scope.PointId : input.PointId);
        var errors = new FieldErrors();
        if (pointId is null || !await points.AnyAsync(p => p == pointId, ct)) errors.Add("pointId", text["Circulation.PointRequired"]);
        var title = TextFolding.CleanOrNull(input.Title);
        if (title is null) errors.Add("title", text["Circulation.NameRequired"]);
        else if (title.Length > 150) errors.Add("title", text.Format("Validation.MaxLength", 150));
        else if (await db.Periodicals.AnyAsync(p => p.PointId == pointId && p.Title == title && p.Id != (id ?? 0), ct)) errors.Add("title", text.Format("Circulation.PeriodicalTaken", title));
        if (input.Frequency is null) errors.Add("frequency", text["Circulation.FrequencyRequired"]);
        if (input.CopiesExpected is not (>= 1 and <= 100)) errors.Add("copiesExpected", text["Circulation.CopiesRange"]);
        if (errors.Any) return errors.ToResult<PeriodicalDto>();
        if (periodical is null) db.Periodicals.Add(periodical = new Periodical { PointId = pointId!.Value });
        periodical.Title = title!;
        periodical.Frequency = input.Frequency!.Value;
        periodical.CopiesExpected = input.CopiesExpected!.Value;
        periodical.Active = input.Active ?? true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<PeriodicalDto>.Invalid("title", text.Format("Circulation.PeriodicalTaken", title));
        }
        return (await ListAsync(periodical.PointId, UserScope.System, ct)).Single(p => p.Id == periodical.Id);
    }

    /// Records (or corrects) what arrived of a periodical on a day at the point and how often it was read.
    public async Task<Result<ReceiptDto>> RecordAsync(int periodicalId, ReceiptInput input, UserScope scope, CancellationToken ct)
    {
        var periodical = await db.Periodicals.SingleOrDefaultAsync(p => p.Id == periodicalId, ct);
        if (periodical is null || !await CirculationScope.Points(db, scope, clock.Today()).AnyAsync(p => p == periodical.PointId, ct)) return Result<ReceiptDto>.NotFound();
        if (!scope.Is(CirculationScope.Desk) || (scope.Role == AppRole.Point && scope.PointId != periodical.PointId))
            return Result<ReceiptDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var today = clock.Today();
        var day = input.Day ?? today;
        var errors = new FieldErrors();
        if (day > today) errors.Add("day", text["Circulation.DayInFuture"]);
        else if (day <= today.AddDays(-options.Value.EditableDays)) errors.Add("day", text.Format("Circulation.DayLocked", options.Value.EditableDays));
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<ReceiptDto>.Conflict(text["Concurrency.Stale"]);
        }
        return new ReceiptDto(periodicalId, periodical.Title, day, receipt.Issue, receipt.Copies, receipt.Readings);
    }

    public async Task<IReadOnlyList<ReceiptDto>> ReceiptsAsync(int pointId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.PeriodicalReceipts.Where(r => r.Periodical.PointId == pointId && r.Day >= from && r.Day <= to).OrderByDescending(r => r.Day).ThenBy(r => r.Periodical.Title)
            .Select(r => new ReceiptDto(r.PeriodicalId, r.Periodical.Title, r.Day, r.Issue, r.Copies, r.Readings)).ToListAsync(ct);

    /// Deliveries that did not come: a daily title on each open day with no copies logged, a weekly one in each
    /// Monday-to-Sunday week, a monthly one in each month, within the range and the caller's area.
    public async Task<Result<IReadOnlyList<MissingDelivery>>> MissingAsync(DateOnly? from, DateOnly? to, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var end = to ?? today.AddDays(-1);
        var start = from ?? end.AddDays(-29);
        if (start > end || end.DayNumber - start.DayNumber > 366) return Result<IReadOnlyList<MissingDelivery>>.Invalid("from", text["Reports.CustomDates"]);
        var periodicals = (await ListAsync(null, scope, ct)).Where(p => p.Active).ToList();
        var ids = periodicals.Select(p => p.Id).ToList();
        var received = (await db.PeriodicalReceipts.Where(r => ids.Contains(r.PeriodicalId) && r.Day >= start && r.Day <= end && r.Copies > 0)
            .Select(r => new { r.PeriodicalId, r.Day }).ToListAsync(ct)).GroupBy(r => r.PeriodicalId).ToDictionary(g => g.Key, g => g.Select(r => r.Day).ToHashSet());
        var missing = new List<MissingDelivery>();
        foreach (var p in periodicals)
        {
            var days = received.GetValueOrDefault(p.Id) ?? [];
            var rule = await rules.EffectiveAsync(p.PointId, ct);
            switch (p.Frequency)
            {
                case PeriodicalFrequency.Daily:
                    for (var d = start; d <= end; d = d.AddDays(1))
                        if (!rule.ClosedDays.Contains((char)('0' + (int)d.DayOfWeek), StringComparison.Ordinal) && !days.Contains(d))
                            missing.Add(new MissingDelivery(p.Id, p.Title, p.PointId, p.PointName, p.Frequency, d, d));
                    break;
                case PeriodicalFrequency.Weekly:
                    for (var monday = start.AddDays(-(((int)start.DayOfWeek + 6) % 7)); monday <= end; monday = monday.AddDays(7))
                    {
                        var sunday = monday.AddDays(6);
                        if (monday >= start && sunday <= end && !days.Any(d => d >= monday && d <= sunday))
                            missing.Add(new MissingDelivery(p.Id, p.Title, p.PointId, p.PointName, p.Frequency, monday, sunday));
                    }
                    break;
                case PeriodicalFrequency.Monthly:
                    for (var first = new DateOnly(start.Year, start.Month, 1); first <= end; first = first.AddMonths(1))
                    {
                        var last = first.AddMonths(1).AddDays(-1);
                        if (first >= start && last <= end && !days.Any(d => d >= first && d <= last))
                            missing.Add(new MissingDelivery(p.Id, p.Title, p.PointId, p.PointName, p.Frequency, first, last));
                    }
                    break;
            }
        }
        return missing;
    }
}
