using System.Globalization;

namespace Bookpost.Web.Features.Reports;

public enum Aggregation
{
    /// Values add up across points and groups.
    Sum,
    /// A count of distinct things (titles, points): a group counts each thing once however many of its points had it.
    Distinct,
    /// A mean over events, weighted by their number.
    Mean,
    /// A share in percent: numerators and denominators add up separately, and the value is their ratio.
    Percent,
    /// A quotient of two sums (books per inhabitant), to two decimals: numerators and denominators add up separately.
    Ratio,
}

/// An indicator computed from two others' figures once every source has answered and returns are applied: the sum of
/// <see cref="Part"/> over the sum of <see cref="Whole"/>. With <see cref="KnownWholeOnly"/> only the points whose whole
/// is known count (population, which only returns give), part and whole point by point.
public sealed record RatioOf(string Part, string Whole, bool KnownWholeOnly = false);

/// One published figure: what it is called in both languages, its unit, how it adds up, and how it may be broken down.
/// Breakdown categories are stored as codes; when BreakdownEnum names an enum, they are shown through its strings.
public sealed record Indicator(string Code, string Feature, string NameVi, string NameEn, string UnitVi, string UnitEn,
    Aggregation Aggregation,
    string? BreakdownVi = null, string? BreakdownEn = null, string? BreakdownEnum = null)
{
    public string Name(bool english) => english ? NameEn : NameVi;
    public string Unit(bool english) => english ? UnitEn : UnitVi;

    /// A figure of a moment (copies held, computers, population): over a period it is the value at the period's end, so
    /// a point's returns replace it with the latest period's figure instead of adding periods up.
    public bool Stock { get; init; }

    /// Computed by <see cref="IndicatorService"/> from two other indicators; its source returns nothing for it.
    public RatioOf? Of { get; init; }

    /// For a Distinct count of points (points served): a point whose return has this figure above zero counts too.
    public string? CountsPointsWith { get; init; }
}

/// What a source is asked: a period, and for each service point the groups (district, province, the point itself)
/// its figures count towards. Points not in the map are outside the caller's scope and must not be counted.
public sealed record IndicatorRequest(Period Period, IReadOnlyDictionary<int, string[]> GroupsOf, IReadOnlySet<string> Codes);

/// A value of one indicator for one group, optionally for one breakdown category.
public sealed record IndicatorValue(string Code, string Group, string? Breakdown, decimal Value);

/// A feature publishes its indicators by registering one source. The source runs one query per indicator over the
/// period and returns values per group; <see cref="IndicatorAccumulator"/> does the grouping.
public interface IIndicatorSource
{
    IReadOnlyList<Indicator> Indicators { get; }
    Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct);
}

/// Folds per-point facts into per-group values according to each indicator's aggregation.
public sealed class IndicatorAccumulator(IndicatorRequest request)
{
    private readonly Dictionary<(string Code, string Group, string? Breakdown), decimal> _sums = [];
    private readonly Dictionary<(string Code, string Group, string? Breakdown), long> _counts = [];
    private readonly Dictionary<(string Code, string Group, string? Breakdown), HashSet<long>> _distinct = [];
    private readonly Dictionary<(string Code, string Group, string? Breakdown), decimal> _denominators = [];

    public bool Wants(string code) => request.Codes.Count == 0 || request.Codes.Contains(code);

    public void Add(string code, int pointId, decimal value, string? breakdown = null)
    {
        if (!request.GroupsOf.TryGetValue(pointId, out var groups)) return;
        foreach (var g in groups)
        {
            var key = (code, g, breakdown);
            _sums[key] = _sums.GetValueOrDefault(key) + value;
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            if (breakdown is not null)
            {
                var total = (code, g, (string?)null);
                _sums[total] = _sums.GetValueOrDefault(total) + value;
                _counts[total] = _counts.GetValueOrDefault(total) + 1;
            }
        }
    }

    /// A part and its whole, for a Percent indicator.
    public void AddRatio(string code, int pointId, decimal part, decimal whole)
    {
        if (!request.GroupsOf.TryGetValue(pointId, out var groups)) return;
        foreach (var g in groups)
        {
            var key = (code, g, (string?)null);
            _sums[key] = _sums.GetValueOrDefault(key) + part;
            _denominators[key] = _denominators.GetValueOrDefault(key) + whole;
        }
    }

