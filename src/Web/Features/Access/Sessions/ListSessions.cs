namespace Bookpost.Web.Features.Access;

/// Sessions of the sites the user sees, by default the last seven days; anonymous.
public sealed class ListSessions(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<IReadOnlyList<SessionDto>>> HandleAsync(SessionQuery query, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-6);
        if (from > to || to.DayNumber - from.DayNumber > 366)
            return Result<IReadOnlyList<SessionDto>>.Invalid("from", text["Reports.CustomDates"]);
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var (start, end) = (VnTime.StartOfDayUtc(from), VnTime.StartOfDayUtc(to.AddDays(1)));
        var q = db.AccessSessions.Where(s => sites.Contains(s.SiteId) && s.StartedAt >= start && s.StartedAt < end);
        if (query.SiteId is { } site) q = q.Where(s => s.SiteId == site);
        if (query.ComputerId is { } computer) q = q.Where(s => s.ComputerId == computer);
        if (query.Open is true) q = q.Where(s => s.EndedAt == null);
        if (query.Open is false) q = q.Where(s => s.EndedAt != null);
        var rows = await SessionRules.Project(q.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id).Take(1000)).ToListAsync(ct);
        return Result<IReadOnlyList<SessionDto>>.Ok(rows);
    }
}
