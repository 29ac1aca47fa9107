using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Portal.Holds;

/// Demonstration holds at the demo point: two waiting and one ready, for titles on its shelf, with plausible names and
/// numbers no network gives out (the 0389 000 1xx block). Runs once: nothing happens when the point has any hold.
public sealed class DemoHoldsSeeder(AppDbContext db, ILogger<DemoHoldsSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        if (pointId is null || await db.PointHolds.AnyAsync(h => h.ServicePointId == pointId, ct)) return;
        var titles = await db.Items.Where(i => i.LocationId == pointId && i.Status != ItemStatus.Lost && i.Status != ItemStatus.Withdrawn
                && i.Status != ItemStatus.Damaged)
            .Select(i => i.TitleId).Distinct().OrderBy(t => t).Take(3).ToListAsync(ct);
        if (titles.Count == 0) return;
        var random = new Random(21);
        var now = db.UtcNow;
        for (var i = 0; i < titles.Count; i++)
        {
            var hold = new PointHold
            {
                ServicePointId = pointId.Value, TitleId = titles[i], Name = DemoNames.Person(random).Name,
                Phone = $"0389000{101 + i:D3}", PlacedAt = now.AddHours(-30 + i * 9), ChangedBy = "portal",
            };
            if (i == 0) hold.MarkReady(now.AddHours(-3), "demo-point");
            db.PointHolds.Add(hold);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo holds: {Count} at the demo point", titles.Count);
    }
}