    public void AddDistinct(string code, int pointId, long thing)
    {
        if (!request.GroupsOf.TryGetValue(pointId, out var groups)) return;
        foreach (var g in groups)
        {
            var key = (code, g, (string?)null);
            if (!_distinct.TryGetValue(key, out var set)) _distinct[key] = set = [];
            set.Add(thing);
        }
    }

    public IReadOnlyList<IndicatorValue> Results(IEnumerable<Indicator> indicators)
    {
        var byCode = indicators.ToDictionary(i => i.Code);
        var values = new List<IndicatorValue>();
        foreach (var (key, sum) in _sums)
        {
            var aggregation = byCode[key.Code].Aggregation;
            if (aggregation is Aggregation.Percent or Aggregation.Ratio && _denominators.GetValueOrDefault(key) == 0) continue;
            var value = aggregation switch
            {
                Aggregation.Mean => Math.Round(sum / _counts[key], 2),
                Aggregation.Percent => Math.Round(100 * sum / _denominators[key], 1),
                Aggregation.Ratio => Math.Round(sum / _denominators[key], 2),
                _ => sum,
            };
            values.Add(new IndicatorValue(key.Code, key.Group, key.Breakdown, value));
        }
        foreach (var (key, set) in _distinct) values.Add(new IndicatorValue(key.Code, key.Group, key.Breakdown, set.Count));
        return values;
    }
}

/// How figures are grouped: the whole scope, districts (on a map that has them), areas of former districts (any map),
/// communes, or points.
public enum GroupLevel { Province, District, Area, Commune, Point }

public sealed record IndicatorColumn(string Key, string Name);

public sealed record IndicatorRow(string Code, string Name, string Unit, string? Breakdown, string? BreakdownLabel,
    IReadOnlyList<decimal?> Values);

/// A computed table. <see cref="Map"/> is how the map was asked for ("period", "today" or a date) and
/// <see cref="MapDay"/> the day whose administrative map grouped the points; <see cref="TodaysMap"/> is kept for the
/// callers of the first version of the API.
public sealed record IndicatorTable(Period Period, GroupLevel Level, bool TodaysMap, string Map, DateOnly MapDay,
    IReadOnlyList<IndicatorColumn> Columns, IReadOnlyList<IndicatorRow> Rows, IndicatorComparison? Comparison = null)
{
    /// Where the figures came from: how many points' figures came, for some period, from their accepted returns.
    public FigureSources? Sources { get; init; }
}

/// How many of the points counted took their figures, for at least part of the period, from accepted returns
/// (<see cref="Reported"/>), and how many from what was recorded alone (<see cref="Recorded"/>), in the whole scope and
/// per column (in the order of the table's columns, the total last).
public sealed record FigureSources(int Reported, int Recorded, IReadOnlyList<int> ReportedByColumn, IReadOnlyList<int> RecordedByColumn)
{
    /// The sentence a report states it with: "Số liệu: 96 điểm theo báo cáo, 16 theo ghi nhận."
    public string Note { get; init; } = "";

    public static FigureSources Of(IReadOnlyDictionary<int, string[]> groupsOf, IReadOnlySet<int> fromReturns,
        IReadOnlyList<IndicatorColumn> columns)
    {
        var reported = columns.ToDictionary(c => c.Key, _ => 0, StringComparer.Ordinal);
        var recorded = columns.ToDictionary(c => c.Key, _ => 0, StringComparer.Ordinal);
        foreach (var (point, groups) in groupsOf)
        {
            var counts = fromReturns.Contains(point) ? reported : recorded;
            foreach (var g in groups)
                if (counts.TryGetValue(g, out var n)) counts[g] = n + 1;
        }
        var total = PointGrouping.TotalKey;
        return new FigureSources(reported.GetValueOrDefault(total), recorded.GetValueOrDefault(total),
            columns.Select(c => reported[c.Key]).ToList(), columns.Select(c => recorded[c.Key]).ToList());
    }
}

/// Periods side by side: the four quarters of the asked period's year, or the asked period after the same days a year
/// earlier.
public enum PeriodComparison { Quarters, LastYear }

/// How a table is laid out for people: indicators as rows and groups as columns, groups as rows, or whichever is
/// narrower (Auto: groups as rows when there are more groups than indicator rows).
public enum TableOrientation { Auto, Groups, Indicators }

