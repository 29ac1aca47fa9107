using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Home;

/// The public-computer to-dos of those who keep many sites: sites with computers out of order, and sites whose
/// Internet line is down (an outage recorded and not ended).
public sealed class SiteTodos(ListWorkingShares shares, AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Todo> BrokenAsync(UserScope scope, CancellationToken ct)
    {
        var sites = (await shares.HandleAsync(scope, null, ct)).Where(s => s.Working < s.Computers).ToList();
        return new Todo("broken-sites", text["Home.BrokenSites"], sites.Count, "/Access/Repairs", text["Home.BrokenSitesLink"],
            sites.Take(HomeModule.Rows).Select(s => new TodoRow(s.SiteName, $"/Access/Repairs?site={s.SiteId}",
                text.Format("Home.WorkingOf", s.Working, s.Computers))).ToList(),
            text["Home.BrokenSitesNone"], Urgent: sites.Any(s => s.BelowThreshold));
    }

    public async Task<Todo> OfflineAsync(UserScope scope, CancellationToken ct)
    {
        var visible = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        // At most one open outage per site (a unique filtered index).
        var down = await db.InternetOutages.Where(o => o.EndedAt == null && visible.Contains(o.SiteId))
            .Join(db.ServicePoints, o => o.SiteId, p => p.Id, (o, p) => new { o.SiteId, p.Name, Since = o.StartedAt })
            .ToListAsync(ct);
        return new Todo("offline", text["Home.Offline"], down.Count, "/Access/Equipment", text["Home.OfflineLink"],
            down.OrderBy(d => d.Since).Take(HomeModule.Rows).Select(d => new TodoRow(d.Name, $"/Access/Equipment?site={d.SiteId}",
                text.Format("Home.Since", VnTime.Show(d.Since)))).ToList(),
            text["Home.OfflineNone"], Urgent: down.Count > 0);
    }
}
