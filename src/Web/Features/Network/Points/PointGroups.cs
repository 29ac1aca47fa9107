using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Network.Points;

/// <summary>The network's answer to Reports: visible points and their district on the map of a day.</summary>
public sealed class PointGroups(AppDbContext db, TimeProvider clock) : IPointGroups
{
    public async Task<IReadOnlyList<MappedPoint>> PointsAsync(UserScope scope, DateOnly mapDay, CancellationToken ct)
    {
        // Who may be counted is decided on today's tree (as for every read); where a point counts, on the day's.
        var today = clock.Today();
        var points = await db.ServicePoints.VisibleTo(db, scope, today).Select(p => new { p.Id, p.Name, p.CommuneCode }).ToListAsync(ct);
        var then = await DistrictOfCommuneAsync(mapDay, ct);
        var now = mapDay == today ? then : await DistrictOfCommuneAsync(today, ct);
        return points
            .Select(p => new MappedPoint(p.Id, p.Name, then.GetValueOrDefault(p.CommuneCode) ?? now.GetValueOrDefault(p.CommuneCode) ?? ""))
            .ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> DistrictNamesAsync(CancellationToken ct) =>
        await db.AdminUnits.Where(u => u.Level == AdminLevel.District).GroupBy(u => u.Code)
            .Select(g => new { g.Key, Name = g.OrderByDescending(u => u.ValidFrom).Select(u => u.Name).First() })
            .ToDictionaryAsync(g => g.Key, g => g.Name, ct);

    private Task<Dictionary<string, string?>> DistrictOfCommuneAsync(DateOnly day, CancellationToken ct) =>
        db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Level == AdminLevel.Commune)
            .ToDictionaryAsync(u => u.Code, u => u.ParentCode, ct);
}
