namespace Bookpost.Web.Features.Access;

public sealed record OutageInput(DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Note);

/// An outage logged when it starts (closed later by <see cref="EndOutage"/>), or entered afterwards with both times.
/// Outages of one site never overlap.
public sealed class RecordOutage(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<OutageDto>> HandleAsync(int siteId, OutageInput input, UserScope scope, CancellationToken ct)
    {
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), siteId, ct);
        if (site is null) return Result<OutageDto>.NotFound();
        if (!AccessScope.Manages(scope, site)) return Result<OutageDto>.Forbidden(text["Access.NotYourSite"]);
        var now = db.UtcNow;
        var start = input.StartedAt?.UtcDateTime ?? now;
        var end = input.EndedAt?.UtcDateTime;
        var errors = new FieldErrors();
        if (start > now.AddMinutes(5)) errors.Add("startedAt", text["Access.TimeInFuture"]);
        else if (start < now.AddDays(-366)) errors.Add("startedAt", text["Access.TooOld"]);
        if (end is { } e && e <= start) errors.Add("endedAt", text["Access.EndBeforeStart"]);
        if (end > now.AddMinutes(5)) errors.Add("endedAt", text["Access.TimeInFuture"]);
        if (input.Note?.Length > 300) errors.Add("note", text.Format("Validation.MaxLength", 300));
        if (errors.Any) return errors.ToResult<OutageDto>();
        var until = end ?? DateTime.MaxValue;
        if (await db.InternetOutages.AnyAsync(o => o.SiteId == siteId && o.StartedAt < until && (o.EndedAt == null || o.EndedAt > start),
            ct))
            return Result<OutageDto>.Conflict(text["Access.OutageOverlaps"]);
        var outage = new InternetOutage { SiteId = siteId, StartedAt = start, EndedAt = end, Note = TextFolding.CleanOrNull(input.Note),
            RecordedBy = scope.UserName };
        db.InternetOutages.Add(outage);
        // Two "the line is down" at once: the one-open-outage index lets one in.
        var overlaps = text["Access.OutageOverlaps"];
        if (await db.TrySaveAsync<OutageDto>(text, null, ct, raced: overlaps,
            duplicate: () => Result<OutageDto>.Conflict(overlaps)) is { } failed)
            return failed;
        return OutageDto.Of(outage);
    }
}
