using System.Globalization;
using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Dashboard;

public sealed record DashboardQuery(string? Period = null, int? Year = null, int? Number = null);

/// One headline figure: this period's value, the same days a year earlier, and the change in percent (none where last
/// year had nothing).
public sealed record DashboardFigure(string Key, string Name, string Unit, decimal? Value, decimal? LastYear, decimal? ChangePercent);

/// A series of values over categories (months or areas).
public sealed record DashboardSeries(string Code, string Name, IReadOnlyList<decimal?> Values);

public sealed record DashboardTrend(IReadOnlyList<string> Months, IReadOnlyList<DashboardSeries> Series);

public sealed record DashboardGroups(GroupLevel Level, IReadOnlyList<string> Names, IReadOnlyList<DashboardSeries> Series);

/// Who used the public computers: sessions, and how many of them by women, men, ethnic-minority and poor-household users,
/// each with its share of the sessions in percent.
public sealed record DashboardServedRow(string Key, string Name, decimal Value, decimal? SharePercent);

public sealed record DashboardCompleteness(int Year, int Number, DateOnly From, DateOnly To, DateOnly DueOn, bool Due,
    int Expected, int Reported, int OnTime, int Late, int Missing, decimal? ReportingRate, decimal? OnTimeRate);

/// The province dashboard: the figures that matter this period against the same period last year, the trend over the
/// last twelve Decree 09 months, a comparison by area, who the public computers served, and the completeness of the
/// last month's returns. Counts only, within the caller's scope.
public sealed record DashboardReport(PeriodKind Period, int Year, int Number, DateOnly From, DateOnly To, DateOnly LastYearFrom,
    DateOnly LastYearTo, IReadOnlyList<DashboardFigure> Figures, DashboardTrend Trend, DashboardGroups ByArea,
    IReadOnlyList<DashboardServedRow> Served, DashboardCompleteness? Completeness);

