using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// The share of working computers (desktops and laptops not retired) per site, flagged below the threshold.
public sealed class ListWorkingShares(AppDbContext db, TimeProvider clock, IOptions<AccessOptions> options)
{
    public async Task<IReadOnlyList<SiteShare>> HandleAsync(UserScope scope, int? siteId, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today());
        if (siteId is { } only) sites = sites.Where(p => p.Id == only);
        var rows = await db.Computers.Where(Computer.PublicComputer)
            .Where(c => sites.Any(p => p.Id == c.SiteId) && c.Status != EquipmentStatus.Retired)
            .GroupBy(c => new { c.SiteId, c.Site.Name })
            .Select(g => new { g.Key.SiteId, g.Key.Name, Total = g.Count(), Working = g.Count(c => c.Status == EquipmentStatus.Working) })
            .ToListAsync(ct);
        var open = await db.RepairTickets.Where(RepairTicket.Open).Where(t => sites.Any(p => p.Id == t.SiteId))
            .GroupBy(t => t.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var threshold = options.Value.WorkingShareThreshold;
        return rows.Select(r =>
            {
                var percent = Math.Round(100m * r.Working / r.Total, 1);
                return new SiteShare(r.SiteId, r.Name, r.Total, r.Working, percent, percent < threshold, open.GetValueOrDefault(r.SiteId));
            })
            .OrderBy(s => s.BelowThreshold ? 0 : 1).ThenBy(s => s.Percent).ThenBy(s => s.SiteName, StringComparer.Ordinal).ToList();
    }
}
