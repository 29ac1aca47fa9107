using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Planning;

/// A plan's targets against the figures (issue 19, part 2). Plans are made directly in the database (the plans API is
/// another part's). Each test that reads figures works in years of its own before the demo history (2013), on points of
/// its own, so the actual values are exactly what it recorded.
public abstract class TargetsApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Commune = "16378";
    private static int s_plans;

    private string Province => app.WithDb(db => db.AdminUnits.Where(u => u.Level == AdminLevel.Province).Select(u => u.Code).First());

    private int Org(string code) => app.WithDb(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).First());

    /// The district culture office demo-district works for (as PlanningUnits finds it).
    private int DistrictOffice(string area) => app.WithDb(db => db.Organizations
        .Where(o => o.Kind == OrganizationKind.CultureOffice && o.AreaCode == area).OrderByDescending(o => o.ValidTo == null)
        .Select(o => o.Id).First());

    private int Plan(string area, int from, int to, PlanStatus status = PlanStatus.Draft, int? drafting = null) => app.WithDb(db =>
    {
        var plan = new Plan
        {
            Kind = PlanKind.Plan, Title = $"Kế hoạch thử chỉ tiêu {Interlocked.Increment(ref s_plans)}", FromYear = from, ToYear = to,
            AreaCode = area, DraftingOrganizationId = drafting ?? Org("STTTT"), Status = status, CreatedAt = app.UtcNow, CreatedBy = "test",
            UpdatedAt = app.UtcNow,
        };
        db.Plans.Add(plan);
        db.SaveChanges();
        return plan.Id;
    });

    // An issued plan carries its issuing document's number: that is what makes it public to its area (PlanAccess).
    private void SetStatus(int plan, PlanStatus status) => app.WithDb(db =>
        db.Plans.Where(p => p.Id == plan).ExecuteUpdate(s => s.SetProperty(p => p.Status, status)
            .SetProperty(p => p.IssuedNumber, status is PlanStatus.Draft or PlanStatus.Submitted ? null : $"{plan}/KH-UBND")));

    private int Count(int plan) => app.WithDb(db => db.PlanTargets.Count(t => t.PlanId == plan));

    private static object Body(string indicator, string unit, int year, decimal value, string period = "Year", int? number = null,
        string? direction = null, string? note = null) =>
        new { indicator, unit, period, year, number, value, direction, note };

    private static async Task<TargetRow> AddAsync(HttpClient client, int plan, object body) =>
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/targets", body)).ReadAsync<TargetRow>(HttpStatusCode.Created);

    private void AcceptedReturn(int point, int year, int month, params (string Code, decimal Value)[] figures) => app.WithDb(db =>
    {
        var period = ReportingPeriods.Resolve(PeriodKind.Month, year, month, false, 14);
        var r = new PointReturn
        {
            PointId = point, Form = ReturnForms.MonthlyCode, Year = year, Number = month, PeriodFrom = period.From, PeriodTo = period.To,
            Revision = 1, Status = ReturnStatus.Accepted, Origin = ReturnOrigin.Entered, CreatedAt = app.UtcNow, CreatedBy = "test",
            UpdatedAt = app.UtcNow,
        };
        foreach (var (code, value) in figures) r.Figures.Add(new ReturnFigure { Code = code, Breakdown = "", Value = value });
        db.PointReturns.Add(r);
        return db.SaveChanges();
    });

    [DbFact]
    public async Task Actual_PastYear_ComesFromRecordedFiguresAndAcceptedReturns_PerUnit()
    {
        var a = app.AddPointSince(Commune, new DateOnly(2001, 3, 1), "Điểm chỉ tiêu A");
        var b = app.AddPointSince(Commune, new DateOnly(2001, 3, 1), "Điểm chỉ tiêu B");
        // Decree 09 year 2003: 15/12/2002 – 14/12/2003. 10/12/2002 falls in year 2002 and is not counted.
        app.Visits(a.Id, new DateOnly(2002, 12, 10), 1000);
        app.Visits(a.Id, new DateOnly(2003, 3, 1), 40);
        app.Visits(a.Id, new DateOnly(2003, 5, 1), 7);
        app.Visits(b.Id, new DateOnly(2003, 8, 1), 25);
        // Month 5/2003 (15/4–14/5) of A is reported: its 7 recorded visits are replaced by the return's 60.
        AcceptedReturn(a.Id, 2003, 5, ("circulation.visits", 60), ("point.days_closed", 4));
        var plan = Plan(Province, 2002, 2004);
        var monitor = await app.ClientAsync("demo-monitor");
        var atA = await AddAsync(monitor, plan, Body("circulation.visits", a.Code, 2003, 200, note: "Theo kết luận hội nghị"));
        await AddAsync(monitor, plan, Body("circulation.visits", b.Code, 2003, 20));
        await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2003, 100));
        await AddAsync(monitor, plan, Body("point.days_closed", a.Code, 2003, 3, direction: "AtMost"));
        await AddAsync(monitor, plan, Body("circulation.visits", a.Code, 2003, 10, "Quarter", 2));

        Assert.Equal(40 + 60, atA.Actual);
        Assert.Equal(50m, atA.Percent);
        Assert.Equal(100m, atA.Projected);
        Assert.True(atA.Behind);
        Assert.Equal("Năm 2003", atA.Period);
        Assert.Equal(new DateOnly(2002, 12, 15), atA.From);
        Assert.Equal(new DateOnly(2003, 12, 14), atA.To);
        Assert.Equal(a.Code, atA.UnitKey);
        Assert.Equal("Điểm chỉ tiêu A", atA.UnitName);
        Assert.Equal("Theo kết luận hội nghị", atA.Note);

        var rows = await monitor.GetAsync<List<TargetRow>>($"/api/v1/plans/{plan}/targets");
        Assert.Equal(5, rows.Count);
        var atB = rows.Single(r => r.UnitKey == b.Code);
        Assert.Equal(25, atB.Actual);
        Assert.Equal(125m, atB.Percent);
        Assert.False(atB.Behind);
        var commune = rows.Single(r => r.UnitKey == Commune);
        Assert.Equal(100 + 25, commune.Actual);
        Assert.False(string.IsNullOrEmpty(commune.UnitName));
        Assert.NotEqual(Commune, commune.UnitName);
        // A ceiling met by the return's figure: 4 days closed against ≤ 3 is missed.
        var closed = rows.Single(r => r.IndicatorCode == "point.days_closed");
        Assert.Equal(4, closed.Actual);
        Assert.Equal(TargetDirection.AtMost, closed.Direction);
        Assert.Equal(75m, closed.Percent);
        Assert.True(closed.Behind);
        // Quarter 2/2003 (15/3–14/6): the return's 60 only.
        var quarter = rows.Single(r => r.Period == "Quý 2/2003");
        Assert.Equal(60, quarter.Actual);
        Assert.Equal(new DateOnly(2003, 3, 15), quarter.From);

        // The same figures the indicator mechanism gives for the province are the province target's.
        var province = await AddAsync(monitor, plan, Body("circulation.visits", Province, 2003, 1));
        var table = await app.WithScopeAsync(sp => sp.GetRequiredService<IndicatorService>().ComputeAsync(UserScope.System,
            ReportingPeriods.Resolve(PeriodKind.Year, 2003, 1, false, 14), GroupLevel.Province, ReportMap.OfPeriod,
            ["circulation.visits"], false, Ct));
        Assert.Equal(table.Rows.Single(r => r.Code == "circulation.visits" && r.Breakdown is null).Values[^1], province.Actual);
        Assert.True(province.Actual >= 125);
    }

    [DbFact]
    public async Task Actual_RunningPeriod_IsProjectedByPace_AndAFuturePeriodHasNoActual()
    {
        var today = app.Today;
        var (year, _) = ReportingPeriods.Containing(PeriodKind.Year, today, false, 14);
        var period = ReportingPeriods.Resolve(PeriodKind.Year, year, 1, false, 14);
        var point = app.AddPointSince(app.WithDb(db => db.AdminUnits.Where(AdminUnit.ValidOn(today))
            .Where(u => u.Level == AdminLevel.Commune).OrderBy(u => u.Code).Select(u => u.Code).First()), period.From.AddYears(-1),
            "Điểm chỉ tiêu năm nay");
        app.Visits(point.Id, period.From, 30);
        app.Visits(point.Id, today, 50);
        var plan = Plan(Province, year, year + 1);
        var monitor = await app.ClientAsync("demo-monitor");

        var running = await AddAsync(monitor, plan, Body("circulation.visits", point.Code, year, 1_000_000));
        Assert.Equal(80, running.Actual);
        Assert.Equal(TargetMath.Project(period, today, 80), running.Projected);
        Assert.True(running.Projected >= 80);
        Assert.True(running.Behind);
        // A stock is its current value: the point's computers (none) against ≥ 0 is reached.
        var stock = await AddAsync(monitor, plan, Body("access.computers", point.Code, year, 0));
        Assert.Equal(0, stock.Actual);
        Assert.Equal(stock.Actual, stock.Projected);
        Assert.False(stock.Behind);

        var future = await AddAsync(monitor, plan, Body("circulation.visits", point.Code, year + 1, 10));
        Assert.Null(future.Actual);
        Assert.Null(future.Percent);
        Assert.Null(future.Projected);
        Assert.False(future.Behind);
    }

    [DbFact]
    public async Task Add_BadInput_Answers400WithTheField_AndWritesNothing()
    {
        var area = app.DemoDistrict();
        var plan = Plan(area, 2017, 2020);
        var inside = app.WithDb(db => db.CommunesOfAreaCodes(area, app.Today).First());
        var outside = app.CommuneOutside(area);
        var monitor = await app.ClientAsync("demo-monitor");
        var cases = new (object Body, string Field)[]
        {
            (Body("no.such_indicator", inside, 2018, 1), "indicator"),
            (Body("", inside, 2018, 1), "indicator"),
            (Body("circulation.visits", outside, 2018, 1), "unit"),
            (Body("circulation.visits", Province, 2018, 1), "unit"),
            (Body("circulation.visits", "99999", 2018, 1), "unit"),
            (Body("circulation.visits", "NO-SUCH-POINT", 2018, 1), "unit"),
            (Body("circulation.visits", new string('x', 10_000), 2018, 1), "unit"),
            (Body("circulation.visits", "", 2018, 1), "unit"),
            (Body("circulation.visits", inside, 9999, 1), "year"),
            (Body("circulation.visits", inside, int.MinValue, 1), "year"),
            (Body("circulation.visits", inside, 2016, 1), "year"),
            (Body("circulation.visits", inside, 2018, 1, "Quarter", 5), "number"),
            (Body("circulation.visits", inside, 2018, 1, "Month", int.MinValue), "number"),
            (Body("circulation.visits", inside, 2018, 1, "Month"), "number"),
            (Body("circulation.visits", inside, 2018, 1, "Year", 2), "number"),
            (Body("circulation.visits", inside, 2018, 1, "Custom"), "period"),
            (Body("circulation.visits", inside, 2018, 1, "Fortnight"), "period"),
            (Body("circulation.visits", inside, 2018, -1), "value"),
            (Body("circulation.visits", inside, 2018, 10_000_000_000_000m), "value"),
            (Body("access.computers_working_pct", inside, 2018, 120), "value"),
            (Body("circulation.visits", inside, 2018, 1, direction: "Sideways"), "direction"),
            (Body("circulation.visits", inside, 2018, 1, note: new string('n', 10_000)), "note"),
            (new { indicator = "circulation.visits", unit = inside, year = 2018 }, "value"),
            (new { indicator = "circulation.visits", unit = inside, value = 5 }, "year"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await monitor.PostJsonAsync($"/api/v1/plans/{plan}/targets", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{field}: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal(0, Count(plan));
    }

    [DbFact]
    public async Task Add_Duplicate_Answers409_AndKeepsOne()
    {
        var plan = Plan(Province, 2017, 2020);
        var monitor = await app.ClientAsync("demo-monitor");
        await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2018, 100));
        var again = await monitor.PostJsonAsync($"/api/v1/plans/{plan}/targets", Body("circulation.visits", " " + Commune, 2018, 300));
        var problem = await again.JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("đã có chỉ tiêu này", problem.GetProperty("detail").GetString());
        // The same indicator for another period or unit is another target.
        await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2019, 100));
        await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2018, 30, "Quarter", 1));
        Assert.Equal(3, Count(plan));
        Assert.Equal(100m, app.WithDb(db => db.PlanTargets.Single(t => t.PlanId == plan && t.Year == 2018 && t.PeriodKind == PeriodKind.Year).Value));
    }

    [DbFact]
    public async Task EditAndRemove_WhileDraftOrSubmitted_ThenFrozenOnceIssued()
    {
        var plan = Plan(Province, 2017, 2020);
        var monitor = await app.ClientAsync("demo-monitor");
        var row = await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2018, 100));
        var other = await AddAsync(monitor, plan, Body("circulation.visits", Commune, 2019, 100));

        var put = await monitor.PutAsJsonAsync($"/api/v1/plans/{plan}/targets/{row.Id}", Body("circulation.visits", Commune, 2018, 150), Ct);
        Assert.Equal(150m, (await put.ReadAsync<TargetRow>()).Target);
        // Editing into a twin of another target is refused.
        var twin = await monitor.PutAsJsonAsync($"/api/v1/plans/{plan}/targets/{row.Id}", Body("circulation.visits", Commune, 2019, 1), Ct);
        Assert.Equal(HttpStatusCode.Conflict, twin.StatusCode);
        SetStatus(plan, PlanStatus.Submitted);
        Assert.Equal(HttpStatusCode.NoContent, (await monitor.DeleteAsync($"/api/v1/plans/{plan}/targets/{other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.DeleteAsync($"/api/v1/plans/{plan}/targets/{other.Id}", Ct)).StatusCode);
        Assert.Equal(1, Count(plan));

        foreach (var status in new[] { PlanStatus.Issued, PlanStatus.Closed, PlanStatus.Withdrawn })
        {
            SetStatus(plan, status);
            var add = await monitor.PostJsonAsync($"/api/v1/plans/{plan}/targets", Body("circulation.visits", Commune, 2020, 1));
            Assert.Equal(HttpStatusCode.Conflict, add.StatusCode);
            var edit = await monitor.PutAsJsonAsync($"/api/v1/plans/{plan}/targets/{row.Id}", Body("circulation.visits", Commune, 2018, 1), Ct);
            Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await monitor.DeleteAsync($"/api/v1/plans/{plan}/targets/{row.Id}", Ct)).StatusCode);
        }
        Assert.Equal(1, Count(plan));
        Assert.Equal(150m, app.WithDb(db => db.PlanTargets.Single(t => t.PlanId == plan).Value));
        Assert.Single(await monitor.GetAsync<List<TargetRow>>($"/api/v1/plans/{plan}/targets"));
    }

    [DbFact]
    public async Task Access_DraftsToTheDepartmentAndDrafter_IssuedToTheArea()
    {
        var area = app.DemoDistrict();
        var byDistrict = Plan(area, 2017, 2020, drafting: DistrictOffice(area));
        var byDepartment = Plan(Province, 2017, 2020);
        var inside = app.WithDb(db => db.CommunesOfAreaCodes(area, app.Today).First());
        var district = await app.ClientAsync("demo-district");
        var commune = await app.ClientAsync("demo-commune");
        var point = await app.ClientAsync("demo-point");

        // The drafting office adds targets to its own draft; the department's draft is not shown to it.
        await AddAsync(district, byDistrict, Body("circulation.visits", inside, 2018, 10));
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/plans/{byDepartment}/targets", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await district.PostJsonAsync($"/api/v1/plans/{byDepartment}/targets", Body("circulation.visits", inside, 2018, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/api/v1/plans/{byDistrict}/targets", Ct)).StatusCode);

        // Issued: everyone in the province reads the province plan; nobody but the department and drafter changes it (403).
        await AddAsync(await app.ClientAsync("demo-monitor"), byDepartment, Body("circulation.visits", Commune, 2018, 1));
        SetStatus(byDepartment, PlanStatus.Issued);
        SetStatus(byDistrict, PlanStatus.Issued);
        foreach (var reader in new[] { district, commune, point, await app.ClientAsync("demo-library"), await app.ClientAsync("demo-postoffice") })
            Assert.Single(await reader.GetAsync<List<TargetRow>>($"/api/v1/plans/{byDepartment}/targets"));
        SetStatus(byDepartment, PlanStatus.Draft);
        var forbidden = await commune.PostJsonAsync($"/api/v1/plans/{byDepartment}/targets", Body("circulation.visits", Commune, 2019, 1));
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        SetStatus(byDepartment, PlanStatus.Issued);
        var issued = await commune.PostJsonAsync($"/api/v1/plans/{byDepartment}/targets", Body("circulation.visits", Commune, 2019, 1));
        Assert.Equal(HttpStatusCode.Forbidden, issued.StatusCode);
        // The district's issued plan is read in its area (demo-commune lies in it), not outside.
        Assert.Single(await commune.GetAsync<List<TargetRow>>($"/api/v1/plans/{byDistrict}/targets"));
        var admin = await app.ClientAsync("demo-admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/plans/{byDistrict + 1000}/targets", Ct)).StatusCode);
    }

    [DbFact]
    public async Task Page_ShowsTheTable_AndTheFormAddsAndRefuses()
    {
        var plan = Plan(Province, 2017, 2020);
        var point = app.AddPointSince(Commune, new DateOnly(2001, 3, 1), "Điểm chỉ tiêu trang");
        var page = await PageClient.SignInAsync(app, "demo-monitor");
        var url = $"/Planning/Plans/{plan}/Targets";
        var empty = await page.GetStringAsync(url, Ct);
        Assert.Contains("Kế hoạch chưa có chỉ tiêu.", empty);
        Assert.Contains("Thêm chỉ tiêu", empty);

        var ok = await PageClient.PostFormAsAsync(page, url, url + "?handler=Add", new()
        {
            ["Form.Indicator"] = "circulation.visits", ["Form.Unit"] = point.Code, ["Form.Period"] = "Year", ["Form.Year"] = "2018",
            ["Form.Value"] = "1.000", ["Form.Direction"] = "AtLeast", ["Form.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(1000m, app.WithDb(db => db.PlanTargets.Single(t => t.PlanId == plan).Value));

        var refused = await PageClient.PostFormAsAsync(page, url, url + "?handler=Add", new()
        {
            ["Form.Indicator"] = "circulation.visits", ["Form.Unit"] = "99999", ["Form.Period"] = "Year", ["Form.Year"] = "9999",
            ["Form.Value"] = "abc",
        });
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Contains("Không có đơn vị hành chính hay điểm nào mã", html);
        Assert.Contains("nằm ngoài thời gian của kế hoạch", html);
        Assert.Contains("Không phải là số.", html);
        Assert.Equal(1, Count(plan));

        var shown = await page.GetStringAsync(url, Ct);
        Assert.Contains("Năm 2018", shown);
        Assert.Contains("Không đạt", shown);
        Assert.DoesNotContain("AtLeast<", shown);
        SetStatus(plan, PlanStatus.Issued);
        Assert.DoesNotContain("Form.Indicator", await page.GetStringAsync(url, Ct));
    }
}

/// The codes of today's communes of a former district's area, for tests.
internal static class TargetsTestUnits
{
    public static List<string> CommunesOfAreaCodes(this Bookpost.Web.Data.AppDbContext db, string area, DateOnly today) =>
        Bookpost.Web.Features.Network.Points.PointScope.CommunesOfArea(db, area, today).OrderBy(c => c.Code).Select(c => c.Code).ToList();
}

public sealed class TargetsApiTestsOnSqlite(SqliteApp app) : TargetsApiTests(app), IClassFixture<SqliteApp>;

public sealed class TargetsApiTestsOnPostgres(PostgresApp app) : TargetsApiTests(app), IClassFixture<PostgresApp>;
