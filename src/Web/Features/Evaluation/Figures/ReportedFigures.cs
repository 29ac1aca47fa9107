using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Figures;

/// The accepted returns Reports puts over what was recorded: the latest accepted revision of each point's return for a
/// form and period whose period lies wholly inside the asked one. Returns that straddle the period's edge are left out:
/// their figures cannot be split by day.
public sealed class ReportedFigures(AppDbContext db) : IReportedFigures
{
    public async Task<IReadOnlyList<ReportedPeriod>> WithinAsync(Period period, IReadOnlyCollection<int> pointIds,
        IReadOnlySet<string> codes, CancellationToken ct)
    {
        // One query on the (Status, PeriodFrom, PeriodTo) index; almost every report without returns stops here.
        var returns = await db.PointReturns.AsNoTracking()
            .Where(r => r.Status == ReturnStatus.Accepted && r.PeriodFrom >= period.From && r.PeriodTo <= period.To)
            .Select(r => new { r.Id, r.PointId, r.Form, r.Year, r.Number, r.Revision, r.PeriodFrom, r.PeriodTo, r.Origin })
            .ToListAsync(ct);
        if (returns.Count == 0) return [];
        var points = pointIds as IReadOnlySet<int> ?? pointIds.ToHashSet();
        var latest = returns.Where(r => points.Contains(r.PointId))
            .GroupBy(r => (r.PointId, r.Form, r.Year, r.Number)).Select(g => g.MaxBy(r => r.Revision)!).ToList();
        if (latest.Count == 0) return [];

        // One query for the figures of every accepted return in the period; a superseded revision still marked accepted
        // (none should be) is dropped here. SQLite cannot add decimals, so nothing is summed in the database.
        var ids = latest.Select(r => r.Id).ToHashSet();
        var wanted = codes.ToList();
        var figures = new Dictionary<int, List<ReportedFigure>>();
        foreach (var f in await db.ReturnFigures.AsNoTracking()
                     .Join(db.PointReturns.Where(r => r.Status == ReturnStatus.Accepted && r.PeriodFrom >= period.From
                         && r.PeriodTo <= period.To), f => f.ReturnId, r => r.Id, (f, r) => f)
                     .Where(f => wanted.Contains(f.Code))
                     .Select(f => new { f.ReturnId, f.Code, f.Breakdown, f.Value }).ToListAsync(ct))
        {
            if (!ids.Contains(f.ReturnId)) continue;
            if (!figures.TryGetValue(f.ReturnId, out var list)) figures[f.ReturnId] = list = [];
            list.Add(new ReportedFigure(f.Code, f.Breakdown.Length == 0 ? null : f.Breakdown, f.Value));
        }
        return latest.OrderBy(r => r.PointId).ThenBy(r => r.PeriodFrom).ThenBy(r => r.Form, StringComparer.Ordinal)
            .Select(r => new ReportedPeriod(r.PointId, new Period(r.PeriodFrom, r.PeriodTo), r.Origin == ReturnOrigin.Imported,
                figures.TryGetValue(r.Id, out var list) ? list : []))
            .ToList();
    }
}
