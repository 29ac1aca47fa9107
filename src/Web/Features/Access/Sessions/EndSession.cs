namespace Bookpost.Web.Features.Access;

public sealed record CloseInput(DateTimeOffset? EndedAt = null, AccessPurpose[]? Purposes = null);

/// Closes a session, at the desk of its site or from its own computer's kiosk, with what it was used for. The day's
/// counters change in the same transaction. The session is changed tracked, so the audit records it; its end time
/// is the concurrency token, so two closes at once (or a replay) count once.
public sealed class EndSession(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<SessionDto>> HandleAsync(long id, CloseInput input, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var session = await db.AccessSessions.Include(s => s.Computer).ThenInclude(c => c.Site)
            .SingleOrDefaultAsync(s => s.Id == id && sites.Contains(s.SiteId), ct);
        if (session is null) return Result<SessionDto>.NotFound();
        if (!AccessScope.AtDesk(scope, AccessScope.Site.Of(session.Computer.Site)))
            return Result<SessionDto>.Forbidden(text["Access.NotYourDesk"]);
        return await EndAsync(session, input, scope.UserName, ct);
    }

    /// Closes a session for the kiosk: only a session of its own computer.
    public async Task<Result<SessionDto>> HandleAsync(Computer computer, long id, CloseInput input, CancellationToken ct)
    {
        var session = await db.AccessSessions.SingleOrDefaultAsync(s => s.Id == id && s.ComputerId == computer.Id, ct);
        if (session is null) return Result<SessionDto>.NotFound();
        return await EndAsync(session, input, $"kiosk:{computer.AssetTag}", ct);
    }

    private async Task<Result<SessionDto>> EndAsync(AccessSession session, CloseInput input, string by, CancellationToken ct)
    {
        var closed = text["Access.SessionClosed"];
        if (session.EndedAt is not null) return Result<SessionDto>.Conflict(closed);
        var now = db.UtcNow;
        var end = input.EndedAt?.UtcDateTime ?? now;
        var errors = new FieldErrors();
        if (end < session.StartedAt) errors.Add("endedAt", text.Format("Access.CloseBeforeOpen", VnTime.Show(session.StartedAt)));
        else if (end > now.AddMinutes(5)) errors.Add("endedAt", text["Access.TimeInFuture"]);
        else if ((end - session.StartedAt).TotalMinutes > SessionRules.MaxMinutes)
            errors.Add("endedAt", input.EndedAt is null ? text["Access.OpenTooLong"] : text["Access.DurationOver24h"]);
        SessionRules.CheckPurposes(text, input.Purposes, required: false, errors);
        if (errors.Any) return errors.ToResult<SessionDto>();
        if (end > now) end = now;
        var minutes = Math.Max(1, (int)Math.Round((end - session.StartedAt).TotalMinutes));
        var purposes = input.Purposes is { Length: > 0 } ? AccessPurposes.Combine(input.Purposes) : session.Purposes;
        if (session.End(end, minutes, purposes, by) is { } why) return Result<SessionDto>.Conflict(text[why]);
        var failed = await db.TrySaveAsync<SessionDto>(text, null, ct, raced: closed, save: async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await AccessDays.AddAsync(db, session.SiteId, AccessDays.DayOf(session), AccessDays.Of(session), ct);
            await tx.CommitAsync(ct);
        });
        if (failed is not null)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await SessionRules.OneAsync(db, session.Id, ct);
    }
}
