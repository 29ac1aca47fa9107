using Microsoft.Extensions.DependencyInjection;
using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Features.Access;
using Bookpost.Web.Tests.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// "One figure per point and period" (issue 18): a point's accepted returns replace what it recorded during their periods,
/// and only those. Each test works in a year of its own before the demo history (2013), so the counts of points from
/// returns are exactly its own.
public abstract class ReportedFiguresTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Table(IReadOnlyList<IndicatorColumn> Columns, IReadOnlyList<IndicatorRow> Rows, FigureSources? Sources)
    {
        public decimal? Value(string code, int point, string? breakdown = null) =>
            Rows.Single(r => r.Code == code && r.Breakdown == breakdown)
                .Values[Columns.ToList().FindIndex(c => c.Key == point.ToString(CultureInfo.InvariantCulture))];

        public int Column(int point) => Columns.ToList().FindIndex(c => c.Key == point.ToString(CultureInfo.InvariantCulture));
    }

    private static string Url(DateOnly from, DateOnly to, string level = "Point") =>
        $"/api/v1/reports/indicator-values?period=Custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&level={level}";

    /// A return stored as the workflow would leave it (the workflow itself is another part's).
    private int Return(int point, string form, int year, int number, DateOnly from, DateOnly to, ReturnStatus status, int revision,
        params (string Code, string? Breakdown, decimal Value)[] figures) => app.WithDb(db =>
    {
        var r = new PointReturn
        {
            PointId = point, Form = form, Year = year, Number = number, PeriodFrom = from, PeriodTo = to, Revision = revision,
            Status = status, Origin = ReturnOrigin.Entered, CreatedAt = app.UtcNow, CreatedBy = "test", UpdatedAt = app.UtcNow,
        };
        foreach (var (code, breakdown, value) in figures)
            r.Figures.Add(new ReturnFigure { Code = code, Breakdown = breakdown ?? "", Value = value });
        db.PointReturns.Add(r);
        db.SaveChanges();
        return r.Id;
    });

    private static Period Month(int year, int number) => ReportingPeriods.Resolve(PeriodKind.Month, year, number, false, 14);

    [DbFact]
    public async Task Quarter_AcceptedMonthlyReturn_ReplacesItsMonthOnly_AndTheRestAreIgnored()
    {
        var a = app.AddPointSince("16378", new DateOnly(2005, 3, 1), "Điểm có báo cáo");
        var b = app.AddPointSince("16378", new DateOnly(2005, 3, 1), "Điểm không báo cáo");
        var (m1, m2, m3) = (Month(2006, 1), Month(2006, 2), Month(2006, 3));
        app.Visits(a.Id, new DateOnly(2006, 1, 5), 10);
        app.Visits(a.Id, new DateOnly(2006, 2, 1), 20);
        app.Visits(a.Id, new DateOnly(2006, 3, 1), 40);
        app.Visits(b.Id, new DateOnly(2006, 2, 1), 7);
        Return(a.Id, ReturnForms.MonthlyCode, 2006, 1, m1.From, m1.To, ReturnStatus.Accepted, 1,
            ("circulation.visits", null, 100), ("access.users_by_sex", "Male", 3), ("access.users_by_sex", "Female", 4),
            ("rotation.titles_received", null, 12), ("point.days_closed", null, 2));
        // A corrected return: the superseded first revision is ignored, the accepted second one counts.
        Return(a.Id, ReturnForms.MonthlyCode, 2006, 2, m2.From, m2.To, ReturnStatus.Superseded, 1, ("circulation.visits", null, 999));
        Return(a.Id, ReturnForms.MonthlyCode, 2006, 2, m2.From, m2.To, ReturnStatus.Accepted, 2, ("circulation.visits", null, 200));
        // Submitted but not accepted: ignored.
        Return(a.Id, ReturnForms.MonthlyCode, 2006, 3, m3.From, m3.To, ReturnStatus.Submitted, 1, ("circulation.visits", null, 5000));
        // Straddling the quarter's end: ignored.
        Return(a.Id, ReturnForms.MonthlyCode, 2006, 4, new DateOnly(2006, 3, 1), new DateOnly(2006, 4, 14), ReturnStatus.Accepted, 1,
            ("circulation.visits", null, 7777));

        var client = await app.ClientAsync("demo-monitor");
        var t = await client.GetAsync<Table>(Url(m1.From, m3.To));
        Assert.Equal(100 + 200 + 40, t.Value("circulation.visits", a.Id));
        Assert.Equal(7, t.Value("circulation.visits", b.Id));
        // Breakdowns from the return; the indicator's own figure is their sum.
        Assert.Equal(3, t.Value("access.users_by_sex", a.Id, "Male"));
        Assert.Equal(4, t.Value("access.users_by_sex", a.Id, "Female"));
        Assert.Equal(7, t.Value("access.users_by_sex", a.Id));
        Assert.Equal(12, t.Value("rotation.titles_received", a.Id));
        Assert.Equal(2, t.Value("point.days_closed", a.Id));
        // A point whose return says it received titles was served, though nothing was recorded.
        Assert.Equal(1, t.Value("rotation.points_served", a.Id));
        Assert.Equal(0, t.Value("rotation.points_served", b.Id));
        // The point columns add up to the total.
        var visits = t.Rows.Single(r => r.Code == "circulation.visits" && r.Breakdown is null);
        Assert.Equal(visits.Values[^1], visits.Values.SkipLast(1).Sum(v => v ?? 0));

        // Sources: one point from its return, every other from what was recorded, in the whole scope and per column.
        var s = Assert.IsType<FigureSources>(t.Sources);
        Assert.Equal(1, s.Reported);
        Assert.Equal(t.Columns.Count - 1, s.Reported + s.Recorded);
        Assert.Equal(1, s.ReportedByColumn[t.Column(a.Id)]);
        Assert.Equal(0, s.RecordedByColumn[t.Column(a.Id)]);
        Assert.Equal(0, s.ReportedByColumn[t.Column(b.Id)]);
        Assert.Equal(1, s.RecordedByColumn[t.Column(b.Id)]);
        Assert.Equal($"Số liệu: 1 điểm theo báo cáo, {s.Recorded} theo ghi nhận.", s.Note);

        // A month alone: the return's figure; the month with only a submitted return: what was recorded.
        Assert.Equal(100, (await client.GetAsync<Table>(Url(m1.From, m1.To))).Value("circulation.visits", a.Id));
        Assert.Equal(40, (await client.GetAsync<Table>(Url(m3.From, m3.To))).Value("circulation.visits", a.Id));

        // The page and its XLSX state the sources too.
        var page = await PageClient.SignInAsync(app, "demo-monitor");
        var html = await page.GetStringAsync(
            $"/Reports/Indicators?Query.Period=Custom&Query.From={m1.From:yyyy-MM-dd}&Query.To={m3.To:yyyy-MM-dd}", Ct);
        Assert.Contains($"Số liệu: 1 điểm theo báo cáo, {s.Recorded} theo ghi nhận.", html);
        var xlsx = await client.GetByteArrayAsync($"{Url(m1.From, m3.To, "Province")}&format=xlsx", Ct);
        var cells = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx)).SelectMany(r => ((IDictionary<string, object?>)r).Values)
            .Select(v => v?.ToString()).ToList();
        Assert.Contains($"Số liệu: 1 điểm theo báo cáo, {s.Recorded} theo ghi nhận.", cells);
    }

    [DbFact]
    public async Task Year_StocksTakeTheLatestReturn_AndAYearlyReturnIsNotAddedToMonthlyOnes()
    {
        var a = app.AddPointSince("16378", new DateOnly(2005, 3, 1), "Điểm báo cáo năm");
        var year = ReportingPeriods.Resolve(PeriodKind.Year, 2007, 1, false, 14);
        var may = Month(2007, 5);
        app.Visits(a.Id, new DateOnly(2007, 5, 1), 30);
        Return(a.Id, ReturnForms.YearlyCode, 2007, 1, year.From, year.To, ReturnStatus.Accepted, 1,
            ("library.copies_held", null, 500), ("point.population", null, 1000), ("access.computers", null, 3),
            ("circulation.visits", null, 1000), ("access.open_hours", null, 800), ("access.hours", null, 200));
        Return(a.Id, ReturnForms.MonthlyCode, 2007, 5, may.From, may.To, ReturnStatus.Accepted, 1, ("circulation.visits", null, 50));

        var client = await app.ClientAsync("demo-monitor");
        var t = await client.GetAsync<Table>(Url(year.From, year.To));
        Assert.Equal(1000, t.Value("circulation.visits", a.Id));
        Assert.Equal(500, t.Value("library.copies_held", a.Id));
        Assert.Equal(1000, t.Value("point.population", a.Id));
        Assert.Equal(3, t.Value("access.computers", a.Id));
        Assert.Equal(0.5m, t.Value("library.books_per_inhabitant", a.Id));
        Assert.Equal(25.0m, t.Value("access.use_rate", a.Id));
        // The province's books per inhabitant counts only points whose population is known.
        var province = await client.GetAsync<Table>(Url(year.From, year.To, "Province"));
        Assert.Equal(0.5m, province.Rows.Single(r => r.Code == "library.books_per_inhabitant").Values[^1]);

        // A longer period: the stock is still the latest known, the point having recorded none; May alone is its return.
        var longer = await client.GetAsync<Table>(Url(year.From, new DateOnly(2008, 1, 31)));
        Assert.Equal(500, longer.Value("library.copies_held", a.Id));
        Assert.Equal(50, (await client.GetAsync<Table>(Url(may.From, may.To))).Value("circulation.visits", a.Id));
    }

    [DbFact]
    public async Task NoAcceptedReturns_TheTableIsUnchanged()
    {
        var a = app.AddPointSince("16378", new DateOnly(2005, 3, 1), "Điểm chưa duyệt");
        var m = Month(2008, 8);
        app.Visits(a.Id, new DateOnly(2008, 8, 1), 9);
        var client = await app.ClientAsync("demo-monitor");
        var before = await client.GetStringAsync(Url(m.From, m.To), Ct);
        Return(a.Id, ReturnForms.MonthlyCode, 2008, 8, m.From, m.To, ReturnStatus.Draft, 1, ("circulation.visits", null, 1));
        Return(a.Id, ReturnForms.YearlyCode, 2008, 1, ReportingPeriods.Resolve(PeriodKind.Year, 2008, 1, false, 14).From,
            ReportingPeriods.Resolve(PeriodKind.Year, 2008, 1, false, 14).To, ReturnStatus.Rejected, 1, ("circulation.visits", null, 2));
        Assert.Equal(before, await client.GetStringAsync(Url(m.From, m.To), Ct));
        var t = await client.GetAsync<Table>(Url(m.From, m.To));
        Assert.Equal(9, t.Value("circulation.visits", a.Id));
        Assert.Equal(0, t.Sources!.Reported);
    }

    [DbFact]
    public async Task OpenHours_WorkingComputersOnTheDaysThePointOpens_AndTheUseRate()
    {
        var access = new AccessBuilders(app);
        var (admin, site) = await access.SiteAsync();
        await AccessBuilders.ComputerAsync(admin, site);
        await AccessBuilders.ComputerAsync(admin, site, "Printer");
        var monday = new DateOnly(2008, 6, 2);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var point = db.ServicePoints.Single(p => p.Id == site);
            point.OpeningHours = "7h00–11h00, 13h00–17h00 (thứ Hai – thứ Sáu)";
            foreach (var h in db.EquipmentStatusChanges.Where(h => db.Computers.Any(c => c.Id == h.ComputerId && c.SiteId == site)))
                h.ChangedAt = new DateTime(2008, 6, 1, 0, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync(Ct);
            var counters = new long[AccessDays.Counters.Length];
            counters[AccessDays.IndexOf("Sessions")] = 1;
            counters[AccessDays.IndexOf("Minutes")] = 600;
            await AccessDays.AddAsync(db, site, monday.AddDays(1), counters, Ct);
            return 0;
        });
        var client = await app.ClientAsync("demo-monitor");
        var t = await client.GetAsync<Table>(Url(monday, monday.AddDays(6)));
        Assert.Equal(40, t.Value("access.open_hours", site));
        Assert.Equal(10, t.Value("access.hours", site));
        Assert.Equal(25.0m, t.Value("access.use_rate", site));
    }
}

public sealed class ReportedFiguresTestsOnSqlite(SqliteApp app) : ReportedFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class ReportedFiguresTestsOnPostgres(PostgresApp app) : ReportedFiguresTests(app), IClassFixture<PostgresApp>;
