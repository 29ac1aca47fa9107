namespace Bookpost.Web.Features.Circulation;

public sealed record MissingDelivery(
    int PeriodicalId, string Title, int PointId, string PointName, PeriodicalFrequency Frequency, DateOnly From, DateOnly To);

public sealed class ListMissingDeliveries(AppDbContext db, TimeProvider clock, Text text, LoanRules rules, ListPeriodicals list)
{
    /// Deliveries that did not come: a daily title on each open day with no copies logged, a weekly one in each
    /// Monday-to-Sunday week, a monthly one in each month, within the range and the caller's area.
    public async Task<Result<IReadOnlyList<MissingDelivery>>> HandleAsync(
        DateOnly? from, DateOnly? to, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var end = to ?? today.AddDays(-1);
        var start = from ?? end.AddDays(-29);
        if (start > end || end.DayNumber - start.DayNumber > 366)
            return Result<IReadOnlyList<MissingDelivery>>.Invalid("from", text["Reports.CustomDates"]);
        var periodicals = (await list.HandleAsync(null, scope, ct)).Where(p => p.Active).ToList();
        var ids = periodicals.Select(p => p.Id).ToList();
        var received = (await db.PeriodicalReceipts
            .Where(r => ids.Contains(r.PeriodicalId) && r.Day >= start && r.Day <= end && r.Copies > 0)
            .Select(r => new { r.PeriodicalId, r.Day }).ToListAsync(ct))
            .GroupBy(r => r.PeriodicalId).ToDictionary(g => g.Key, g => g.Select(r => r.Day).ToHashSet());
        var missing = new List<MissingDelivery>();
        foreach (var p in periodicals)
        {
            var days = received.GetValueOrDefault(p.Id) ?? [];
            var rule = await rules.EffectiveAsync(p.PointId, ct);
            switch (p.Frequency)
            {
                case PeriodicalFrequency.Daily:
                    for (var d = start; d <= end; d = d.AddDays(1))
                        if (!LoanRules.IsClosed(rule, d) && !days.Contains(d))
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
