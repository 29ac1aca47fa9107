namespace Bookpost.Web.Features.Access;

public sealed record StatusChangeDto(EquipmentStatus? From, EquipmentStatus To, DateTime ChangedAt, string ChangedBy, string? Reason,
    int? TicketId);

public sealed record ComputerDto(int Id, int SiteId, string SiteName, string AssetTag, EquipmentKind Kind, EquipmentSource Source,
    int? YearReceived, string? Specs, EquipmentStatus Status, bool IsComputer, bool HasKioskToken, DateTime? KioskTokenIssuedAt,
    int? OpenTicketId, long Version)
{
    public IReadOnlyList<StatusChangeDto> History { get; init; } = [];
}

public sealed record ComputerQuery(int? SiteId, EquipmentStatus? Status, EquipmentKind? Kind);

/// The kiosk token is shown once: only its hash is stored.
public sealed record KioskTokenDto(int ComputerId, string AssetTag, string Token, DateTime IssuedAt);

public sealed record SiteShare(int SiteId, string SiteName, int Computers, int Working, decimal Percent, bool BelowThreshold,
    int OpenTickets);

/// What the equipment use cases share: the computer as the API shows it, and the computer a user may keep.
public static class ComputerReads
{
    public static IQueryable<ComputerDto> Project(AppDbContext db, IQueryable<Computer> q) => q.Select(c => new ComputerDto(c.Id, c.SiteId,
        c.Site.Name, c.AssetTag, c.Kind, c.Source, c.YearReceived, c.Specs, c.Status,
        c.Kind == EquipmentKind.Desktop || c.Kind == EquipmentKind.Laptop,
        c.KioskTokenHash != null, c.KioskTokenIssuedAt,
        db.RepairTickets.Where(RepairTicket.Open).Where(t => t.ComputerId == c.Id).Select(t => (int?)t.Id).FirstOrDefault(),
        c.Version));

    /// One computer with its history, for any caller (the use cases answer with it after a write).
    public static async Task<ComputerDto?> DetailAsync(AppDbContext db, IQueryable<Computer> q, CancellationToken ct)
    {
        var dto = await Project(db, q).SingleOrDefaultAsync(ct);
        if (dto is null) return null;
        return dto with { History = (await EquipmentStatusChange.HistoriesAsync(db, [dto.Id], ct)).GetValueOrDefault(dto.Id, []) };
    }

    /// A computer in the user's scope at a site the user manages, or the failure to answer with.
    public static async Task<(Computer? Computer, Result<T>? Failure)> ManagedAsync<T>(AppDbContext db, Text text, UserScope scope,
        DateOnly today, int id, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var computer = await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id && sites.Contains(c.SiteId), ct);
        if (computer is null) return (null, Result<T>.NotFound());
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site))) return (null, Result<T>.Forbidden(text["Access.NotYourSite"]));
        return (computer, null);
    }
}