/// One period of a comparison.
public sealed record ComparisonColumn(string Key, string Name, DateOnly From, DateOnly To);

/// An indicator's totals over the caller's scope, one per period, and the change in percent from the period before
/// (null for the first period, and where the period before had nothing or no value: no division by zero).
public sealed record ComparisonRow(string Code, string Name, string Unit, string? Breakdown, string? BreakdownLabel,
    IReadOnlyList<decimal?> Values, IReadOnlyList<decimal?> ChangePercent);

public sealed record IndicatorComparison(PeriodComparison Kind, IReadOnlyList<ComparisonColumn> Columns,
    IReadOnlyList<ComparisonRow> Rows);

/// Which administrative map groups the points: the map on the period's last day (the default), today's, or a given day's.
public sealed record ReportMap(ReportMap.Kind Of, DateOnly? Day = null)
{
    public enum Kind { Period, Today, Day }

    public const string PeriodName = "period";
    public const string TodayName = "today";

    public static readonly ReportMap OfPeriod = new(Kind.Period);
    public static readonly ReportMap OfToday = new(Kind.Today);

    /// The day of the map. The period's map is never later than today: a period still running is grouped on today's map.
    public DateOnly DayFor(Period period, DateOnly today) => Of switch
    {
        Kind.Today => today,
        Kind.Day => Day!.Value,
        _ => period.To > today ? today : period.To,
    };

    public override string ToString() => Of switch
    {
        Kind.Today => TodayName,
        Kind.Day => Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => PeriodName,
    };
}

