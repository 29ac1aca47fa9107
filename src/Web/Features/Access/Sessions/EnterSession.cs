using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

public sealed record EntryInput(int? ComputerId, DateTimeOffset? StartedAt, int? DurationMinutes, SessionProfile? Profile,
    AccessPurpose[]? Purposes);

/// A session entered afterwards from the paper log, with its duration. It may not overlap another session of the
/// computer, and the computer must have been working then.
public sealed class EnterSession(AppDbContext db, TimeProvider clock, Text text, IOptions<AccessOptions> options)
{
    public async Task<Result<SessionDto>> HandleAsync(EntryInput input, UserScope scope, CancellationToken ct)
    {
        var found = await SessionRules.DeskComputerAsync(db, text, scope, clock.Today(), input.ComputerId, ct);
        if (found.Failure is not null) return found.Failure;
        var computer = found.Value!;
        var errors = new FieldErrors();
        var profile = SessionRules.CheckProfile(text, input.Profile, true, errors);
        SessionRules.CheckPurposes(text, input.Purposes, required: true, errors);
        var now = db.UtcNow;
        var start = input.StartedAt?.UtcDateTime;
        var lateDays = options.Value.LateEventDays;
        if (start is null) errors.Add("startedAt", text["Access.StartRequired"]);
        else if (start > now) errors.Add("startedAt", text["Access.TimeInFuture"]);
        else if (start < now.AddDays(-lateDays)) errors.Add("startedAt", text.Format("Access.EntryTooOld", lateDays));
        if (input.DurationMinutes is null or < 1) errors.Add("durationMinutes", text["Access.DurationRequired"]);
        else if (input.DurationMinutes > SessionRules.MaxMinutes) errors.Add("durationMinutes", text["Access.DurationOver24h"]);
        // Only a start already found in range gets its end computed: 9999-12-31T23:59:59Z plus minutes is past DateTime.
        else if (start is { } s0 && !errors.Has("startedAt") && s0.AddMinutes(input.DurationMinutes.Value) > now.AddMinutes(5))
            errors.Add("durationMinutes", text["Access.TimeInFuture"]);
        if (errors.Any) return errors.ToResult<SessionDto>();
        var begin = start!.Value;
        var end = begin.AddMinutes(input.DurationMinutes!.Value);
        if (!computer.IsComputer) return Result<SessionDto>.Conflict(text["Access.NotAComputer"]);
        if (await StatusThenAsync(computer, begin, ct) is not { } statusThen)
            return Result<SessionDto>.Conflict(text.Format("Access.NotRegisteredThen", computer.AssetTag));
        if (!EquipmentStates.Usable(statusThen) || !EquipmentStates.Usable(computer.Status))
        {
            var status = EquipmentStates.Usable(statusThen) ? computer.Status : statusThen;
            return Result<SessionDto>.Conflict(text.Format("Access.ComputerNotUsable", computer.AssetTag, text.Enum(status)));
        }
        var overlaps = db.AccessSessions
            .Where(s => s.ComputerId == computer.Id && s.StartedAt < end && (s.EndedAt == null || s.EndedAt > begin));
        if (await overlaps.AnyAsync(ct))
            return Result<SessionDto>.Conflict(text.Format("Access.SessionOverlaps", computer.AssetTag));
        var session = SessionRules.NewSession(computer, profile, AccessPurposes.Combine(input.Purposes), SessionOrigin.Entered,
            scope.UserName);
        session.StartedAt = begin;
        session.EndedAt = end;
        session.Minutes = input.DurationMinutes.Value;
        session.EndedBy = scope.UserName;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.AccessSessions.Add(session);
            await db.SaveChangesAsync(ct);
            await AccessDays.AddAsync(db, session.SiteId, AccessDays.DayOf(session), AccessDays.Of(session), ct);
            await tx.CommitAsync(ct);
        }
        return await SessionRules.OneAsync(db, session.Id, ct);
    }

    /// The computer as it was then. Before it was registered here it had the status it was registered with, as long
    /// as it had been received by then (a paper log may well predate the computer's record).
    private async Task<EquipmentStatus?> StatusThenAsync(Computer computer, DateTime at, CancellationToken ct)
    {
        var history = db.EquipmentStatusChanges.Where(h => h.ComputerId == computer.Id);
        var then = await history.Where(h => h.ChangedAt <= at).OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => (EquipmentStatus?)h.To).FirstOrDefaultAsync(ct);
        if (then is null && (computer.YearReceived is null || computer.YearReceived <= VnTime.ToLocal(at).Year))
            then = await history.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => (EquipmentStatus?)h.To).FirstOrDefaultAsync(ct);
        return then;
    }
}
