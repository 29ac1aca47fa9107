namespace Bookpost.Web.Features.Access;

/// A site's Internet connection and its latest outages.
public sealed class GetInternet(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<InternetDto>> HandleAsync(int siteId, UserScope scope, CancellationToken ct)
    {
        var site = await AccessScope.FindAsync(db, scope, clock.Today(), siteId, ct);
        if (site is null) return Result<InternetDto>.NotFound();
        var c = await db.InternetConnections.AsNoTracking().SingleOrDefaultAsync(x => x.SiteId == siteId, ct);
        var outages = await db.InternetOutages.AsNoTracking().Where(o => o.SiteId == siteId).OrderByDescending(o => o.StartedAt).Take(50)
            .ToListAsync(ct);
        return new InternetDto(siteId, site.Name, c?.Provider, c?.BandwidthMbps, c?.MonthlyCostVnd, c?.Since, c?.Version,
            outages.Select(OutageDto.Of).ToList());
    }
}
