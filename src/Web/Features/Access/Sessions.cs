using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// Who used a computer, without a name.
public sealed record SessionProfile(Sex? Sex, AgeBand? AgeBand, bool EthnicMinority, bool PoorHousehold, Occupation? Occupation, bool FirstTime);

public sealed record StartInput(int? ComputerId, SessionProfile? Profile, AccessPurpose[]? Purposes = null, int? LimitMinutes = null, DateTimeOffset? OccurredAt = null);

public sealed record CloseInput(DateTimeOffset? EndedAt = null, AccessPurpose[]? Purposes = null);

public sealed record EntryInput(int? ComputerId, DateTimeOffset? StartedAt, int? DurationMinutes, SessionProfile? Profile, AccessPurpose[]? Purposes);

public sealed record SessionDto(long Id, int ComputerId, string AssetTag, int SiteId, DateTime StartedAt, DateTime? EndedAt, int? Minutes, int? LimitMinutes,
    Sex Sex, AgeBand AgeBand, bool EthnicMinority, bool PoorHousehold, Occupation Occupation, bool FirstTime, IReadOnlyList<AccessPurpose> Purposes, SessionOrigin Origin);

public sealed record SessionQuery(int? SiteId, DateOnly? From, DateOnly? To, bool? Open, int? ComputerId);

public sealed record BoardComputer(int Id, string AssetTag, EquipmentKind Kind, EquipmentStatus Status, bool HasKioskToken, long? SessionId, DateTime? StartedAt,
    int? ElapsedMinutes, int? LimitMinutes, bool OverLimit, int? OpenTicketId);

public sealed record Board(int SiteId, string SiteName, DateTime Now, IReadOnlyList<BoardComputer> Computers, int SessionsToday, int MinutesToday, int InUse, int Free);

/// Use sessions: started and stopped at the desk or by the kiosk, or entered afterwards with their duration.
/// One open session per computer; a session runs only on working equipment and lasts at most 24 hours.
public sealed class Sessions(AppDbContext db, TimeProvider clock, Text text, IOptions<AccessOptions> options)
{
    public const int MaxMinutes = 24 * 60;
    public const int MaxLimitMinutes = 12 * 60;

    public static AccessPurpose Combine(IEnumerable<AccessPurpose>? purposes) => (purposes ?? []).Aggregate(AccessPurpose.None, (a, p) => a | p);

