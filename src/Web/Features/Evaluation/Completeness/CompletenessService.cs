using System.Globalization;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Completeness;

/// The completeness query: a form's code, its period (the form's own kind; year and number as in indicator-values, by
/// default the last period that has ended), and a grouping level (Province, District, Area or Commune). Period and level
/// are read as text so that a wrong value gets the same field error as every other mistake.
public sealed record CompletenessQuery(string? Form = null, string? Period = null, int? Year = null, int? Number = null,
    string? Level = null, string? Format = null);

/// Where one expected point stands for a period: returned by the deadline, returned after it, not returned while the
/// deadline has passed, or not returned while it has not (not yet due).
public enum ReturnTimeliness { OnTime, Late, Missing, NotYetDue }

/// One group's counts and rates. Rates are in percent of the expected returns, to one decimal, null where none was
/// expected (no division by zero).
public sealed record CompletenessRow(string Key, string Name, int Expected, int Reported, int OnTime, int Late, int Missing,
    int NotYetDue, decimal? ReportingRate, decimal? OnTimeRate);

/// A point that returned late: when its return was first submitted and by how many days it missed the deadline.
public sealed record LatePoint(int PointId, string Code, string Name, string Group, DateTime SubmittedAt, DateOnly SubmittedOn,
    int DaysLate, string? Month = null);

/// A point expected to report that has not (or whose deadline has not come yet, with <see cref="NotYetDue"/>).
public sealed record MissingPoint(int PointId, string Code, string Name, string Group, bool NotYetDue, string? Month = null);

/// Completeness and timeliness of one form's returns for one period in the caller's scope, as DHIS2 defines them:
/// expected = the points of the form's kinds open during the period, reported = those with a return submitted (or
/// accepted, or accepted and later corrected), on time = first submitted by <see cref="DueOn"/>.
public sealed record CompletenessReport(string Form, string FormName, PeriodKind PeriodKind, int Year, int Number,
    DateOnly From, DateOnly To, DateOnly DueOn, bool Due, GroupLevel Level, DateOnly MapDay,
    IReadOnlyList<CompletenessRow> Rows, CompletenessRow Total, IReadOnlyList<LatePoint> LatePoints,
    IReadOnlyList<MissingPoint> MissingPoints, int ReturnsFromPointsNotExpected)
{
    /// Each expected point's timeliness, for the map (not part of the API's answer).
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<int, ReturnTimeliness> ByPoint { get; init; } = new Dictionary<int, ReturnTimeliness>();
}

