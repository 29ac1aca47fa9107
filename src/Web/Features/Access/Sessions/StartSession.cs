using Bookpost.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

public sealed record StartInput(int? ComputerId, SessionProfile? Profile, AccessPurpose[]? Purposes = null, int? LimitMinutes = null,
    DateTimeOffset? OccurredAt = null);

/// Starts a session at the desk (on a computer of a site where the user logs sessions, with the user's profile) or
/// for the kiosk of one computer (the profile optional). A time given for an event recorded offline is kept.
public sealed class StartSession(AppDbContext db, TimeProvider clock, Text text, IOptions<AccessOptions> options)
{
    public async Task<Result<SessionDto>> HandleAsync(StartInput input, UserScope scope, CancellationToken ct)
    {
        var computer = await SessionRules.DeskComputerAsync(db, text, scope, clock.Today(), input.ComputerId, ct);
        if (computer.Failure is not null) return computer.Failure;
        return await OpenAsync(computer.Value!, input, SessionOrigin.Desk, scope.UserName, requireProfile: true, ct);
    }

    public Task<Result<SessionDto>> HandleAsync(Computer computer, StartInput input, CancellationToken ct) =>
        OpenAsync(computer, input, SessionOrigin.Kiosk, $"kiosk:{computer.AssetTag}", requireProfile: false, ct);

    private async Task<Result<SessionDto>> OpenAsync(Computer computer, StartInput input, SessionOrigin origin, string by,
        bool requireProfile,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var profile = SessionRules.CheckProfile(text, input.Profile, requireProfile, errors);
        var limit = input.LimitMinutes ?? (options.Value.DefaultLimitMinutes > 0 ? options.Value.DefaultLimitMinutes : null);
        if (limit is not (null or (>= 5 and <= SessionRules.MaxLimitMinutes)))
            errors.Add("limitMinutes", text.Format("Access.LimitRange", SessionRules.MaxLimitMinutes));
        SessionRules.CheckPurposes(text, input.Purposes, required: false, errors);
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        if (errors.Any) return errors.ToResult<SessionDto>();
        if (!EquipmentStates.Usable(computer.Status))
            return Result<SessionDto>.Conflict(text.Format("Access.ComputerNotUsable", computer.AssetTag, text.Enum(computer.Status)));
        if (!computer.IsComputer) return Result<SessionDto>.Conflict(text["Access.NotAComputer"]);
        var busy = text.Format("Access.ComputerBusy", computer.AssetTag);
        if (await AccessScope.InUseAsync(db, computer.Id, ct)) return Result<SessionDto>.Conflict(busy);
        var session = SessionRules.NewSession(computer, profile, AccessPurposes.Combine(input.Purposes), origin, by);
        session.StartedAt = at!.Value;
        session.LimitMinutes = limit;
        db.AccessSessions.Add(session);
        // Two desks starting the same computer at once: the one-open-session index lets one in.
        var failed = await db.TrySaveAsync<SessionDto>(text, null, ct, raced: busy, duplicate: () => Result<SessionDto>.Conflict(busy));
        if (failed is not null)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await SessionRules.OneAsync(db, session.Id, ct);
    }
}
