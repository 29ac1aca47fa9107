namespace Bookpost.Web.Features.Network.Points;

/// The former district (khu vực huyện cũ) a point belongs to, as one key per point. Since 1 July 2025 today's commune has
/// the province as parent, so "the district of today's commune" no longer says anything: a district library, an area
/// user or the planner's nominal distances need the area instead. The key is the district of the point's commune on
/// 30/06/2025; a point placed after the reform takes the district of its commune's predecessor whose code the new unit
/// kept, else of the lowest-coded predecessor (the same rule as the point's former district and the reports' Area). On a
/// day still on the three-tier map, it is simply the district of today's commune.
/// <see cref="PointScope.InArea"/> is the matching filter (a point may fall in two areas there, never here).
public static class PointAreas
{
    public static async Task<Dictionary<int, string>> AreaKeysAsync(AppDbContext db, DateOnly today, CancellationToken ct,
        IQueryable<ServicePoint>? points = null, AreaRules? rules = null)
    {
        points ??= db.ServicePoints;
        rules ??= await RulesAsync(db, today, ct);
        var current = await points.Select(p => new { p.Id, p.CommuneCode }).ToListAsync(ct);
        if (!rules.TwoTier) return current.ToDictionary(p => p.Id, p => rules.Parents.GetValueOrDefault(p.CommuneCode) ?? "");
        var eve = AdminUnit.LastThreeTierDay;
        var ids = points.Select(p => p.Id);
        var eveRows = await db.PointCommunes.Where(PointCommune.ValidOn(eve)).Where(l => ids.Contains(l.ServicePointId))
            .Select(l => new { l.ServicePointId, l.CommuneCode }).ToListAsync(ct);
        var onEve = eveRows.GroupBy(l => l.ServicePointId).ToDictionary(g => g.Key, g => g.First().CommuneCode);
        return current.ToDictionary(p => p.Id, p =>
            onEve.TryGetValue(p.Id, out var code) && rules.Parents.GetValueOrDefault(code) is { } district
                ? district
                : rules.TakenOver.GetValueOrDefault(p.CommuneCode) ?? "");
    }

    /// What the rule reads from the administrative map alone: the communes' districts (on today's map before the reform,
    /// on its eve after) and, after it, the district each new commune was taken over from. Kept by PointGroups between
    /// calls (AdminMapCache), since it changes only with the units and their successions.
    public sealed record AreaRules(bool TwoTier, IReadOnlyDictionary<string, string?> Parents,
        IReadOnlyDictionary<string, string> TakenOver);

    public static async Task<AreaRules> RulesAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        if (today < AdminUnit.TwoTierSince)
            return new AreaRules(false, await ParentsOnAsync(db, today, ct), new Dictionary<string, string>());
        var eveParents = await ParentsOnAsync(db, AdminUnit.LastThreeTierDay, ct);
        var takenOver = (await db.AdminUnitSuccessions
                .Where(s => s.EffectiveOn == AdminUnit.TwoTierSince && s.Predecessor.Level == AdminLevel.Commune)
                .Select(s => new { s.Successor.Code, Predecessor = s.Predecessor.Code, s.Predecessor.ParentCode }).ToListAsync(ct))
            .Where(s => s.ParentCode is not null)
            .GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Predecessor == g.Key ? 0 : 1)
                .ThenBy(s => s.Predecessor, StringComparer.Ordinal).First().ParentCode!);
        return new AreaRules(true, eveParents, takenOver);
    }

    /// The area key of one point (see <see cref="AreaKeysAsync"/>); empty when the point is unknown or has no area.
    public static async Task<string> AreaOfAsync(AppDbContext db, int pointId, DateOnly today, CancellationToken ct) =>
        (await AreaKeysAsync(db, today, ct, db.ServicePoints.Where(p => p.Id == pointId))).GetValueOrDefault(pointId) ?? "";

    private static async Task<IReadOnlyDictionary<string, string?>> ParentsOnAsync(AppDbContext db, DateOnly day, CancellationToken ct) =>
        await db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Level == AdminLevel.Commune)
            .Select(u => new { u.Code, u.ParentCode }).ToDictionaryAsync(u => u.Code, u => u.ParentCode, ct);
}