public sealed class CompletenessService(AppDbContext db, IPointGroups groups, IOptions<ReportsOptions> reports,
    IOptions<EvaluationOptions> evaluation, TimeProvider clock, Text text)
{
    public const string Xlsx = "xlsx";

    /// The levels completeness groups by: a point is a row of the late and missing lists, not a group.
    public static readonly GroupLevel[] Levels = [GroupLevel.Province, GroupLevel.District, GroupLevel.Area, GroupLevel.Commune];

    public async Task<Result<CompletenessReport>> HandleAsync(CompletenessQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.Today();
        var form = ResolveForm(query.Form, errors);
        if (query.Format is not (null or "" or "json" or Xlsx)) errors.Add("format", text["Reports.Format"]);
        var level = errors.Choice<GroupLevel>("level", query.Level, text);
        if (level == GroupLevel.Point)
        {
            errors.Add("level", text.Format("Completeness.LevelValue", string.Join(", ", Levels)));
            level = null;
        }
        Period? period = null;
        var (year, number) = (0, 0);
        if (form is not null)
        {
            var kind = errors.Choice<PeriodKind>("period", query.Period, text);
            // A quarter, half year, nine months or year of a monthly form: every month of it is expected from every point
            // (DHIS2 counts expected returns over the months of the span).
            if (form.Period == PeriodKind.Month && kind is PeriodKind.Quarter or PeriodKind.HalfYear or PeriodKind.NineMonths
                    or PeriodKind.Year)
            {
                var (spanYear, spanNumber) = LastEnded(kind.Value, today, reports.Value.CutoffDay);
                spanYear = query.Year ?? spanYear;
                spanNumber = query.Number ?? (kind is PeriodKind.Year or PeriodKind.NineMonths ? 1 : spanNumber);
                if (Resolve(kind.Value, spanYear, spanNumber, errors) is not { } span || errors.Any)
                    return errors.ToResult<CompletenessReport>();
                if (span.To >= today)
                {
                    errors.Add("period", text.Format("Completeness.NotEnded", VnTime.Show(span.From), VnTime.Show(span.To)));
                    return errors.ToResult<CompletenessReport>();
                }
                var spanMapDay = span.To;
                var spanHasDistricts = await groups.HasDistrictsAsync(spanMapDay, ct);
                if (level == GroupLevel.District && !spanHasDistricts)
                {
                    errors.Add("level", text.Format("Reports.NoDistrictsOnMap", VnTime.Show(spanMapDay)));
                    return errors.ToResult<CompletenessReport>();
                }
                return await SpanAsync(scope, form, kind.Value, spanYear, spanNumber, span,
                    level ?? DefaultLevel(scope, spanHasDistricts), ct);
            }
            if (kind is not null && kind != form.Period)
                errors.Add("period", text.Format("Completeness.PeriodOfForm", text.Enum(form.Period)));
            else if (!errors.Has("period"))
            {
                (year, number) = LastEnded(form.Period, today, reports.Value.CutoffDay);
                year = query.Year ?? year;
                number = query.Number ?? (form.Period == PeriodKind.Year ? 1 : number);
                period = Resolve(form.Period, year, number, errors);
                if (period is { } p && p.To >= today)
                    errors.Add("period", text.Format("Completeness.NotEnded", VnTime.Show(p.From), VnTime.Show(p.To)));
            }
        }
        if (form is null || period is null || errors.Any) return errors.ToResult<CompletenessReport>();

        var mapDay = period.Value.To;
        var hasDistricts = await groups.HasDistrictsAsync(mapDay, ct);
        if (level == GroupLevel.District && !hasDistricts)
        {
            errors.Add("level", text.Format("Reports.NoDistrictsOnMap", VnTime.Show(mapDay)));
            return errors.ToResult<CompletenessReport>();
        }
        return await ComputeAsync(scope, form, year, number, period.Value,
            level ?? DefaultLevel(scope, hasDistricts), ct);
    }

    /// The counts for a form and period already checked; the dashboard and the map ask this directly.
    public async Task<CompletenessReport> ComputeAsync(UserScope scope, ReturnForm form, int year, int number, Period period,
        GroupLevel level, CancellationToken ct)
    {
        var today = clock.Today();
        var dueOn = period.To.AddDays(evaluation.Value.ReturnDeadlineDays);
        var due = today > dueOn;
        var mapDay = period.To > today ? today : period.To;
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

        var expected = await PointPresence.OpenDuringAsync(db, scope, today, period, form.SentBy, ct);
        var expectedIds = expected.Select(p => p.Id).ToHashSet();
        var visible = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        var returns = await db.PointReturns
            .Where(r => r.Form == form.Code && r.Year == year && r.Number == number && visible.Contains(r.PointId))
            .Select(r => new { r.PointId, r.Status, r.Origin, r.SubmittedAt, r.DecidedAt, r.CreatedAt })
            .ToListAsync(ct);

        // A point has reported when one of its revisions was submitted or accepted; a superseded revision was accepted
        // before it was corrected, so it still says the point reported. Drafts and returns sent back do not count.
        // The first submission decides timeliness; an imported return (history from before Bookpost) had no deadline here.
        var firstSubmitted = new Dictionary<int, DateTime?>();
        foreach (var r in returns.Where(r => r.Status is ReturnStatus.Submitted or ReturnStatus.Accepted or ReturnStatus.Superseded))
        {
            DateTime? at = r.Origin == ReturnOrigin.Imported ? null : r.SubmittedAt ?? r.DecidedAt ?? r.CreatedAt;
            if (!firstSubmitted.TryGetValue(r.PointId, out var known)) firstSubmitted[r.PointId] = at;
            else if (known is { } k && (at is null || at < k)) firstSubmitted[r.PointId] = at;
        }
        var notExpected = firstSubmitted.Keys.Count(id => !expectedIds.Contains(id));

        var mapped = (await groups.PointsAsync(scope, mapDay, ct)).Where(p => expectedIds.Contains(p.Id)).ToList();
        var grouping = PointGrouping.Of(mapped, level, Words("Reports.Unplaced", english),
            name => string.Format(CultureInfo.InvariantCulture, Words("Reports.AreaColumn", english), name));
        string GroupOf(int id) => grouping.GroupsOf.TryGetValue(id, out var g) && g.Length > 1 ? grouping.Columns[g[0]] : "";

        var status = new Dictionary<int, ReturnTimeliness>();
        var late = new List<LatePoint>();
        var missing = new List<MissingPoint>();
        foreach (var p in expected)
        {
            if (firstSubmitted.TryGetValue(p.Id, out var at))
            {
                var day = at is { } utc ? VnTime.DayOf(utc) : dueOn;
                if (day <= dueOn) status[p.Id] = ReturnTimeliness.OnTime;
                else
                {
                    status[p.Id] = ReturnTimeliness.Late;
                    late.Add(new LatePoint(p.Id, p.Code, p.Name, GroupOf(p.Id), at!.Value, day, day.DayNumber - dueOn.DayNumber));
                }
            }
            else
            {
                status[p.Id] = due ? ReturnTimeliness.Missing : ReturnTimeliness.NotYetDue;
                missing.Add(new MissingPoint(p.Id, p.Code, p.Name, GroupOf(p.Id), !due));
            }
        }

        var keys = grouping.Columns.Where(c => c.Key != PointGrouping.UnknownKey)
            .OrderBy(c => c.Value, StringComparer.Ordinal).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToList();
        if (grouping.Columns.ContainsKey(PointGrouping.UnknownKey)) keys.Add(PointGrouping.UnknownKey);
        var rows = keys.Select(k => Row(k, grouping.Columns[k], expected.Where(p => InGroup(p.Id, k)))).ToList();
        var total = Row(PointGrouping.TotalKey, english ? "Total" : "Tổng", expected);
        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo("vi"), false);
        return new CompletenessReport(form.Code, form.Name(english), form.Period, year, number, period.From, period.To, dueOn, due,
            level, mapDay, rows, total,
            late.OrderByDescending(l => l.DaysLate).ThenBy(l => l.Group, comparer).ThenBy(l => l.Name, comparer).ToList(),
            missing.OrderBy(m => m.Group, comparer).ThenBy(m => m.Name, comparer).ToList(), notExpected)
        {
            ByPoint = status,
        };

        bool InGroup(int id, string key) => grouping.GroupsOf.TryGetValue(id, out var g) && g.Contains(key);

        CompletenessRow Row(string key, string name, IEnumerable<PresentPoint> points)
        {
            var counts = points.Select(p => status[p.Id]).ToList();
            var n = counts.Count;
            var onTime = counts.Count(s => s == ReturnTimeliness.OnTime);
            var lateCount = counts.Count(s => s == ReturnTimeliness.Late);
            return new CompletenessRow(key, name, n, onTime + lateCount, onTime, lateCount,
                counts.Count(s => s == ReturnTimeliness.Missing), counts.Count(s => s == ReturnTimeliness.NotYetDue),
                Rate(onTime + lateCount, n), Rate(onTime, n));
        }
    }

    /// A span of several months of a monthly form: each month computed as on its own, then added up (expected, reported,
    /// on time, late and missing returns are counts of point-months); the late and missing lists name the month. On the
    /// map a point shows its worst month.
    private async Task<CompletenessReport> SpanAsync(UserScope scope, ReturnForm form, PeriodKind kind, int year, int number,
        Period span, GroupLevel level, CancellationToken ct)
    {
        var cutoff = reports.Value.CutoffDay;
        var parts = new List<(string Month, CompletenessReport Report)>();
        var day = span.From;
        while (day <= span.To)
        {
            var (y, n) = ReportingPeriods.Containing(PeriodKind.Month, day, false, cutoff);
            var month = ReportingPeriods.Resolve(PeriodKind.Month, y, n, false, cutoff);
            parts.Add((string.Format(CultureInfo.InvariantCulture, "{0}/{1}", n, y),
                await ComputeAsync(scope, form, y, n, month, level, ct)));
            day = month.To.AddDays(1);
        }
        var last = parts[^1].Report;
        CompletenessRow Add(string key, string name, IEnumerable<CompletenessRow> rows)
        {
            var list = rows.ToList();
            int Sum(Func<CompletenessRow, int> f) => list.Sum(f);
            var (expected, reported, onTime) = (Sum(r => r.Expected), Sum(r => r.Reported), Sum(r => r.OnTime));
            return new CompletenessRow(key, name, expected, reported, onTime, Sum(r => r.Late), Sum(r => r.Missing),
                Sum(r => r.NotYetDue), Rate(reported, expected), Rate(onTime, expected));
        }
        var keys = parts.SelectMany(p => p.Report.Rows).Select(r => (r.Key, r.Name)).Distinct().ToList();
        var rows = keys.Select(k => Add(k.Key, k.Name, parts.SelectMany(p => p.Report.Rows).Where(r => r.Key == k.Key))).ToList();
        var total = Add(last.Total.Key, last.Total.Name, parts.Select(p => p.Report.Total));
        var worst = new Dictionary<int, ReturnTimeliness>();
        foreach (var (id, status) in parts.SelectMany(p => p.Report.ByPoint))
            worst[id] = worst.TryGetValue(id, out var known) ? Worse(known, status) : status;
        return new CompletenessReport(form.Code, form.Name(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"), kind,
            year, number, span.From, span.To, last.DueOn, parts.All(p => p.Report.Due), level, last.MapDay, rows, total,
            parts.SelectMany(p => p.Report.LatePoints.Select(l => l with { Month = p.Month })).ToList(),
            parts.SelectMany(p => p.Report.MissingPoints.Select(m => m with { Month = p.Month })).ToList(),
            parts.Max(p => p.Report.ReturnsFromPointsNotExpected))
        {
            ByPoint = worst,
        };

        static ReturnTimeliness Worse(ReturnTimeliness a, ReturnTimeliness b) => Rank(a) >= Rank(b) ? a : b;
        static int Rank(ReturnTimeliness t) => t switch
        {
            ReturnTimeliness.Missing => 3, ReturnTimeliness.Late => 2, ReturnTimeliness.NotYetDue => 1, _ => 0,
        };
    }

    /// As indicator-values, except that an area's office reads its communes: its own area would be a single row.
    public static GroupLevel DefaultLevel(UserScope scope, bool hasDistricts) => scope.Area == AreaLevel.District
        ? GroupLevel.Commune : GetIndicatorValues.DefaultLevel(scope, hasDistricts);

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    /// The period of a kind that ended most recently before today.
    public static (int Year, int Number) LastEnded(PeriodKind kind, DateOnly today, int cutoffDay)
    {
        var (year, number) = ReportingPeriods.Containing(kind, today, false, cutoffDay);
        var current = ReportingPeriods.Resolve(kind, year, number, false, cutoffDay);
        // The first nine months do not tile the year: this year's may have ended already (after 14/9), else last year's.
        if (current.To < today) return (year, number);
        if (kind == PeriodKind.NineMonths) return (year - 1, 1);
        return ReportingPeriods.Containing(kind, current.From.AddDays(-1), false, cutoffDay);
    }

    private ReturnForm? ResolveForm(string? code, FieldErrors errors)
    {
        var form = string.IsNullOrWhiteSpace(code) ? ReturnForms.Monthly : ReturnForms.Find(code.Trim());
        if (form is null)
            errors.Add("form", text.Format("Completeness.UnknownForm", string.Join(", ", ReturnForms.All.Select(f => f.Code))));
        return form;
    }

    private Period? Resolve(PeriodKind kind, int year, int number, FieldErrors errors)
    {
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", text["Completeness.YearRange"]);
            return null;
        }
        // A year and the first nine months have one period each: its number is 1 (Resolve would take any).
        if (kind is PeriodKind.Year or PeriodKind.NineMonths && number != 1)
        {
            errors.Add("number", text["Reports.PeriodNumber"]);
            return null;
        }
        try
        {
            return ReportingPeriods.Resolve(kind, year, number, false, reports.Value.CutoffDay);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors.Add("number", text["Reports.PeriodNumber"]);
            return null;
        }
    }

    private static string Words(string key, bool english) =>
        Infrastructure.Localization.Text.Get(key, CultureInfo.GetCultureInfo(english ? "en" : "vi"));

    /// The report as an XLSX workbook: the rates per group, then the late and the missing points.
    public static byte[] ToXlsx(CompletenessReport report, Text text)
    {
        var rates = report.Rows.Append(report.Total).Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [text["Completeness.Group"]] = r.Name,
            [text["Completeness.Expected"]] = r.Expected,
            [text["Completeness.Reported"]] = r.Reported,
            [text["Completeness.OnTime"]] = r.OnTime,
            [text["Completeness.Late"]] = r.Late,
            [text["Completeness.Missing"]] = r.Missing,
            [text["Completeness.NotYetDue"]] = r.NotYetDue,
            [text["Completeness.ReportingRate"]] = r.ReportingRate,
            [text["Completeness.OnTimeRate"]] = r.OnTimeRate,
        }).ToList();
        var late = report.LatePoints.Select(l => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [text["Completeness.PointCode"]] = l.Code,
            [text["Completeness.PointName"]] = l.Name,
            [text["Completeness.Group"]] = l.Group,
            [text["Completeness.SubmittedOn"]] = VnTime.Show(l.SubmittedAt),
            [text["Completeness.DaysLate"]] = l.DaysLate,
        }).ToList();
        var missing = report.MissingPoints.Select(m => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [text["Completeness.PointCode"]] = m.Code,
            [text["Completeness.PointName"]] = m.Name,
            [text["Completeness.Group"]] = m.Group,
        }).ToList();
        // MiniExcel writes no header for an empty sheet: one row that says so keeps the sheet readable.
        if (late.Count == 0) late.Add(new() { [text["Completeness.PointName"]] = text["Completeness.NoneLate"] });
        if (missing.Count == 0) missing.Add(new() { [text["Completeness.PointName"]] = text["Completeness.NoneMissing"] });
        var sheets = new Dictionary<string, object>
        {
            [text["Completeness.SheetRates"]] = rates,
            [text["Completeness.SheetLate"]] = late,
            [text["Completeness.SheetMissing"]] = missing,
        };
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, sheets, excelType: MiniExcelLibs.ExcelType.XLSX);
        return buffer.ToArray();
    }

    public static string FileName(CompletenessReport report) =>
        $"tinh-hinh-bao-cao-{report.Form}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.xlsx";
}
