namespace Bookpost.Web.Features.Access;

public sealed record TicketDto(int Id, int ComputerId, string AssetTag, EquipmentKind Kind, int SiteId, string SiteName, string Problem,
    TicketStatus Status, DateTime ReportedAt, string ReportedBy, string? AssignedTo, DateTime? AssignedAt, DateTime? ResolvedAt,
    string? Resolution, int? ReplacementId, double? HoursToRepair, long Version);

public sealed record TicketQuery(int? SiteId, bool? Open);

public static class TicketReads
{
    /// A ticket's computer never changes site, so the computer's site is the ticket's. The hours to repair are worked
    /// out here, where SQLite's lack of date arithmetic does not matter.
    public static async Task<List<TicketDto>> ToDtosAsync(IQueryable<RepairTicket> q, CancellationToken ct) =>
        (await q.Select(t => new TicketDto(t.Id, t.ComputerId, t.Computer.AssetTag, t.Computer.Kind, t.SiteId, t.Computer.Site.Name,
                t.Problem, t.Status, t.ReportedAt, t.ReportedBy, t.AssignedTo, t.AssignedAt, t.ResolvedAt, t.Resolution, t.ReplacementId,
                null, t.Version)).ToListAsync(ct))
        .Select(d => d with { HoursToRepair = TicketStates.HoursToRepair(d.Status, d.ReportedAt, d.ResolvedAt) is { } h
            ? Math.Round(h, 1)
            : null })
        .ToList();

    public static async Task<TicketDto> OneAsync(AppDbContext db, int id, CancellationToken ct) =>
        (await ToDtosAsync(db.RepairTickets.Where(t => t.Id == id), ct)).Single();
}
