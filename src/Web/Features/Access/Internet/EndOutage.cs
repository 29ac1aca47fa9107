namespace Bookpost.Web.Features.Access;

public sealed record EndOutageInput(DateTimeOffset? EndedAt);

/// The line is back. The outage is changed tracked, so the audit records it; ending an ended outage (again, or in
/// a race, where the end time is the concurrency token) changes nothing and says so.
public sealed class EndOutage(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<OutageDto>> HandleAsync(int id, EndOutageInput input, UserScope scope, CancellationToken ct)
    {
        var outage = await db.InternetOutages.SingleOrDefaultAsync(o => o.Id == id, ct);
        var site = outage is null ? null : await AccessScope.FindAsync(db, scope, clock.Today(), outage.SiteId, ct);
        if (outage is null || site is null) return Result<OutageDto>.NotFound();
        if (!AccessScope.Manages(scope, site)) return Result<OutageDto>.Forbidden(text["Access.NotYourSite"]);
        if (outage.EndedAt is not null) return Result<OutageDto>.Conflict(text["Access.OutageEnded"]);
        var now = db.UtcNow;
        var end = input.EndedAt?.UtcDateTime ?? now;
        if (end <= outage.StartedAt) return Result<OutageDto>.Invalid("endedAt", text["Access.EndBeforeStart"]);
        if (end > now.AddMinutes(5)) return Result<OutageDto>.Invalid("endedAt", text["Access.TimeInFuture"]);
        if (outage.End(end) is { } why) return Result<OutageDto>.Conflict(text[why]);
        if (await db.TrySaveAsync<OutageDto>(text, null, ct, raced: text["Access.OutageEnded"]) is { } failed) return failed;
        return OutageDto.Of(outage);
    }
}
