using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Network.Seed;

/// The demo points that carry demo activity from January 2025 on (circulation and public computers), so that a report
/// over 2025 has figures on both sides of 1 July 2025, on both maps. One active Post-Culture point from each former
/// district (lowest code first), every point flagged for review (a divided commune), and the other points of the demo
/// point's commune (so demo-commune sees more than one point). The demo point itself is left out: its own demo records
/// are the recent ones that tests rely on. Deterministic: ordered by codes only.
public static class DemoSpread
{
    public const int MaxPoints = 30;

    public static async Task<List<ServicePoint>> PointsAsync(AppDbContext db, int demoPointId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(db.UtcNow.AddHours(7));
        var active = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active
            && p.Id != demoPointId);
        var points = await active.OrderBy(p => p.Code).ToListAsync(ct);
        var areas = await PointAreas.AreaKeysAsync(db, today, ct, active);
        var flagged = await db.PointCommunes.Where(l => l.NeedsReview).Select(l => l.ServicePointId).Distinct().ToListAsync(ct);
        var demoCommune = await db.ServicePoints.Where(p => p.Id == demoPointId).Select(p => p.CommuneCode).SingleOrDefaultAsync(ct);

        var chosen = new List<ServicePoint>();
        void Take(IEnumerable<ServicePoint> more)
        {
            foreach (var p in more)
                if (chosen.Count < MaxPoints && !chosen.Contains(p)) chosen.Add(p);
        }
        Take(points.Where(p => flagged.Contains(p.Id)));
        Take(points.Where(p => p.CommuneCode == demoCommune));
        Take(points.GroupBy(p => areas.GetValueOrDefault(p.Id, "")).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()));
        // A second point in the first districts until the list is full, so some areas have more than one.
        Take(points.GroupBy(p => areas.GetValueOrDefault(p.Id, "")).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Skip(1).Take(1)));
        return chosen.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
    }

    /// The first day of demo activity history.
    public static readonly DateOnly HistoryFrom = new(2025, 1, 1);

    /// Writes a feature's demo history. Demo rows are no one's action: like the reference data, they are saved without a
    /// row audit each (thousands of rows would cost more than the save itself at every first start). The time goes to the
    /// log: the first start of a demo must stay quick (wall time suffers on a busy machine, CPU time less).
    public static async Task WriteHistoryAsync(AppDbContext db, ILogger logger, Func<Task<int>> write)
    {
        db.SuppressRowAudit = true;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            var rows = await write();
            logger.LogInformation("Demo history: {Rows} rows in {Ms} ms ({Cpu} ms CPU)", rows, watch.ElapsedMilliseconds,
                (int)(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
    }
}
