using System.Globalization;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Planning.Targets;

/// The targets of a plan against the indicator mechanism: each target's actual value is what <see cref="IndicatorService"/>
/// gives for its indicator over its period (points' accepted returns overlaid, as every report reads them), in the column
/// of its unit: the province's total, the area of a former district, a commune on the map of the period's end, or one
/// point. Targets sharing a period and a level are computed in one call.
public sealed class IndicatorTargetProgress(AppDbContext db, IndicatorService indicators, IOptions<ReportsOptions> options,
    TimeProvider clock, Text text) : ITargetProgress
{
    public async Task<IReadOnlyList<TargetRow>> ForPlanAsync(int planId, CancellationToken ct)
    {
        var targets = await db.PlanTargets.AsNoTracking().Where(t => t.PlanId == planId).ToListAsync(ct);
        return await RowsAsync(targets, ct);
    }

    /// The period of a target, as Decree 09/2019 counts it with the province's cut-off day.
    public Period PeriodOf(PlanTarget t) => ReportingPeriods.Resolve(t.PeriodKind, t.Year, t.Number, false, options.Value.CutoffDay);

    /// The rows of some targets, ordered as the plan reads them: by indicator in catalogue order, unit, then period.
    public async Task<IReadOnlyList<TargetRow>> RowsAsync(IReadOnlyList<PlanTarget> targets, CancellationToken ct)
    {
        if (targets.Count == 0) return [];
        var today = clock.Today();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var catalogue = indicators.Catalogue;
        var order = catalogue.Select((i, n) => (i.Code, n)).GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.First().n);
        var byCode = catalogue.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First());
        var names = await UnitNamesAsync(targets, ct);

        // One table per period, level and province: the columns hold every unit of that level at once.
        var actuals = new Dictionary<int, decimal?>();
        var started = targets.Where(t => PeriodOf(t).From <= today).ToList();
        foreach (var group in started.GroupBy(t => (Period: PeriodOf(t), Level: LevelOf(t), Province: ProvinceOf(t))))
        {
            var codes = group.Select(t => t.IndicatorCode).Where(byCode.ContainsKey).Distinct().ToList();
            if (codes.Count == 0) continue;
            var scope = group.Key.Province is { } province ? TargetAccess.AreaScope(province) : UserScope.System;
            var table = await indicators.ComputeAsync(scope, group.Key.Period, group.Key.Level, ReportMap.OfPeriod, codes, english, ct);
            foreach (var t in group)
                actuals[t.Id] = Value(table, t, byCode.GetValueOrDefault(t.IndicatorCode));
        }

        return targets
            .OrderBy(t => order.GetValueOrDefault(t.IndicatorCode, int.MaxValue)).ThenBy(t => t.IndicatorCode, StringComparer.Ordinal)
            .ThenBy(t => t.PointId.HasValue).ThenBy(t => t.AreaCode?.Length ?? 9).ThenBy(t => names.GetValueOrDefault(Key(t)).Name,
                StringComparer.Ordinal)
            .ThenBy(t => PeriodOf(t).From).ThenBy(t => PeriodOf(t).To)
            .Select(t =>
            {
                var period = PeriodOf(t);
                var indicator = byCode.GetValueOrDefault(t.IndicatorCode);
                var standing = TargetMath.Standing(period, today, actuals.GetValueOrDefault(t.Id), indicator is not null
                    && TargetMath.IsAdditive(indicator), t.Value, t.Direction);
                var (unitKey, unitName) = names.GetValueOrDefault(Key(t), (Key(t), Key(t)));
                return new TargetRow(t.Id, t.IndicatorCode, indicator?.Name(english) ?? text["Targets.UnknownIndicatorName"],
                    indicator?.Unit(english), unitKey, unitName, PeriodName(t), period.From, period.To, t.Value, t.Direction,
                    standing.Actual, standing.Percent, standing.Projected, standing.Behind, t.Note);
            }).ToList();
    }

    /// The figure of the target's indicator in its unit's column. A unit with no point counted there has 0 of a count and
    /// no value of a percent, a ratio or a mean.
    private static decimal? Value(IndicatorTable table, PlanTarget t, Indicator? indicator)
    {
        var row = table.Rows.FirstOrDefault(r => r.Code == t.IndicatorCode && r.Breakdown is null);
        var column = ColumnOf(t);
        var index = table.Columns.ToList().FindIndex(c => c.Key == column);
        if (row is not null && index >= 0) return row.Values[index];
        return indicator?.Aggregation is Aggregation.Sum or Aggregation.Distinct ? 0m : null;
    }

    private static GroupLevel LevelOf(PlanTarget t) => t.PointId.HasValue ? GroupLevel.Point : t.AreaCode?.Length switch
    {
        3 => GroupLevel.Area,
        5 => GroupLevel.Commune,
        _ => GroupLevel.Province,
    };

    /// A province target counts the province's points only; the others are columns of a table over every point.
    private static string? ProvinceOf(PlanTarget t) => t.PointId is null && t.AreaCode is { Length: 2 } p ? p : null;

    private static string ColumnOf(PlanTarget t) => t.PointId is { } point
        ? point.ToString(CultureInfo.InvariantCulture)
        : t.AreaCode is { Length: 3 or 5 } code ? code : IndicatorService.TotalKey;

    private static string Key(PlanTarget t) => t.PointId is { } p ? "#" + p.ToString(CultureInfo.InvariantCulture) : t.AreaCode ?? "";

    /// "Năm 2018", "Quý 3/2018", "6 tháng đầu năm 2018"… as the plan's text says it.
    public string PeriodName(PlanTarget t) => t.PeriodKind switch
    {
        PeriodKind.Month => text.Format("Targets.PeriodMonth", t.Number, t.Year),
        PeriodKind.Quarter => text.Format("Targets.PeriodQuarter", t.Number, t.Year),
        PeriodKind.HalfYear => text.Format(t.Number == 1 ? "Targets.PeriodFirstHalf" : "Targets.PeriodSecondHalf", t.Year),
        PeriodKind.NineMonths => text.Format("Targets.PeriodNineMonths", t.Year),
        _ => text.Format("Targets.PeriodYear", t.Year),
    };

    /// The key and the name of each target's unit: a GSO code and the unit's name (the province, "Khu vực <former
    /// district>", the commune as it was named at the period's end), or a point's code and name.
    private async Task<Dictionary<string, (string Key, string Name)>> UnitNamesAsync(IReadOnlyList<PlanTarget> targets,
        CancellationToken ct)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var pointIds = targets.Where(t => t.PointId.HasValue).Select(t => t.PointId!.Value).Distinct().ToList();
        if (pointIds.Count > 0)
            foreach (var p in await db.ServicePoints.AsNoTracking().Where(p => pointIds.Contains(p.Id))
                         .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct))
                result["#" + p.Id.ToString(CultureInfo.InvariantCulture)] = (p.Code, p.Name);
        var codes = targets.Where(t => t.PointId is null && t.AreaCode is not null).Select(t => t.AreaCode!).Distinct().ToList();
        if (codes.Count == 0) return result;
        var versions = await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code))
            .Select(u => new { u.Code, u.Name, u.Level, u.ValidFrom, u.ValidTo }).ToListAsync(ct);
        foreach (var t in targets.Where(t => t.PointId is null && t.AreaCode is not null))
        {
            var code = t.AreaCode!;
            var level = AdminUnit.LevelOfCode(code);
            // The name on the day the figures are grouped by (the period's end), else the unit's latest name.
            var day = code.Length == 3 ? AdminUnit.LastThreeTierDay : MinDay(PeriodOf(t).To, clock.Today());
            var candidates = versions.Where(v => v.Code == code && v.Level == level).ToList();
            var name = candidates
                .FirstOrDefault(v => (v.ValidFrom == null || v.ValidFrom <= day) && (v.ValidTo == null || v.ValidTo > day))?.Name
                ?? candidates.OrderByDescending(v => v.ValidFrom ?? DateOnly.MinValue).FirstOrDefault()?.Name ?? code;
            if (code.Length == 3) name = text.Format("Reports.AreaColumn", name);
            result.TryAdd(code, (code, name));
        }
        return result;
    }

    private static DateOnly MinDay(DateOnly a, DateOnly b) => a < b ? a : b;
}
