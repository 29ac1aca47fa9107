using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Access;

/// Who used a computer, without a name.
public sealed record SessionProfile(Sex? Sex, AgeBand? AgeBand, bool EthnicMinority, bool PoorHousehold, Occupation? Occupation,
    bool FirstTime);

public sealed record SessionDto(long Id, int ComputerId, string AssetTag, int SiteId, DateTime StartedAt, DateTime? EndedAt, int? Minutes,
    int? LimitMinutes, Sex Sex, AgeBand AgeBand, bool EthnicMinority, bool PoorHousehold, Occupation Occupation, bool FirstTime,
    IReadOnlyList<AccessPurpose> Purposes, SessionOrigin Origin);

public sealed record SessionQuery(int? SiteId, DateOnly? From, DateOnly? To, bool? Open, int? ComputerId);

/// What the session use cases share. One open session per computer; a session runs only on working equipment and
/// lasts at most 24 hours.
public static class SessionRules
{
    public const int MaxMinutes = 24 * 60;
    public const int MaxLimitMinutes = 12 * 60;

    public static IQueryable<SessionDto> Project(IQueryable<AccessSession> q) => q.Select(s => new SessionDto(s.Id, s.ComputerId,
        s.Computer.AssetTag, s.SiteId, s.StartedAt, s.EndedAt, s.Minutes, s.LimitMinutes, s.Sex, s.AgeBand, s.EthnicMinority,
        s.PoorHousehold, s.Occupation, s.FirstTime, AccessPurposes.Split(s.Purposes), s.Origin));

    public static Task<SessionDto> OneAsync(AppDbContext db, long id, CancellationToken ct) =>
        Project(db.AccessSessions.Where(s => s.Id == id)).SingleAsync(ct);

    /// The session open on a computer, if any.
    public static Task<SessionDto?> OpenOnAsync(AppDbContext db, int computerId, CancellationToken ct) =>
        Project(db.AccessSessions.Where(s => s.ComputerId == computerId && s.EndedAt == null)).SingleOrDefaultAsync(ct);

    /// A computer of a site where the user logs sessions, or the failure to answer with.
    public static async Task<(Computer? Value, Result<SessionDto>? Failure)> DeskComputerAsync(AppDbContext db, Text text, UserScope scope,
        DateOnly today, int? id, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var computer = id is null
            ? null
            : await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id && sites.Contains(c.SiteId), ct);
        if (computer is null) return (null, Result<SessionDto>.Invalid("computerId", text["Access.ComputerRequired"]));
        if (!AccessScope.AtDesk(scope, AccessScope.Site.Of(computer.Site)))
            return (null, Result<SessionDto>.Forbidden(text["Access.NotYourDesk"]));
        return (computer, null);
    }

    /// The profile as given; at a kiosk it may be left out, at the desk its sex, age band and occupation are asked.
    public static SessionProfile CheckProfile(Text text, SessionProfile? profile, bool required, FieldErrors errors)
    {
        if (!required) return profile ?? new SessionProfile(Sex.Unknown, AgeBand.Unknown, false, false, Occupation.Unknown, false);
        if (profile?.Sex is null) errors.Add("profile.sex", text["Access.SexRequired"]);
        if (profile?.AgeBand is null) errors.Add("profile.ageBand", text["Access.AgeBandRequired"]);
        if (profile?.Occupation is null) errors.Add("profile.occupation", text["Access.OccupationRequired"]);
        return profile ?? new SessionProfile(null, null, false, false, null, false);
    }

    public static void CheckPurposes(Text text, AccessPurpose[]? purposes, bool required, FieldErrors errors)
    {
        if (purposes is null || purposes.Length == 0)
        {
            if (required) errors.Add("purposes", text["Access.PurposesRequired"]);
            return;
        }
        if (purposes.Any(p => p == AccessPurpose.None || (p & ~AccessPurposes.All) != 0 || !Enum.IsDefined(p)))
            errors.Add("purposes", text["Access.PurposeUnknown"]);
    }

    public static AccessSession NewSession(Computer computer, SessionProfile profile, AccessPurpose purposes, SessionOrigin origin,
        string by) => new()
    {
        ComputerId = computer.Id, SiteId = computer.SiteId, Sex = profile.Sex ?? Sex.Unknown, AgeBand = profile.AgeBand ?? AgeBand.Unknown,
        EthnicMinority = profile.EthnicMinority, PoorHousehold = profile.PoorHousehold,
            Occupation = profile.Occupation ?? Occupation.Unknown,
        FirstTime = profile.FirstTime, Purposes = purposes, Origin = origin, StartedBy = by,
    };
}
