using System.Globalization;

namespace Bookpost.Web.Features.Reports;

/// <summary>
/// "One figure per point and period" (docs/architecture.md, "Evaluation (issue 18): one figure per point and period").
/// The values the sources computed from what was recorded are corrected point by point: for a point with accepted
/// returns inside the report's period, what was recorded during each return's period is taken out and the return's
/// figures are put in, so nothing counts twice.
/// <list type="bullet">
/// <item>Sum indicators: recorded(P) − Σ recorded(return periods) + Σ return figures. A point's returns that overlap (a
/// yearly return and monthly ones of the same year) are not both used: the longest period is taken first.</item>
/// <item>Stocks: the latest return's figure, unless the point recorded the stock and the latest return ends before the
/// period does (what was recorded at the period's end is then the later figure).</item>
/// <item>A Distinct count of points (points served) counts a point whose return has its figure above zero.</item>
/// <item>Ratios over points whose whole is known (books per inhabitant) are made here, point by point.</item>
/// </list>
/// Distinct and Mean indicators that no return asks stay as recorded. The recorded figures per point are computed by
/// running the sources with a request that groups each point to its own key, once per distinct span of return periods
/// (a point's adjacent returns make one span, so a year of monthly returns is one run, not twelve).
/// </summary>
internal sealed class ReturnOverlay(IndicatorService service, IReadOnlyList<Indicator> catalogue, Period period,
    IReadOnlyDictionary<int, string[]> groupsOf, IReadOnlySet<string> needed)
{
    private readonly Dictionary<string, Indicator> _byCode = catalogue.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// What is added to what the sources computed, per point, indicator and breakdown (null: the indicator's own figure).
    private readonly Dictionary<(int Point, string Code, string? Breakdown), decimal> _delta = [];

    public async Task<List<IndicatorValue>> ApplyAsync(List<IndicatorValue> values, IReadOnlyList<ReportedPeriod> returns,
        CancellationToken ct)
    {
        // The returns used for each point and indicator: the longest periods first, none overlapping another.
        var chosen = new Dictionary<(int Point, string Code), List<ReportedPeriod>>();
        foreach (var r in returns.Where(r => groupsOf.ContainsKey(r.PointId))
                     .OrderBy(r => r.PointId).ThenByDescending(r => r.Period.To.DayNumber - r.Period.From.DayNumber)
                     .ThenByDescending(r => r.Period.To))
            foreach (var code in r.Figures.Select(f => f.Code).Distinct())
            {
                if (!needed.Contains(code) || !_byCode.TryGetValue(code, out var indicator)
                    || indicator.Aggregation != Aggregation.Sum) continue;
                if (!chosen.TryGetValue((r.PointId, code), out var list)) chosen[(r.PointId, code)] = list = [];
                if (!list.Any(c => c.Period.From <= r.Period.To && r.Period.From <= c.Period.To)) list.Add(r);
            }

        // What must be read as recorded, per span of days: (point, indicator) pairs.
        var work = new Dictionary<Period, HashSet<(int Point, string Code)>>();
        void Need(Period span, int point, string code)
        {
            if (!work.TryGetValue(span, out var set)) work[span] = set = [];
            set.Add((point, code));
        }
        foreach (var ((point, code), list) in chosen)
        {
            if (_byCode[code].Stock) Need(period, point, code);
            else foreach (var span in Spans(list.Select(r => r.Period))) Need(span, point, code);
        }
        var served = catalogue.Where(i => needed.Contains(i.Code) && i.CountsPointsWith is not null).ToList();
        var servedBy = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var i in served)
        {
            var points = returns.Where(r => groupsOf.ContainsKey(r.PointId)
                    && r.Figures.Any(f => f.Code == i.CountsPointsWith && f.Breakdown is null && f.Value > 0))
                .Select(r => r.PointId).ToHashSet();
            servedBy[i.Code] = points;
            foreach (var p in points) Need(period, p, i.Code);
        }
        var perPoint = catalogue.Where(i => needed.Contains(i.Code) && i.Of is { KnownWholeOnly: true }).ToList();
        foreach (var i in perPoint)
            foreach (var ((point, code), _) in chosen.Where(c => c.Key.Code == i.Of!.Whole))
            {
                Need(period, point, i.Of!.Part);
                Need(period, point, code);
            }

        var recorded = new Dictionary<Period, Dictionary<(int, string, string?), decimal>>();
        foreach (var (span, pairs) in work)
        {
            var groups = pairs.Select(x => x.Point).Distinct()
                .ToDictionary(p => p, p => new[] { p.ToString(CultureInfo.InvariantCulture) });
            var request = new IndicatorRequest(span, groups, pairs.Select(x => x.Code).ToHashSet(StringComparer.Ordinal));
            recorded[span] = (await service.RunAsync(request, ct))
                .ToDictionary(v => (int.Parse(v.Group, CultureInfo.InvariantCulture), v.Code, v.Breakdown), v => v.Value);
        }

        foreach (var ((point, code), list) in chosen)
        {
            if (_byCode[code].Stock)
            {
                var latest = list.MaxBy(r => r.Period.To)!;
                var atEnd = recorded[period];
                var hasRecorded = atEnd.Keys.Any(k => k.Item1 == point && k.Item2 == code);
                if (hasRecorded && latest.Period.To < period.To) continue;
                Replace(point, code, atEnd, [latest]);
            }
            else
                foreach (var span in Spans(list.Select(r => r.Period)))
                    Replace(point, code, recorded[span], list.Where(r => span.From <= r.Period.From && r.Period.To <= span.To));
        }
        foreach (var i in served)
            foreach (var p in servedBy[i.Code].Where(p => !recorded[period].ContainsKey((p, i.Code, null))))
                Add(p, i.Code, null, 1);

        // Apply the corrections to every group of each point.
        var lookup = values.ToDictionary(v => (v.Code, v.Group, v.Breakdown), v => v.Value);
        foreach (var ((point, code, breakdown), delta) in _delta)
        {
            if (delta == 0) continue;
            foreach (var g in groupsOf[point]) lookup[(code, g, breakdown)] = lookup.GetValueOrDefault((code, g, breakdown)) + delta;
        }

        // Ratios over the points whose whole is known, from each point's corrected figures.
        foreach (var i in perPoint)
        {
            var parts = new Dictionary<string, (decimal Part, decimal Whole)>(StringComparer.Ordinal);
            foreach (var ((point, _), _) in chosen.Where(c => c.Key.Code == i.Of!.Whole))
            {
                var whole = Corrected(recorded[period], point, i.Of!.Whole);
                if (whole <= 0) continue;
                var part = Corrected(recorded[period], point, i.Of.Part);
                foreach (var g in groupsOf[point])
                {
                    var (p, w) = parts.GetValueOrDefault(g);
                    parts[g] = (p + part, w + whole);
                }
            }
            foreach (var (g, (part, whole)) in parts)
                lookup[(i.Code, g, null)] = IndicatorService.RatioValue(i.Aggregation, part, whole);
        }
        return lookup.Select(x => new IndicatorValue(x.Key.Code, x.Key.Group, x.Key.Breakdown, x.Value)).ToList();
    }

    /// A point's figure over the whole period once corrected.
    private decimal Corrected(Dictionary<(int, string, string?), decimal> atEnd, int point, string code) =>
        atEnd.GetValueOrDefault((point, code, null)) + _delta.GetValueOrDefault((point, code, null));

    /// Takes out what was recorded at a point for an indicator over a span (its figure and every breakdown) and puts in
    /// the returns' figures. A return that gives breakdowns without the figure itself makes it their sum; one that gives
    /// the figure alone leaves its breakdowns unknown for its period.
    private void Replace(int point, string code, Dictionary<(int Point, string Code, string? Breakdown), decimal> recorded,
        IEnumerable<ReportedPeriod> used)
    {
        foreach (var (key, value) in recorded.Where(x => x.Key.Point == point && x.Key.Code == code))
            Add(point, code, key.Breakdown, -value);
        foreach (var r in used)
        {
            var figures = r.Figures.Where(f => f.Code == code).ToList();
            var hasTotal = figures.Any(f => f.Breakdown is null);
            foreach (var f in figures)
            {
                Add(point, code, f.Breakdown, f.Value);
                if (f.Breakdown is not null && !hasTotal) Add(point, code, null, f.Value);
            }
        }
    }

    private void Add(int point, string code, string? breakdown, decimal value) =>
        _delta[(point, code, breakdown)] = _delta.GetValueOrDefault((point, code, breakdown)) + value;

    /// Adjacent periods joined: what was recorded over a span is the sum of what was recorded over each of its periods.
    private static IEnumerable<Period> Spans(IEnumerable<Period> periods)
    {
        Period? current = null;
        foreach (var p in periods.OrderBy(p => p.From))
        {
            if (current is { } c && p.From == c.To.AddDays(1)) current = new Period(c.From, p.To);
            else
            {
                if (current is { } done) yield return done;
                current = p;
            }
        }
        if (current is { } last) yield return last;
    }
}