    public static IReadOnlyList<AccessPurpose> Split(AccessPurpose purposes) =>
        Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None && purposes.HasFlag(p)).ToList();

    private static readonly AccessPurpose s_allPurposes = Enum.GetValues<AccessPurpose>().Aggregate(AccessPurpose.None, (a, p) => a | p);

    private static IQueryable<SessionDto> Project(IQueryable<AccessSession> q) => q.Select(s => new SessionDto(s.Id, s.ComputerId, s.Computer.AssetTag, s.SiteId, s.StartedAt,
        s.EndedAt, s.Minutes, s.LimitMinutes, s.Sex, s.AgeBand, s.EthnicMinority, s.PoorHousehold, s.Occupation, s.FirstTime, Split(s.Purposes), s.Origin));

    /// The session open on a computer, if any.
    public Task<SessionDto?> OpenOnAsync(int computerId, CancellationToken ct) =>
        Project(db.AccessSessions.Where(s => s.ComputerId == computerId && s.EndedAt == null)).SingleOrDefaultAsync(ct);

    public async Task<Result<IReadOnlyList<SessionDto>>> ListAsync(SessionQuery query, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-6);
        if (from > to || to.DayNumber - from.DayNumber > 366) return Result<IReadOnlyList<SessionDto>>.Invalid("from", text["Reports.CustomDates"]);
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var (start, end) = (VnTime.StartOfDayUtc(from), VnTime.StartOfDayUtc(to.AddDays(1)));
        var q = db.AccessSessions.Where(s => sites.Contains(s.SiteId) && s.StartedAt >= start && s.StartedAt < end);
        if (query.SiteId is { } site) q = q.Where(s => s.SiteId == site);
        if (query.ComputerId is { } computer) q = q.Where(s => s.ComputerId == computer);
        if (query.Open is true) q = q.Where(s => s.EndedAt == null);
        if (query.Open is false) q = q.Where(s => s.EndedAt != null);
        return Result<IReadOnlyList<SessionDto>>.Ok(await Project(q.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id).Take(1000)).ToListAsync(ct));
    }

    /// Starts a session at the desk: the computer must be at a site where the user logs sessions.
    public async Task<Result<SessionDto>> StartAsync(StartInput input, UserScope scope, CancellationToken ct)
    {
        var computer = await DeskComputerAsync(input.ComputerId, scope, ct);
        if (computer.Failure is not null) return computer.Failure;
        return await OpenAsync(computer.Value!, input, SessionOrigin.Desk, scope.UserName, requireProfile: true, ct);
    }

    /// Starts a session for the kiosk of one computer.
    public Task<Result<SessionDto>> StartAsync(Computer computer, StartInput input, CancellationToken ct) =>
        OpenAsync(computer, input, SessionOrigin.Kiosk, $"kiosk:{computer.AssetTag}", requireProfile: false, ct);

    private async Task<Result<SessionDto>> OpenAsync(Computer computer, StartInput input, SessionOrigin origin, string by, bool requireProfile, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var profile = CheckProfile(input.Profile, requireProfile, errors);
        var limit = input.LimitMinutes ?? (options.Value.DefaultLimitMinutes > 0 ? options.Value.DefaultLimitMinutes : null);
        if (limit is not (null or (>= 5 and <= MaxLimitMinutes))) errors.Add("limitMinutes", text.Format("Access.LimitRange", MaxLimitMinutes));
        CheckPurposes(input.Purposes, required: false, errors);
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        if (errors.Any) return errors.ToResult<SessionDto>();
        if (!EquipmentStates.Usable(computer.Status)) return Result<SessionDto>.Conflict(text.Format("Access.ComputerNotUsable", computer.AssetTag, text.Enum(computer.Status)));
        if (!computer.IsComputer) return Result<SessionDto>.Conflict(text["Access.NotAComputer"]);
        if (await AccessScope.InUseAsync(db, computer.Id, ct))
            return Result<SessionDto>.Conflict(text.Format("Access.ComputerBusy", computer.AssetTag));
        var session = NewSession(computer, profile, Combine(input.Purposes), origin, by);
        session.StartedAt = at!.Value;
        session.LimitMinutes = limit;
        db.AccessSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Result<SessionDto>.Conflict(text.Format("Access.ComputerBusy", computer.AssetTag));
        }
        return await Project(db.AccessSessions.Where(s => s.Id == session.Id)).SingleAsync(ct);
    }

    public async Task<Result<SessionDto>> CloseAsync(long id, CloseInput input, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var session = await db.AccessSessions.AsNoTracking().Include(s => s.Computer).ThenInclude(c => c.Site)
            .SingleOrDefaultAsync(s => s.Id == id && sites.Contains(s.SiteId), ct);
        if (session is null) return Result<SessionDto>.NotFound();
        if (!AccessScope.AtDesk(scope, AccessScope.Site.Of(session.Computer.Site)))
            return Result<SessionDto>.Forbidden(text["Access.NotYourDesk"]);
        return await EndAsync(session, input, scope.UserName, ct);
    }

    /// Closes a session for the kiosk: only a session of its own computer.
    public async Task<Result<SessionDto>> CloseAsync(Computer computer, long id, CloseInput input, CancellationToken ct)
    {
        var session = await db.AccessSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.ComputerId == computer.Id, ct);
        if (session is null) return Result<SessionDto>.NotFound();
        return await EndAsync(session, input, $"kiosk:{computer.AssetTag}", ct);
    }

    private async Task<Result<SessionDto>> EndAsync(AccessSession session, CloseInput input, string by, CancellationToken ct)
    {
        if (session.EndedAt is not null) return Result<SessionDto>.Conflict(text["Access.SessionClosed"]);
        var now = db.UtcNow;
        var end = input.EndedAt?.UtcDateTime ?? now;
        var errors = new FieldErrors();
        if (end < session.StartedAt) errors.Add("endedAt", text.Format("Access.CloseBeforeOpen", VnTime.Show(session.StartedAt)));
        else if (end > now.AddMinutes(5)) errors.Add("endedAt", text["Access.TimeInFuture"]);
        else if ((end - session.StartedAt).TotalMinutes > MaxMinutes)
            errors.Add("endedAt", input.EndedAt is null ? text["Access.OpenTooLong"] : text["Access.DurationOver24h"]);
        CheckPurposes(input.Purposes, required: false, errors);
        if (errors.Any) return errors.ToResult<SessionDto>();
        if (end > now) end = now;
        var minutes = Math.Max(1, (int)Math.Round((end - session.StartedAt).TotalMinutes));
        var purposes = input.Purposes is { Length: > 0 } ? Combine(input.Purposes) : session.Purposes;
        // The update happens only while the session is open, so two closes at once (or a replay) count once; the day's
        // counters change in the same transaction.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.AccessSessions.Where(s => s.Id == session.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, end).SetProperty(s => s.Minutes, minutes).SetProperty(s => s.Purposes, purposes).SetProperty(s => s.EndedBy, by), ct);
            if (changed == 0) return Result<SessionDto>.Conflict(text["Access.SessionClosed"]);
            session.EndedAt = end;
            session.Minutes = minutes;
            session.Purposes = purposes;
            await AccessDays.AddAsync(db, session.SiteId, AccessDays.DayOf(session), AccessDays.Of(session), ct);
            await tx.CommitAsync(ct);
        }
        return await Project(db.AccessSessions.Where(s => s.Id == session.Id)).SingleAsync(ct);
    }

    /// A session entered afterwards from the paper log, with its duration.
    public async Task<Result<SessionDto>> EnterAsync(EntryInput input, UserScope scope, CancellationToken ct)
    {
        var found = await DeskComputerAsync(input.ComputerId, scope, ct);
        if (found.Failure is not null) return found.Failure;
        var computer = found.Value!;
        var errors = new FieldErrors();
        var profile = CheckProfile(input.Profile, true, errors);
        CheckPurposes(input.Purposes, required: true, errors);
        var now = db.UtcNow;
        var start = input.StartedAt?.UtcDateTime;
        if (start is null) errors.Add("startedAt", text["Access.StartRequired"]);
        else if (start > now) errors.Add("startedAt", text["Access.TimeInFuture"]);
        else if (start < now.AddDays(-options.Value.LateEventDays)) errors.Add("startedAt", text.Format("Access.EntryTooOld", options.Value.LateEventDays));
        if (input.DurationMinutes is null or < 1) errors.Add("durationMinutes", text["Access.DurationRequired"]);
        else if (input.DurationMinutes > MaxMinutes) errors.Add("durationMinutes", text["Access.DurationOver24h"]);
        else if (start is { } s0 && s0.AddMinutes(input.DurationMinutes.Value) > now.AddMinutes(5)) errors.Add("durationMinutes", text["Access.TimeInFuture"]);
        if (errors.Any) return errors.ToResult<SessionDto>();
        var begin = start!.Value;
        var end = begin.AddMinutes(input.DurationMinutes!.Value);
        if (!computer.IsComputer) return Result<SessionDto>.Conflict(text["Access.NotAComputer"]);
        // The computer as it was then. Before it was registered here it had the status it was registered with, as long
        // as it had been received by then (a paper log may well predate the computer's record).
        var history = db.EquipmentStatusChanges.Where(h => h.ComputerId == computer.Id);
        var statusThen = await history.Where(h => h.ChangedAt <= begin).OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => (EquipmentStatus?)h.To).FirstOrDefaultAsync(ct);
        if (statusThen is null && (computer.YearReceived is null || computer.YearReceived <= VnTime.ToLocal(begin).Year))
            statusThen = await history.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => (EquipmentStatus?)h.To).FirstOrDefaultAsync(ct);
        if (statusThen is null) return Result<SessionDto>.Conflict(text.Format("Access.NotRegisteredThen", computer.AssetTag));
        if (!EquipmentStates.Usable(statusThen.Value) || !EquipmentStates.Usable(computer.Status))
            return Result<SessionDto>.Conflict(text.Format("Access.ComputerNotUsable", computer.AssetTag, text.Enum(EquipmentStates.Usable(statusThen.Value) ? computer.Status : statusThen.Value)));
        if (await db.AccessSessions.AnyAsync(s => s.ComputerId == computer.Id && s.StartedAt < end && (s.EndedAt == null || s.EndedAt > begin), ct))
            return Result<SessionDto>.Conflict(text.Format("Access.SessionOverlaps", computer.AssetTag));
        var session = NewSession(computer, profile, Combine(input.Purposes), SessionOrigin.Entered, scope.UserName);
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
        return await Project(db.AccessSessions.Where(s => s.Id == session.Id)).SingleAsync(ct);
    }

    public async Task<Result<Board>> BoardAsync(int siteId, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var site = await AccessScope.FindAsync(db, scope, today, siteId, ct);
        if (site is null) return Result<Board>.NotFound();
        var now = db.UtcNow;
        var computers = await db.Computers.Where(Computer.PublicComputer).Where(c => c.SiteId == siteId && c.Status != EquipmentStatus.Retired)
            .OrderBy(c => c.AssetTag)
            .Select(c => new
            {
                c.Id, c.AssetTag, c.Kind, c.Status, Token = c.KioskTokenHash != null,
                Open = db.AccessSessions.Where(s => s.ComputerId == c.Id && s.EndedAt == null).Select(s => new { s.Id, s.StartedAt, s.LimitMinutes }).FirstOrDefault(),
                Ticket = db.RepairTickets.Where(RepairTicket.Open).Where(t => t.ComputerId == c.Id).Select(t => (int?)t.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        var start = VnTime.StartOfDayUtc(today);
        var todays = await db.AccessSessions.Where(s => s.SiteId == siteId && s.StartedAt >= start).Select(s => new { s.Minutes, s.StartedAt }).ToListAsync(ct);
        var rows = computers.Select(c =>
        {
            int? elapsed = c.Open is null ? null : (int)(now - c.Open.StartedAt).TotalMinutes;
            return new BoardComputer(c.Id, c.AssetTag, c.Kind, c.Status, c.Token, c.Open?.Id, c.Open?.StartedAt, elapsed, c.Open?.LimitMinutes,
                c.Open?.LimitMinutes is { } l && elapsed >= l, c.Ticket);
        }).ToList();
        var inUse = rows.Count(r => r.SessionId is not null);
        return new Board(siteId, site.Name, now, rows, todays.Count, todays.Sum(s => s.Minutes ?? (int)(now - s.StartedAt).TotalMinutes), inUse,
            rows.Count(r => r.SessionId is null && r.Status == EquipmentStatus.Working));
    }

    private async Task<(Computer? Value, Result<SessionDto>? Failure)> DeskComputerAsync(int? id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var computer = id is null ? null : await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id && sites.Contains(c.SiteId), ct);
        if (computer is null) return (null, Result<SessionDto>.Invalid("computerId", text["Access.ComputerRequired"]));
        if (!AccessScope.AtDesk(scope, AccessScope.Site.Of(computer.Site)))
            return (null, Result<SessionDto>.Forbidden(text["Access.NotYourDesk"]));
        return (computer, null);
    }

    private SessionProfile CheckProfile(SessionProfile? profile, bool required, FieldErrors errors)
    {
        if (!required) return profile ?? new SessionProfile(Sex.Unknown, AgeBand.Unknown, false, false, Occupation.Unknown, false);
        if (profile?.Sex is null) errors.Add("profile.sex", text["Access.SexRequired"]);
        if (profile?.AgeBand is null) errors.Add("profile.ageBand", text["Access.AgeBandRequired"]);
        if (profile?.Occupation is null) errors.Add("profile.occupation", text["Access.OccupationRequired"]);
        return profile ?? new SessionProfile(null, null, false, false, null, false);
    }

    private void CheckPurposes(AccessPurpose[]? purposes, bool required, FieldErrors errors)
    {
        if (purposes is null || purposes.Length == 0)
        {
            if (required) errors.Add("purposes", text["Access.PurposesRequired"]);
            return;
        }
        if (purposes.Any(p => p == AccessPurpose.None || (p & ~s_allPurposes) != 0 || !Enum.IsDefined(p))) errors.Add("purposes", text["Access.PurposeUnknown"]);
    }

    private static AccessSession NewSession(Computer computer, SessionProfile profile, AccessPurpose purposes, SessionOrigin origin, string by) => new()
    {
        ComputerId = computer.Id, SiteId = computer.SiteId, Sex = profile.Sex ?? Sex.Unknown, AgeBand = profile.AgeBand ?? AgeBand.Unknown,
        EthnicMinority = profile.EthnicMinority, PoorHousehold = profile.PoorHousehold, Occupation = profile.Occupation ?? Occupation.Unknown,
        FirstTime = profile.FirstTime, Purposes = purposes, Origin = origin, StartedBy = by,
    };
}
