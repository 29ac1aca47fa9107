using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Planning.Inspections;

/// What the inspections found, as figures of the indicator catalogue: how many inspections, how many points were
/// inspected at least once in the period, and the share of the items checked that passed (items not checked, such as
/// computers at a point that has none, count neither way).
public sealed class InspectionIndicators(AppDbContext db) : IIndicatorSource
{
    public const string Feature = "Planning";
    public const string Inspections = "planning.inspections";
    public const string PointsInspected = "planning.points_inspected";
    public const string ChecksPassed = "planning.checks_passed_pct";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(Inspections, Feature, "Số lượt kiểm tra điểm", "Point inspections", "lượt", "inspections", Aggregation.Sum),
        new(PointsInspected, Feature, "Số điểm được kiểm tra trong kỳ", "Points inspected in the period", "điểm", "points",
            Aggregation.Distinct),
        new(ChecksPassed, Feature, "Tỷ lệ nội dung kiểm tra đạt yêu cầu", "Share of inspection checks passed", "%", "%",
            Aggregation.Percent),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct)
    {
        var acc = new IndicatorAccumulator(request);
        var p = request.Period;
        if (!acc.Wants(Inspections) && !acc.Wants(PointsInspected) && !acc.Wants(ChecksPassed)) return [];
        var inPeriod = db.Inspections.AsNoTracking().Where(i => i.Date >= p.From && i.Date <= p.To);
        // One row per point: a province has a few hundred points and a few inspections of each a year.
        foreach (var r in await inPeriod.GroupBy(i => i.PointId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        {
            if (acc.Wants(Inspections)) acc.Add(Inspections, r.Key, r.Count);
            if (acc.Wants(PointsInspected)) acc.AddDistinct(PointsInspected, r.Key, r.Key);
        }
        if (acc.Wants(ChecksPassed))
            foreach (var r in await db.InspectionChecks.AsNoTracking()
                         .Join(inPeriod, c => c.InspectionId, i => i.Id, (c, i) => new { i.PointId, c.Passed })
                         .GroupBy(x => x.PointId)
                         .Select(g => new { g.Key, Passed = g.Count(x => x.Passed), Checked = g.Count() })
                         .ToListAsync(ct))
                acc.AddRatio(ChecksPassed, r.Key, r.Passed, r.Checked);
        return acc.Results(Indicators);
    }
}