public sealed class DashboardService(AppDbContext db, IServiceProvider services, IndicatorService indicators,
    CompletenessService completeness, IOptions<ReportsOptions> reports, TimeProvider clock, Text text)
{
    public const string PointsActive = "points.active";
    public const string Loans = "circulation.loans";
    public const string Visits = "circulation.visits";
    public const string Sessions = "access.sessions";
    public const string BySex = "access.users_by_sex";
    public const string Minority = "access.users_minority";
    public const string Poor = "access.users_poor";
    public const string SetsDispatched = "rotation.sets_dispatched";
    public const string Women = BySex + "/Female";

    /// The codes the dashboard reads, in the order its tiles show them.
    private static readonly string[] s_codes = [Loans, Visits, Sessions, BySex, Minority, Poor, SetsDispatched];
    private static readonly string[] s_trend = [Loans, Visits, Sessions];

    public async Task<Result<DashboardReport>> HandleAsync(DashboardQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.Today();
        var period = DashboardPeriod.Resolve(query.Period, query.Year, query.Number, reports.Value.CutoffDay, today, errors, text);
        if (period is null || errors.Any) return errors.ToResult<DashboardReport>();
        return await ComputeAsync(period, scope, ct);
    }

    public async Task<DashboardReport> ComputeAsync(DashboardPeriod period, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var days = period.Days;
        var lastYear = new Period(days.From.AddYears(-1), days.To.AddYears(-1));
        var wanted = s_codes.Where(c => indicators.Catalogue.Any(i => i.Code == c)).ToList();

        var mapDay = ReportMap.OfPeriod.DayFor(days, today);
        var level = GetIndicatorValues.DefaultLevel(scope, await indicators.MapHasDistrictsAsync(mapDay, ct));
        var table = await indicators.ComputeAsync(scope, days, level, ReportMap.OfPeriod, wanted, english, ct);
        // Totals need no map: every visible point counts in the total on any map, so the other periods are counted on the
        // points read once (OncePointGroups), which keeps the twelve months of the trend to one read of the network.
        var totals = ActivatorUtilities.CreateInstance<IndicatorService>(services,
            new OncePointGroups(services.GetRequiredService<IPointGroups>()));
        var before = await totals.ComputeAsync(scope, lastYear, GroupLevel.Province, ReportMap.OfPeriod, wanted, english, ct);

        var active = (await PointPresence.OpenDuringAsync(db, scope, today, days, null, ct)).Count;
        var activeBefore = (await PointPresence.OpenDuringAsync(db, scope, today, lastYear, null, ct)).Count;
        var figures = new List<DashboardFigure>
        {
            new(PointsActive, text["Dashboard.Figure.PointsActive"], text["Dashboard.Unit.Points"], active, activeBefore,
                IndicatorService.Change(activeBefore, active)),
        };
        foreach (var (code, breakdown, key) in new (string, string?, string)[]
                 {
                     (Loans, null, Loans), (Visits, null, Visits), (Sessions, null, Sessions), (BySex, "Female", Women),
                     (Minority, null, Minority), (Poor, null, Poor), (SetsDispatched, null, SetsDispatched),
                 })
        {
            var indicator = indicators.Catalogue.FirstOrDefault(i => i.Code == code);
            if (indicator is null) continue;
            var now = Total(table, code, breakdown);
            var then = Total(before, code, breakdown);
            figures.Add(new DashboardFigure(key, text[$"Dashboard.Figure.{key}"], indicator.Unit(english), now, then,
                IndicatorService.Change(then, now)));
        }

        // The trend: the twelve Decree 09 months ending with the period's last month.
        var (endYear, endMonth) = ReportingPeriods.Containing(PeriodKind.Month, days.To, false, reports.Value.CutoffDay);
        var months = new List<(string Label, Period Days)>();
        for (var i = 11; i >= 0; i--)
        {
            var first = new DateOnly(endYear, endMonth, 1).AddMonths(-i);
            months.Add(($"{first.Month:00}/{first.Year}",
                ReportingPeriods.Resolve(PeriodKind.Month, first.Year, first.Month, false, reports.Value.CutoffDay)));
        }
        var trendCodes = s_trend.Where(wanted.Contains).ToList();
        var trendValues = trendCodes.ToDictionary(c => c, _ => new List<decimal?>());
        foreach (var (_, monthDays) in months)
        {
            if (monthDays.From > today)
            {
                foreach (var c in trendCodes) trendValues[c].Add(null);
                continue;
            }
            var month = await totals.ComputeAsync(scope, monthDays, GroupLevel.Province, ReportMap.OfPeriod, trendCodes, english, ct);
            foreach (var c in trendCodes) trendValues[c].Add(Total(month, c, null));
        }
        var trend = new DashboardTrend(months.Select(m => m.Label).ToList(),
            trendCodes.Select(c => new DashboardSeries(c, text[$"Dashboard.Figure.{c}"], trendValues[c])).ToList());

        // By area: the period's table at the scope's natural level, the total column left out.
        var groupColumns = Enumerable.Range(0, table.Columns.Count - 1).ToList();
        var byArea = new DashboardGroups(level, groupColumns.Select(c => table.Columns[c].Name).ToList(),
            trendCodes.Select(code => new DashboardSeries(code, text[$"Dashboard.Figure.{code}"],
                groupColumns.Select(c => table.Rows.FirstOrDefault(r => r.Code == code && r.Breakdown is null)?.Values[c]).ToList()))
                .ToList());

        var sessions = Total(table, Sessions, null) ?? 0;
        var served = new List<DashboardServedRow>();
        foreach (var (code, breakdown, key) in new (string, string?, string)[]
                 {
                     (BySex, "Female", "Women"), (BySex, "Male", "Men"), (Minority, null, "Minority"), (Poor, null, "Poor"),
                 })
        {
            if (!wanted.Contains(code)) continue;
            var v = Total(table, code, breakdown) ?? 0;
            served.Add(new DashboardServedRow(key, text[$"Dashboard.Served.{key}"], v,
                sessions > 0 ? Math.Round(100m * v / sessions, 1) : null));
        }

        // Completeness of the last month whose returns were due to have been sent.
        var (cy, cn) = CompletenessService.LastEnded(PeriodKind.Month, today, reports.Value.CutoffDay);
        var cp = ReportingPeriods.Resolve(PeriodKind.Month, cy, cn, false, reports.Value.CutoffDay);
        var report = await completeness.ComputeAsync(scope, ReturnForms.Monthly, cy, cn, cp, GroupLevel.Province, ct);
        var t = report.Total;
        var returns = new DashboardCompleteness(cy, cn, cp.From, cp.To, report.DueOn, report.Due, t.Expected, t.Reported, t.OnTime, t.Late,
            t.Missing + t.NotYetDue, t.ReportingRate, t.OnTimeRate);

        return new DashboardReport(period.Kind, period.Year, period.Number, days.From, days.To, lastYear.From, lastYear.To, figures,
            trend, byArea, served, returns);
    }

    /// The scope's total of an indicator (or one breakdown of it) in a table.
    private static decimal? Total(IndicatorTable table, string code, string? breakdown)
    {
        var row = table.Rows.FirstOrDefault(r => r.Code == code && r.Breakdown == breakdown);
        if (row is null) return table.Rows.Any(r => r.Code == code) ? 0 : null;
        return row.Values[^1];
    }

    /// The visible points read once and given for every day: right only for totals (the Province level), where no point's
    /// place on the map matters, which is all the dashboard asks of it.
    private sealed class OncePointGroups(IPointGroups inner) : IPointGroups
    {
        private IReadOnlyList<MappedPoint>? _points;

        public async Task<IReadOnlyList<MappedPoint>> PointsAsync(UserScope scope, DateOnly mapDay, CancellationToken ct) =>
            _points ??= await inner.PointsAsync(scope, mapDay, ct);

        public Task<bool> HasDistrictsAsync(DateOnly mapDay, CancellationToken ct) => inner.HasDistrictsAsync(mapDay, ct);
    }
}
