namespace Bookpost.Web.Features.Access;

/// Repair tickets of the sites the user sees, newest first.
public sealed class ListTickets(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TicketDto>> HandleAsync(TicketQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.RepairTickets.Where(t => sites.Contains(t.SiteId));
        if (query.SiteId is { } site) q = q.Where(t => t.SiteId == site);
        if (query.Open is true) q = q.Where(RepairTicket.Open);
        if (query.Open is false) q = q.Where(t => t.Status != TicketStatus.Reported && t.Status != TicketStatus.Assigned);
        return await TicketReads.ToDtosAsync(q.OrderByDescending(t => t.ReportedAt).ThenByDescending(t => t.Id).Take(500), ct);
    }
}
