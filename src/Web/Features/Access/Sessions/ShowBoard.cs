namespace Bookpost.Web.Features.Access;

public sealed record BoardComputer(int Id, string AssetTag, EquipmentKind Kind, EquipmentStatus Status, bool HasKioskToken, long? SessionId,
    DateTime? StartedAt, int? ElapsedMinutes, int? LimitMinutes, bool OverLimit, int? OpenTicketId);

public sealed record Board(int SiteId, string SiteName, DateTime Now, IReadOnlyList<BoardComputer> Computers, int SessionsToday,
    int MinutesToday, int InUse, int Free);

/// The live board of a site: which computers are in use, for how long, and past their limit.
public sealed class ShowBoard(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<Board>> HandleAsync(int siteId, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var site = await AccessScope.FindAsync(db, scope, today, siteId, ct);
        if (site is null) return Result<Board>.NotFound();
        var now = db.UtcNow;
        var computers = await db.Computers.Where(Computer.PublicComputer)
            .Where(c => c.SiteId == siteId && c.Status != EquipmentStatus.Retired)
            .OrderBy(c => c.AssetTag)
            .Select(c => new
            {
                c.Id, c.AssetTag, c.Kind, c.Status, Token = c.KioskTokenHash != null,
                Open = db.AccessSessions.Where(s => s.ComputerId == c.Id && s.EndedAt == null)
                    .Select(s => new { s.Id, s.StartedAt, s.LimitMinutes }).FirstOrDefault(),
                Ticket = db.RepairTickets.Where(RepairTicket.Open).Where(t => t.ComputerId == c.Id)
                    .Select(t => (int?)t.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        var start = VnTime.StartOfDayUtc(today);
        var todays = await db.AccessSessions.Where(s => s.SiteId == siteId && s.StartedAt >= start)
            .Select(s => new { s.Minutes, s.StartedAt }).ToListAsync(ct);
        var rows = computers.Select(c =>
        {
            int? elapsed = c.Open is null ? null : (int)(now - c.Open.StartedAt).TotalMinutes;
            return new BoardComputer(c.Id, c.AssetTag, c.Kind, c.Status, c.Token, c.Open?.Id, c.Open?.StartedAt, elapsed,
                c.Open?.LimitMinutes,
                c.Open?.LimitMinutes is { } l && elapsed >= l, c.Ticket);
        }).ToList();
        var inUse = rows.Count(r => r.SessionId is not null);
        return new Board(siteId, site.Name, now, rows, todays.Count, todays.Sum(s => s.Minutes ?? (int)(now - s.StartedAt).TotalMinutes),
            inUse,
            rows.Count(r => r.SessionId is null && r.Status == EquipmentStatus.Working));
    }
}
