using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Evaluation;
using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// Issue 18, the dashboard part: completeness and timeliness of returns (DHIS2 definitions), the SVG map, and the
/// province dashboard, with returns inserted directly (the returns workflow is another part's).
public abstract partial class DashboardTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (int Year, int Number, Period Days) LastMonth()
    {
        var (y, n) = CompletenessService.LastEnded(PeriodKind.Month, app.Today, 14);
        return (y, n, ReportingPeriods.Resolve(PeriodKind.Month, y, n, false, 14));
    }

    /// A commune of today's map with no point in it yet, so a test's points are the only ones a commune user sees.
    private string EmptyCommune() => app.WithDb(db =>
    {
        var used = db.ServicePoints.Select(p => p.CommuneCode);
        return db.AdminUnits.Where(AdminUnit.ValidOn(app.Today)).Where(u => u.Level == AdminLevel.Commune && !used.Contains(u.Code))
            .OrderBy(u => u.Code).Select(u => u.Code).First();
    });

    private static UserScope CommuneScope(string code) =>
        new("test-commune", "test-commune", AppRole.Commune, ScopeKind.Commune, AreaLevel.Commune, code, null);

    private void AddReturn(int pointId, int year, int number, Period days, ReturnStatus status, DateTime? submittedAt,
        int revision = 1) => app.WithDb(db =>
    {
        db.PointReturns.Add(new PointReturn
        {
            PointId = pointId, Form = ReturnForms.MonthlyCode, Year = year, Number = number, PeriodFrom = days.From, PeriodTo = days.To,
            Revision = revision, Status = status, Origin = ReturnOrigin.Entered, CreatedAt = app.UtcNow, CreatedBy = "test",
            UpdatedAt = app.UtcNow, SubmittedAt = submittedAt, SubmittedBy = submittedAt is null ? null : "test",
        });
        return db.SaveChanges();
    });

    private Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> work) where TService : notnull =>
        app.WithScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    [DbFact]
    public async Task Completeness_CountsOnTimeLateMissing_AndLeavesOutPointsNotExpected()
    {
        var (year, number, days) = LastMonth();
        var commune = EmptyCommune();
        var opened = days.From.AddMonths(-3);
        var onTime = app.AddPoint(commune, name: "Điểm A đúng hạn", on: opened);
        var late = app.AddPoint(commune, name: "Điểm B muộn", on: opened);
        var missing = app.AddPoint(commune, name: "Điểm C chưa gửi", on: opened);
        var closed = app.AddPoint(commune, name: "Điểm D đã đóng", on: opened);
        var library = app.AddPoint(commune, name: "Thư viện huyện E", on: opened);
        var later = app.AddPoint(commune, name: "Điểm F mở sau kỳ", on: app.Today);
        var corrected = app.AddPoint(commune, name: "Điểm G đã sửa", on: opened);
        app.WithDb(db =>
        {
            var d = db.ServicePoints.Include(p => p.StatusHistory).Single(p => p.Id == closed.Id);
            d.ChangeStatus(ServicePointStatus.Closed, VnTime.StartOfDayUtc(days.From.AddDays(-20)), "test", "đóng cửa");
            db.ServicePoints.Single(p => p.Id == library.Id).Kind = ServicePointKind.DistrictLibrary;
            return db.SaveChanges();
        });
        var due = days.To.AddDays(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EvaluationOptions>>()
            .Value.ReturnDeadlineDays);
        AddReturn(onTime.Id, year, number, days, ReturnStatus.Submitted, VnTime.StartOfDayUtc(days.To).AddHours(10));
        AddReturn(late.Id, year, number, days, ReturnStatus.Accepted, VnTime.StartOfDayUtc(due.AddDays(3)).AddHours(2));
        AddReturn(missing.Id, year, number, days, ReturnStatus.Draft, null);
        AddReturn(closed.Id, year, number, days, ReturnStatus.Submitted, VnTime.StartOfDayUtc(days.To));
        AddReturn(library.Id, year, number, days, ReturnStatus.Submitted, VnTime.StartOfDayUtc(days.To));
        // Accepted on time, then corrected: the first revision is superseded, the correction waits as a draft.
        AddReturn(corrected.Id, year, number, days, ReturnStatus.Superseded, VnTime.StartOfDayUtc(due), revision: 1);
        AddReturn(corrected.Id, year, number, days, ReturnStatus.Draft, null, revision: 2);
        // Another period's return says nothing of this one.
        AddReturn(missing.Id, year - 1, number, days, ReturnStatus.Accepted, VnTime.StartOfDayUtc(days.To.AddYears(-1)));

        var result = await WithServiceAsync<Result<CompletenessReport>, CompletenessService>(s =>
            s.HandleAsync(new CompletenessQuery(ReturnForms.MonthlyCode, null, year, number, null), CommuneScope(commune), Ct));
        Assert.True(result.IsOk, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var report = result.Value!;
        Assert.True(report.Due);
        Assert.Equal(due, report.DueOn);
        var t = report.Total;
        Assert.Equal((4, 3, 2, 1, 1), (t.Expected, t.Reported, t.OnTime, t.Late, t.Missing));
        Assert.Equal(75.0m, t.ReportingRate);
        Assert.Equal(50.0m, t.OnTimeRate);
        var l = Assert.Single(report.LatePoints);
        Assert.Equal((late.Id, 3, late.Code), (l.PointId, l.DaysLate, l.Code));
        Assert.Equal(missing.Id, Assert.Single(report.MissingPoints).PointId);
        Assert.Equal(2, report.ReturnsFromPointsNotExpected);
        Assert.DoesNotContain(later.Id, report.ByPoint.Keys);
        Assert.Equal(GroupLevel.Commune, report.Level);
        Assert.Equal(t.Expected, report.Rows.Sum(r => r.Expected));
    }

    [DbFact]
    public async Task Completeness_PeriodWhoseDeadlineHasNotCome_ListsPointsAsNotYetDue()
    {
        // A period that ended yesterday: with a deadline of a day or more, its returns are not due yet.
        var days = new Period(app.Today.AddDays(-30), app.Today.AddDays(-1));
        var commune = EmptyCommune();
        var point = app.AddPoint(commune, name: "Điểm chưa đến hạn", on: days.From.AddMonths(-1));
        var report = await WithServiceAsync<CompletenessReport, CompletenessService>(s =>
            s.ComputeAsync(CommuneScope(commune), ReturnForms.Monthly, 2000, 1, days, GroupLevel.Province, Ct));
        Assert.False(report.Due);
        Assert.Equal((1, 0, 0, 1), (report.Total.Expected, report.Total.Missing, report.Total.Reported, report.Total.NotYetDue));
        var m = Assert.Single(report.MissingPoints);
        Assert.Equal(point.Id, m.PointId);
        Assert.True(m.NotYetDue);
        Assert.Equal(ReturnTimeliness.NotYetDue, report.ByPoint[point.Id]);
    }

    [DbTheory]
    [InlineData("form=nope", "form")]
    [InlineData("number=13", "number")]
    [InlineData("year=9999", "year")]
    [InlineData("year=-2147483648", "year")]
    [InlineData("number=-2147483648", "number")]
    [InlineData("level=Bad", "level")]
    [InlineData("level=Point", "level")]
    [InlineData("period=Custom", "period")]
    [InlineData("period=Month&form=point-yearly", "period")]
    [InlineData("period=Nope", "period")]
    [InlineData("format=pdf", "format")]
    [InlineData("form=point-yearly&number=2", "number")]
    public async Task Completeness_BadInput_Answers400WithTheField(string query, string field)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync($"/api/v1/reports/completeness?{query}", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// Last quarter of the monthly returns on the demo data: every month of the quarter is expected from every point,
    /// and the late and missing points are named with their month (the demo history makes some late and some missing).
    [DbFact]
    public async Task Completeness_LastQuarter_AddsItsMonths_AndNamesLateAndMissingPoints()
    {
        var client = await app.ClientAsync("demo-monitor");
        var quarter = await client.GetJsonAsync("/api/v1/reports/completeness?form=point-monthly&period=Quarter&level=Province");
        var from = DateOnly.Parse(quarter.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
        var expected = 0;
        for (var day = from; day <= DateOnly.Parse(quarter.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);)
        {
            var (y, n) = ReportingPeriods.Containing(PeriodKind.Month, day, false, 14);
            var month = await client.GetJsonAsync($"/api/v1/reports/completeness?form=point-monthly&year={y}&number={n}&level=Province");
            expected += month.GetProperty("total").GetProperty("expected").GetInt32();
            day = ReportingPeriods.Resolve(PeriodKind.Month, y, n, false, 14).To.AddDays(1);
        }
        Assert.Equal(expected, quarter.GetProperty("total").GetProperty("expected").GetInt32());
        var late = quarter.GetProperty("latePoints").EnumerateArray().ToList();
        var missing = quarter.GetProperty("missingPoints").EnumerateArray().ToList();
        Assert.NotEmpty(late);
        Assert.NotEmpty(missing);
        Assert.All(late.Concat(missing), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("month").GetString())));
    }

    [DbFact]
    public async Task Completeness_PeriodNotEnded_SaysSo()
    {
        var (y, n) = ReportingPeriods.Containing(PeriodKind.Month, app.Today, false, 14);
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync($"/api/v1/reports/completeness?year={y}&number={n}", HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("period")[0].GetString()!;
        Assert.Contains("chưa kết thúc", message, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Completeness_DistrictUser_CountsOnlyItsArea_AndDownloadsXlsx()
    {
        var district = await app.ClientAsync("demo-district");
        var monitor = await app.ClientAsync("demo-monitor");
        var mine = await district.GetJsonAsync("/api/v1/reports/completeness?level=Commune");
        var all = await monitor.GetJsonAsync("/api/v1/reports/completeness");
        var visible = await VisibleIdsAsync("demo-district");
        var missing = mine.GetProperty("missingPoints").EnumerateArray().Select(m => m.GetProperty("pointId").GetInt32()).ToList();
        Assert.NotEmpty(missing);
        Assert.All(missing, id => Assert.Contains(id, visible));
        Assert.True(mine.GetProperty("total").GetProperty("expected").GetInt32()
            < all.GetProperty("total").GetProperty("expected").GetInt32());
        var file = await district.GetAsync("/api/v1/reports/completeness?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task Map_DrawsOneCirclePerVisiblePoint_AndNoneOutsideScope()
    {
        var district = await app.ClientAsync("demo-district");
        var visible = await VisibleIdsAsync("demo-district");
        var everyone = await VisibleIdsAsync("demo-monitor");
        Assert.True(everyone.Count > visible.Count);
        foreach (var url in new[] { "/api/v1/reports/map.svg", "/api/v1/reports/map.svg?status=true",
                     "/api/v1/reports/map.svg?code=access.sessions&period=Quarter" })
        {
            var response = await district.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var svg = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("viewBox=", svg, StringComparison.Ordinal);
            Assert.Contains("width=\"100%\"", svg, StringComparison.Ordinal);
            var circles = CircleIds().Matches(svg).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            var unplaced = UnplacedCount().Match(svg) is { Success: true } u
                ? int.Parse(u.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            Assert.Equal(Regex.Count(svg, "<circle"), circles.Count);
            Assert.Equal(circles.Count, circles.Distinct().Count());
            Assert.All(circles, id => Assert.Contains(id, visible));
            // The status map draws every visible point (grey where none was expected); an indicator's map those open then.
            if (url.Contains("status", StringComparison.Ordinal)) Assert.Equal(visible.Count, circles.Count + unplaced);
            else Assert.InRange(circles.Count + unplaced, 1, visible.Count);
        }
    }

    [DbTheory]
    [InlineData("code=nope", "code")]
    [InlineData("period=Custom", "period")]
    [InlineData("number=13&period=Quarter", "number")]
    [InlineData("year=9999", "year")]
    [InlineData("year=-2147483648", "year")]
    [InlineData("status=nope", "status")]
    [InlineData("status=true&number=13", "number")]
    public async Task Map_BadInput_Answers400WithTheField(string query, string field)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync($"/api/v1/reports/map.svg?{query}", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [DbTheory]
    [InlineData("demo-monitor")]
    [InlineData("demo-district")]
    public async Task Dashboard_Figures_EqualIndicatorValues_ForTheSamePeriodAndScope(string user)
    {
        var client = await app.ClientAsync(user);
        var (y, n) = CompletenessService.LastEnded(PeriodKind.Quarter, app.Today, 14);
        var dashboard = await client.GetJsonAsync($"/api/v1/reports/dashboard?period=Quarter&year={y}&number={n}");
        var codes = "circulation.loans,circulation.visits,access.sessions,access.users_by_sex,access.users_minority,access.users_poor,"
            + "rotation.sets_dispatched";
        var table = await client.GetJsonAsync($"/api/v1/reports/indicator-values?period=Quarter&year={y}&number={n}&codes={codes}");
        decimal Total(string code, string? breakdown) => table.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("code").GetString() == code
                && (r.GetProperty("breakdown").ValueKind == System.Text.Json.JsonValueKind.Null
                    ? null : r.GetProperty("breakdown").GetString())
                == breakdown)
            .Select(r => r.GetProperty("values").EnumerateArray().Last().GetDecimal()).DefaultIfEmpty(0).Single();
        var figures = dashboard.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!,
            f => f.GetProperty("value").GetDecimal());
        Assert.Equal(Total("circulation.loans", null), figures["circulation.loans"]);
        Assert.Equal(Total("circulation.visits", null), figures["circulation.visits"]);
        Assert.Equal(Total("access.sessions", null), figures["access.sessions"]);
        Assert.Equal(Total("access.users_by_sex", "Female"), figures["access.users_by_sex/Female"]);
        Assert.Equal(Total("access.users_minority", null), figures["access.users_minority"]);
        Assert.Equal(Total("access.users_poor", null), figures["access.users_poor"]);
        Assert.Equal(Total("rotation.sets_dispatched", null), figures["rotation.sets_dispatched"]);
        Assert.True(figures["circulation.loans"] > 0);
        Assert.InRange((int)figures["points.active"], 1, (await VisibleIdsAsync(user)).Count);
        // The trend's last month and the quarter's last month are the same days: its figure there is that month's total.
        var trend = dashboard.GetProperty("trend");
        Assert.Equal(12, trend.GetProperty("months").GetArrayLength());
        var lastMonth = ReportingPeriods.Containing(PeriodKind.Month, ReportingPeriods.Resolve(PeriodKind.Quarter, y, n, false, 14).To,
            false, 14);
        var month = await client.GetJsonAsync(
            $"/api/v1/reports/indicator-values?period=Month&year={lastMonth.Year}&number={lastMonth.Number}&codes=circulation.loans");
        Assert.Equal(month.GetProperty("rows")[0].GetProperty("values").EnumerateArray().Last().GetDecimal(),
            trend.GetProperty("series")[0].GetProperty("values")[11].GetDecimal());
    }

    [DbTheory]
    [InlineData("period=Custom", "period")]
    [InlineData("period=Nope", "period")]
    [InlineData("period=Quarter&number=5", "number")]
    [InlineData("number=13", "number")]
    [InlineData("year=9999", "year")]
    [InlineData("year=-2147483648", "year")]
    public async Task Dashboard_BadInput_Answers400WithTheField(string query, string field)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync($"/api/v1/reports/dashboard?{query}", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [DbFact]
    public async Task Pages_ShowChartsAndMap_ForAMonitor()
    {
        var page = await PageClient.SignInAsync(app, "demo-monitor");
        foreach (var url in new[] { "/Reports/Dashboard", "/Reports/Dashboard?Colour=status&Query.Period=Year",
                     "/Reports/Completeness", "/Reports/Completeness?Query.Number=13" })
        {
            var html = await page.GetStringAsync(url, Ct);
            if (url.EndsWith("=13", StringComparison.Ordinal)) Assert.Contains("alert-danger", html, StringComparison.Ordinal);
            else
            {
                Assert.Contains("<circle", html, StringComparison.Ordinal);
                Assert.Contains("viewBox=", html, StringComparison.Ordinal);
            }
        }
    }

    private async Task<HashSet<int>> VisibleIdsAsync(string user) => await app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var factory = sp.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>();
        var scope = UserScope.FromPrincipal(await factory.CreateAsync((await users.FindByNameAsync(user))!))!;
        var db = sp.GetRequiredService<AppDbContext>();
        return (await db.ServicePoints.VisibleTo(db, scope, app.Today).Select(p => p.Id).ToListAsync(Ct)).ToHashSet();
    });

    [GeneratedRegex("<circle[^>]*data-point=\"(\\d+)\"")]
    private static partial Regex CircleIds();

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex UnplacedCount();
}

public sealed class DashboardTestsOnSqlite(SqliteApp app) : DashboardTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardTestsOnPostgres(PostgresApp app) : DashboardTests(app), IClassFixture<PostgresApp>;
