using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

public sealed record SiteOption(int Id, string Name);

/// What the public-computer pages share: the site they show (?site=ID, else the user's own, else the first site with
/// computers the user sees) and the sites to switch to.
public abstract class AccessPage(AppDbContext db, TimeProvider clock) : ActionPage
{
    [BindProperty(SupportsGet = true, Name = "site")]
    public int? RequestedSite { get; set; }

    protected AppDbContext Db => db;

    public AccessScope.Site? Site { get; private set; }
    public IReadOnlyList<SiteOption> Sites { get; private set; } = [];

    public bool Manages => Site is not null && AccessScope.Manages(Scope, Site);
    public bool AtDesk => Site is not null && AccessScope.AtDesk(Scope, Site);

    public override string Back => Site is { } s ? $"{Request.Path}?site={s.Id}" : Request.Path.ToString();

    protected async Task LoadSiteAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var visible = AccessScope.Sites(db, Scope, today);
        var withComputers = db.Computers.Select(c => c.SiteId);
        var sites = await visible.Where(p => withComputers.Contains(p.Id) || p.Id == Scope.PointId).OrderBy(p => p.Name)
            .Select(p => new AccessScope.Site(p.Id, p.Name, p.Kind)).Take(1000).ToListAsync(ct);
        Sites = sites.Select(s => new SiteOption(s.Id, s.Name)).ToList();
        var id = AccessScope.DefaultSite(Scope, RequestedSite) ?? (sites.Count > 0 ? sites[0].Id : null);
        // A site asked for that has no computers yet is not in the list, but may still be one the user sees.
        Site = sites.Find(s => s.Id == id) ?? await AccessScope.FindAsync(db, Scope, today, id, ct);
    }

    public static DateTimeOffset? Local(DateTime? local) => local is { } l ? VnTime.FromLocal(l) : null;
}