/// The one way anything reads indicators: the indicator page, exports, and later targets, dashboards and reports.
/// It works out which points the caller may count and which group each belongs to, asks every source, and lays the
/// values out as rows of indicators by columns of groups, with the whole scope as the last column.
/// Points are grouped on the administrative map of one day (<see cref="ReportMap"/>); each point counts in exactly one
/// column, so every map adds up to the same total.
public sealed class IndicatorService(IPointGroups map, TimeProvider clock, IEnumerable<IIndicatorSource> sources,
    IReportedFigures reported)
{
    public const string TotalKey = PointGrouping.TotalKey;

    public IReadOnlyList<Indicator> Catalogue => sources.SelectMany(s => s.Indicators).ToList();

    /// Whether the map of a day has districts (none from 1 July 2025); District grouping needs them.
    public Task<bool> MapHasDistrictsAsync(DateOnly mapDay, CancellationToken ct) => map.HasDistrictsAsync(mapDay, ct);

    /// <paramref name="recordedOnly"/> leaves the points' returns aside: what Bookpost recorded, as a return form shows
    /// beside each figure the point reports.
    public async Task<IndicatorTable> ComputeAsync(UserScope scope, Period period, GroupLevel level, ReportMap reportMap,
        IReadOnlyCollection<string> codes, bool english, CancellationToken ct, bool recordedOnly = false)
    {
        var today = clock.Today();
        var mapDay = reportMap.DayFor(period, today);
        var points = await map.PointsAsync(scope, mapDay, ct);
        var (groupsOf, columns) = PointGrouping.Of(points, level, Words("Reports.Unplaced", english),
            name => string.Format(CultureInfo.InvariantCulture, Words("Reports.AreaColumn", english), name));

        var catalogue = Catalogue;
        var wanted = codes.Count == 0 ? catalogue.Select(i => i.Code).ToHashSet() : codes.ToHashSet(StringComparer.Ordinal);
        // A ratio needs its two parts computed, shown or not.
        var needed = new HashSet<string>(wanted, StringComparer.Ordinal);
        foreach (var i in catalogue.Where(i => wanted.Contains(i.Code) && i.Of is not null))
        {
            needed.Add(i.Of!.Part);
            needed.Add(i.Of.Whole);
        }
        var request = new IndicatorRequest(period, groupsOf, needed);
        var values = await RunAsync(request, ct);

        // One figure per point and period: the points' accepted returns inside the period replace what was recorded there.
        var asked = new HashSet<string>(needed, StringComparer.Ordinal);
        foreach (var i in catalogue.Where(i => needed.Contains(i.Code) && i.CountsPointsWith is not null)) asked.Add(i.CountsPointsWith!);
        var returns = recordedOnly ? [] : await reported.WithinAsync(period, groupsOf.Keys.ToList(), asked, ct);
        var fromReturns = returns.Where(r => r.Figures.Count > 0 && groupsOf.ContainsKey(r.PointId)).Select(r => r.PointId).ToHashSet();
        if (fromReturns.Count > 0)
            values = await new ReturnOverlay(this, catalogue, period, groupsOf, needed).ApplyAsync(values, returns, ct);
        values.AddRange(Ratios(catalogue.Where(i => wanted.Contains(i.Code) && i.Of is { KnownWholeOnly: false }), values));

        // Named columns in name order, the points no map could place after them, the total last.
        var orderedColumns = columns.Where(c => c.Key != PointGrouping.UnknownKey)
            .OrderBy(c => c.Value, StringComparer.Ordinal).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new IndicatorColumn(c.Key, c.Value)).ToList();
        if (columns.TryGetValue(PointGrouping.UnknownKey, out var unknown))
            orderedColumns.Add(new IndicatorColumn(PointGrouping.UnknownKey, unknown));
        orderedColumns.Add(new IndicatorColumn(TotalKey, english ? "Total" : "Tổng"));
        var lookup = values.ToDictionary(v => (v.Code, v.Group, v.Breakdown), v => v.Value);
        var rows = new List<IndicatorRow>();
        foreach (var indicator in catalogue.Where(i => wanted.Contains(i.Code)))
        {
            var zero = indicator.Aggregation is Aggregation.Mean or Aggregation.Percent or Aggregation.Ratio ? (decimal?)null : 0m;
            rows.Add(new IndicatorRow(indicator.Code, indicator.Name(english), indicator.Unit(english), null, null,
                orderedColumns.Select(c => lookup.TryGetValue((indicator.Code, c.Key, null), out var v) ? v : zero).ToList()));
            foreach (var breakdown in values.Where(v => v.Code == indicator.Code && v.Breakdown is not null).Select(v => v.Breakdown!)
                .Distinct().Order(StringComparer.Ordinal))
                rows.Add(new IndicatorRow(indicator.Code, indicator.Name(english), indicator.Unit(english), breakdown,
                    indicator.BreakdownEnum is { } e
                        ? Infrastructure.Localization.Text.Get($"Enum.{e}.{breakdown}", CultureInfo.CurrentUICulture)
                        : breakdown,
                    orderedColumns.Select(c => lookup.TryGetValue((indicator.Code, c.Key, breakdown), out var v) ? v : zero).ToList()));
        }
        return new IndicatorTable(period, level, reportMap.Of == ReportMap.Kind.Today, reportMap.ToString(), mapDay, orderedColumns, rows)
        {
            Sources = FigureSources.Of(groupsOf, fromReturns, orderedColumns) is var figureSources
                ? figureSources with { Note = SourcesSentence(figureSources, english) }
                : null,
        };
    }

    /// Every source that publishes one of the request's codes, asked once.
    internal async Task<List<IndicatorValue>> RunAsync(IndicatorRequest request, CancellationToken ct)
    {
        var values = new List<IndicatorValue>();
        foreach (var source in sources.Where(s => s.Indicators.Any(i => request.Codes.Contains(i.Code))))
            values.AddRange(await source.ComputeAsync(request, ct));
        return values;
    }

    /// The ratios of two group figures (workstation use rate: hours used over hours open), per group.
    private static IEnumerable<IndicatorValue> Ratios(IEnumerable<Indicator> ratios, List<IndicatorValue> values)
    {
        var lookup = values.Where(v => v.Breakdown is null).ToDictionary(v => (v.Code, v.Group), v => v.Value);
        foreach (var i in ratios)
            foreach (var (key, whole) in lookup.Where(x => x.Key.Code == i.Of!.Whole && x.Value != 0).ToList())
                yield return new IndicatorValue(i.Code, key.Group, null,
                    RatioValue(i.Aggregation, lookup.GetValueOrDefault((i.Of!.Part, key.Group)), whole));
    }

    /// A part over a whole as the indicator's aggregation shows it: percent to one decimal, or a quotient to two.
    internal static decimal RatioValue(Aggregation aggregation, decimal part, decimal whole) =>
        aggregation == Aggregation.Percent ? Math.Round(100 * part / whole, 1) : Math.Round(part / whole, 2);

    /// The totals of the caller's scope over several periods side by side, each period grouped on its own map as
    /// <paramref name="reportMap"/> says, so each column equals the Total column of that period's own table.
    public async Task<IndicatorComparison> CompareAsync(UserScope scope, Period period, PeriodComparison kind, bool calendar,
        int cutoffDay, ReportMap reportMap, IReadOnlyCollection<string> codes, bool english, CancellationToken ct)
    {
        var periods = new List<(string Key, string Name, Period Period)>();
        if (kind == PeriodComparison.Quarters)
        {
            var year = ReportingPeriods.Containing(PeriodKind.Year, period.To, calendar, cutoffDay).Year;
            for (var q = 1; q <= 4; q++)
                periods.Add(($"{year}-Q{q}", string.Format(CultureInfo.InvariantCulture, Words("Reports.QuarterColumn", english), q, year),
                    ReportingPeriods.Resolve(PeriodKind.Quarter, year, q, calendar, cutoffDay)));
        }
        else
        {
            var before = new Period(period.From.AddYears(-1), period.To.AddYears(-1));
            foreach (var (key, p) in new[] { ("lastYear", before), ("period", period) })
                periods.Add((key, $"{VnTime.Show(p.From)}–{VnTime.Show(p.To)}", p));
        }
        var order = new List<(string Code, string? Breakdown)>();
        var labels = new Dictionary<(string, string?), IndicatorRow>();
        var totals = new List<Dictionary<(string, string?), decimal?>>();
        foreach (var (_, _, p) in periods)
        {
            var table = await ComputeAsync(scope, p, GroupLevel.Province, reportMap, codes, english, ct);
            var total = table.Columns.Count - 1;
            var values = new Dictionary<(string, string?), decimal?>();
            foreach (var row in table.Rows)
            {
                var key = (row.Code, row.Breakdown);
                if (labels.TryAdd(key, row)) order.Add(key);
                values[key] = row.Values[total];
            }
            totals.Add(values);
        }
        // Indicators in catalogue order, each followed by its breakdowns, whichever period first had them.
        var catalogue = Catalogue.Select((i, n) => (i.Code, n)).ToDictionary(x => x.Code, x => x.n);
        var rows = order.OrderBy(k => catalogue.GetValueOrDefault(k.Code)).ThenBy(k => k.Breakdown is not null)
            .ThenBy(k => k.Breakdown, StringComparer.Ordinal)
            .Select(k =>
            {
                // A breakdown no one fell into in a period counted zero there, as its indicator's own row does.
                var summed = Catalogue.FirstOrDefault(i => i.Code == k.Code)?.Aggregation is Aggregation.Sum or Aggregation.Distinct;
                var values = totals.Select(t => t.TryGetValue(k, out var v) ? v
                    : summed && t.GetValueOrDefault((k.Code, null)) is not null ? 0m : null).ToList();
                var label = labels[k];
                return new ComparisonRow(k.Code, label.Name, label.Unit, k.Breakdown, label.BreakdownLabel, values,
                    values.Select((v, i) => i == 0 ? null : Change(values[i - 1], v)).ToList());
            }).ToList();
        return new IndicatorComparison(kind, periods.Select(p => new ComparisonColumn(p.Key, p.Name, p.Period.From, p.Period.To)).ToList(),
            rows);
    }

    /// The change from one value to the next in percent, to one decimal; none when either is missing or the first is 0.
    public static decimal? Change(decimal? before, decimal? after) =>
        before is { } b && after is { } a && b != 0 ? Math.Round(100 * (a - b) / b, 1) : null;

    /// Whether people read this table with groups as rows: as asked, or when there are more groups than indicator rows.
    public static bool GroupsAsRows(IndicatorTable table, TableOrientation orientation) => orientation switch
    {
        TableOrientation.Groups => true,
        TableOrientation.Indicators => false,
        _ => table.Columns.Count > table.Rows.Count,
    };

    /// The note under a table on where its figures came from: "Số liệu: 96 điểm theo báo cáo, 16 theo ghi nhận".
    public static string? SourcesNote(IndicatorTable table, bool english) =>
        table.Sources is { } s ? SourcesSentence(s, english) : null;

    private static string SourcesSentence(FigureSources s, bool english) =>
        string.Format(CultureInfo.GetCultureInfo(english ? "en" : "vi"), Words("Reports.SourcesNote", english), s.Reported, s.Recorded);

    /// The note under a table: which map grouped the points.
    public static string MapNote(IndicatorTable table, bool english) =>
        string.Format(CultureInfo.InvariantCulture, Words("Reports.MapNote", english), VnTime.Show(table.MapDay));

    private static string Words(string key, bool english) =>
        Infrastructure.Localization.Text.Get(key, CultureInfo.GetCultureInfo(english ? "en" : "vi"));

    /// The table as an XLSX workbook: the figures laid out as the page shows them (indicators or groups as rows), the
    /// indicator's name in words first and its code in a column of its own for machines; a second sheet with the
    /// periods side by side when a comparison was asked for.
    public static byte[] ToXlsx(IndicatorTable table, bool english, TableOrientation orientation = TableOrientation.Indicators)
    {
        string H(string vi, string en) => english ? en : vi;
        string Label(IndicatorRow r) => r.Breakdown is null ? r.Name : $"{r.Name} – {r.BreakdownLabel}";
        var sheet = new List<Dictionary<string, object?>>();
        var noteColumn = "";
        if (GroupsAsRows(table, orientation))
        {
            // Groups as rows: one column per indicator row, headed by its name and unit; codes in a last row for machines.
            var headers = new List<string>();
            foreach (var r in table.Rows)
            {
                var header = $"{Label(r)} ({r.Unit})";
                while (headers.Contains(header)) header += " ";
                headers.Add(header);
            }
            var first = H("Đơn vị / điểm", "Group");
            noteColumn = first;
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var line = new Dictionary<string, object?>(StringComparer.Ordinal) { [first] = table.Columns[c].Name };
                for (var i = 0; i < table.Rows.Count; i++) line[headers[i]] = table.Rows[i].Values[c];
                sheet.Add(line);
            }
            var codes = new Dictionary<string, object?>(StringComparer.Ordinal) { [first] = H("Mã chỉ tiêu", "Indicator code") };
            for (var i = 0; i < table.Rows.Count; i++)
                codes[headers[i]] = table.Rows[i].Breakdown is { } b ? $"{table.Rows[i].Code}/{b}" : table.Rows[i].Code;
            sheet.Add(codes);
        }
        else
        {
            noteColumn = H("Chỉ tiêu", "Indicator");
            foreach (var row in table.Rows)
            {
                var line = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [noteColumn] = row.Breakdown is null ? row.Name : $"  – {row.BreakdownLabel}",
                    [H("Mã", "Code")] = row.Breakdown is { } b ? $"{row.Code}/{b}" : row.Code,
                    [H("Đơn vị tính", "Unit")] = row.Unit,
                };
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var header = table.Columns[i].Name;
                    while (line.ContainsKey(header)) header += " ";
                    line[header] = row.Values[i];
                }
                sheet.Add(line);
            }
        }
        // The same note as under the page's table, so a sheet read on its own says which map grouped the points.
        if (sheet.Count > 0)
        {
            var note = sheet[0].Keys.ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal);
            note[noteColumn] = MapNote(table, english);
            sheet.Add(note);
            if (SourcesNote(table, english) is { } sourcesNote)
            {
                var sourcesLine = sheet[0].Keys.ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal);
                sourcesLine[noteColumn] = sourcesNote;
                sheet.Add(sourcesLine);
            }
        }
        var sheets = new Dictionary<string, object>
        {
            [$"{table.Period.From:yyyyMMdd}-{table.Period.To:yyyyMMdd}"] = sheet,
        };
        if (table.Comparison is { } comparison)
        {
            var compared = new List<Dictionary<string, object?>>();
            foreach (var row in comparison.Rows)
            {
                var line = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [H("Chỉ tiêu", "Indicator")] = row.Breakdown is null ? row.Name : $"  – {row.BreakdownLabel}",
                    [H("Mã", "Code")] = row.Breakdown is { } b ? $"{row.Code}/{b}" : row.Code,
                    [H("Đơn vị tính", "Unit")] = row.Unit,
                };
                for (var i = 0; i < comparison.Columns.Count; i++)
                {
                    line[comparison.Columns[i].Name] = row.Values[i];
                    if (i > 0) line[$"{H("Thay đổi", "Change")} {comparison.Columns[i].Name} (%)"] = row.ChangePercent[i];
                }
                compared.Add(line);
            }
            sheets[H("So sánh", "Comparison")] = compared;
        }
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, sheets, excelType: MiniExcelLibs.ExcelType.XLSX);
        return buffer.ToArray();
    }
}
