namespace Bookpost.Web.Features.Access;

/// Computers and peripherals of the sites the user sees.
public sealed class ListComputers(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ComputerDto>> HandleAsync(ComputerQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.Computers.Where(c => sites.Contains(c.SiteId));
        if (query.SiteId is { } site) q = q.Where(c => c.SiteId == site);
        if (query.Status is { } status) q = q.Where(c => c.Status == status);
        if (query.Kind is { } kind) q = q.Where(c => c.Kind == kind);
        return await ComputerReads.Project(db, q.OrderBy(c => c.Site.Name).ThenBy(c => c.AssetTag)).ToListAsync(ct);
    }
}
