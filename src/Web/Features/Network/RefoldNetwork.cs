namespace Bookpost.Web.Features.Network;

/// Start-up step: administrative units and service points stored before the folding last changed get their search
/// text again (see <see cref="FoldingUpgrade"/>).
public static class RefoldNetwork
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        await FoldingUpgrade.EnsureAsync(db, "AdminUnits", async (after, ct2) =>
        {
            var units = await db.AdminUnits.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.Code, u.Name, u.SearchText }).Take(FoldingUpgrade.BatchSize).ToListAsync(ct2);
            foreach (var u in units)
            {
                var folded = TextFolding.Fold($"{u.Code} {u.Name}");
                if (folded != u.SearchText)
                    await db.AdminUnits.Where(x => x.Id == u.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.SearchText, folded), ct2);
            }
            return units.Count == 0 ? null : units[^1].Id;
        }, ct);
        await FoldingUpgrade.EnsureAsync(db, "ServicePoints", async (after, ct2) =>
        {
            var points = await db.ServicePoints.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id)
                .Take(FoldingUpgrade.BatchSize).ToListAsync(ct2);
            foreach (var p in points)
            {
                var before = p.SearchText;
                p.RefreshSearchText();
                if (before != p.SearchText)
                    await db.ServicePoints.Where(x => x.Id == p.Id)
                        .ExecuteUpdateAsync(x => x.SetProperty(s => s.SearchText, p.SearchText), ct2);
            }
            return points.Count == 0 ? null : points[^1].Id;
        }, ct);
    }
}
