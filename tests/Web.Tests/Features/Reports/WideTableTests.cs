using System.Net;
using System.Text.RegularExpressions;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Browser;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bookpost.Web.Tests.Features.Reports;

/// Issue 17, items 4 and 9: periods side by side with the change in percent (no division by zero), the table's layout
/// and paging on the page, the XLSX naming indicators in words with codes apart, and the field errors of compare and
/// orientation. Facts sit in 2011–2012, before the demo history starts (2013), so every total is this test's own.
public abstract class WideTableTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Codes = CirculationIndicators.Visits + "," + CirculationIndicators.Loans;
    private const string Api = "/api/v1/reports/indicator-values";

    private sealed record Answer(IReadOnlyList<IndicatorColumn> Columns, IReadOnlyList<IndicatorRow> Rows, IndicatorComparison? Comparison);

    private static readonly SemaphoreSlim s_once = new(1, 1);
    private static readonly HashSet<BookpostApp> s_made = [];

    private async Task FactsAsync()
    {
        await s_once.WaitAsync(Ct);
        try
        {
            if (!s_made.Add(app)) return;
            var a = app.AddPointSince("14758", new DateOnly(2010, 1, 1), "Điểm so sánh A");
            var b = app.AddPointSince("16378", new DateOnly(2010, 1, 1), "Điểm so sánh B");
            app.Visits(a.Id, new DateOnly(2011, 2, 10), 15);
            app.Visits(b.Id, new DateOnly(2011, 3, 1), 25);   // Q1 2011: 40
            app.Visits(a.Id, new DateOnly(2012, 2, 10), 20);
            app.Visits(b.Id, new DateOnly(2012, 3, 31), 30);  // Q1 2012: 50, the last day of the quarter included
            app.Visits(a.Id, new DateOnly(2012, 8, 1), 30);   // Q2 2012: nothing; Q3: 30
            app.Visits(b.Id, new DateOnly(2012, 10, 1), 45);  // Q4: 45
        }
        finally { s_once.Release(); }
    }

    private static ComparisonRow Row(IndicatorComparison c, string code) => c.Rows.Single(r => r.Code == code && r.Breakdown is null);

    [DbFact]
    public async Task LastYear_TotalsSideBySide_WithChangeInPercent_AndNoneWhereTheYearBeforeWasZero()
    {
        await FactsAsync();
        var client = await app.ClientAsync("demo-monitor");
        var answer = await client.GetAsync<Answer>(
            $"{Api}?period=Custom&from=2012-01-01&to=2012-03-31&codes={Codes}&compare=lastYear&level=Province");
        var c = answer.Comparison!;
        Assert.Equal(PeriodComparison.LastYear, c.Kind);
        Assert.Equal([new DateOnly(2011, 1, 1), new DateOnly(2012, 1, 1)], c.Columns.Select(x => x.From));
        Assert.Equal([new DateOnly(2011, 3, 31), new DateOnly(2012, 3, 31)], c.Columns.Select(x => x.To));
        var visits = Row(c, CirculationIndicators.Visits);
        Assert.Equal([40m, 50m], visits.Values);
        Assert.Equal([null, 25.0m], visits.ChangePercent);
        var loans = Row(c, CirculationIndicators.Loans);
        Assert.Equal([0m, 0m], loans.Values);
        Assert.Equal([null, null], loans.ChangePercent);
        // The period's own column is the Total column of the ordinary table.
        Assert.Equal(50m, answer.Rows.Single(r => r.Code == CirculationIndicators.Visits && r.Breakdown is null).Values[^1]);
    }

    [DbFact]
    public async Task Quarters_OfTheCalendarYear_EachAgainstTheOneBefore()
    {
        await FactsAsync();
        var client = await app.ClientAsync("demo-monitor");
        var c = (await client.GetAsync<Answer>($"{Api}?period=Year&year=2012&calendar=true&codes={Codes}&compare=quarters"))
            .Comparison!;
        Assert.Equal(["2012-Q1", "2012-Q2", "2012-Q3", "2012-Q4"], c.Columns.Select(x => x.Key));
        Assert.Equal(new DateOnly(2012, 4, 1), c.Columns[1].From);
        var visits = Row(c, CirculationIndicators.Visits);
        Assert.Equal([50m, 0m, 30m, 45m], visits.Values);
        // Q2 fell by all of Q1; Q3 after a quarter of nothing has no percent; Q4 is half as much again as Q3.
        Assert.Equal([null, -100.0m, null, 50.0m], visits.ChangePercent);
    }

    [DbTheory]
    [InlineData("compare", "nextYear")]
    [InlineData("compare", "1")]
    [InlineData("orientation", "diagonal")]
    public async Task BadCompareOrOrientation_400_NamingTheFieldInVietnamese(string field, string value)
    {
        var client = await app.ClientAsync("demo-monitor");
        using var response = await client.GetAsync($"{Api}?codes={Codes}&{field}={value}", Ct);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.Errors[field]);
        Assert.Contains($"({field})", message);
        Assert.Contains("dùng", message);
    }

    [DbFact]
    public async Task OpenApi_ListsCompareAndOrientation()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var names = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/reports/indicator-values").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("Compare", names);
        Assert.Contains("Orientation", names);
    }

    /// Item 4: the sheet's first column names each indicator in words, the code sits in a column of its own, and no
    /// other cell holds an enum member's name; the comparison has its own sheet.
    [DbTheory]
    [InlineData("indicators")]
    [InlineData("groups")]
    public async Task Xlsx_NamesInWords_CodesApart_NoEnumNames(string orientation)
    {
        await FactsAsync();
        var client = await app.ClientAsync("demo-monitor");
        using var response = await client.GetAsync(
            $"{Api}?period=Custom&from=2012-01-01&to=2012-12-31&level=Point&compare=lastYear&format=xlsx&orientation={orientation}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(stream);
        Assert.Equal(2, sheets.Count);
        var words = new List<string>();
        foreach (var sheet in sheets)
        {
            stream.Position = 0;
            var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>()
                .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList())
                .ToList();
            var header = rows[0];
            if (orientation == "indicators" || sheet != sheets[0])
            {
                Assert.Equal(["Chỉ tiêu", "Mã", "Đơn vị tính"], header.Take(3));
                Assert.Contains(rows, r => r[0] == "Lượt khách đến điểm" && r[1] == CirculationIndicators.Visits);
                words.AddRange(rows.SelectMany(r => r.Where((_, i) => i != 1)));
            }
            else
            {
                Assert.Equal("Đơn vị / điểm", header[0]);
                Assert.Contains(header, h => h.StartsWith("Lượt khách đến điểm", StringComparison.Ordinal));
                Assert.Contains(rows, r => r[0] == "Điểm so sánh A");
                Assert.Contains(rows, r => r[0] == "Mã chỉ tiêu" && r.Contains(CirculationIndicators.Visits));
                words.AddRange(rows.Where(r => r[0] != "Mã chỉ tiêu").SelectMany(r => r));
            }
        }
        Assert.DoesNotContain(words, w => w.Contains("access.", StringComparison.Ordinal) || w.Contains("circulation.", StringComparison.Ordinal));
        var leaks = words.SelectMany(w => Regex.Matches(w, @"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b").Select(m => m.Value))
            .Where(BrowserApp.EnumNames.Contains).Distinct().ToList();
        Assert.Empty(leaks);
    }

    /// Item 9 on the page: the point level lays points out as rows, 25 a page with the total on each, and the layout can
    /// be turned; the comparison shows "—" where there is no percent.
    [DbFact]
    public async Task Page_PointLevel_GroupsAsRows_Paged_AndTheComparisonShowsDashes()
    {
        await FactsAsync();
        using var page = await PageClient.SignInAsync(app, "demo-monitor");
        const string query = "Query.Period=Custom&Query.From=2012-01-01&Query.To=2012-03-31&Query.Level=Point&Query.Compare=lastYear";
        var html = await page.GetStringAsync($"/Reports/Indicators?{query}", Ct);
        Assert.Contains("data-layout=\"groups\"", html);
        Assert.Equal(26, Regex.Count(html, "<tr data-group="));
        Assert.Contains("groups=2", html);
        Assert.Contains("id=\"comparison\"", html);
        Assert.Contains("25,0 %", html);
        Assert.Contains(">—<", html);
        var second = await page.GetStringAsync($"/Reports/Indicators?{query}&groups=2", Ct);
        Assert.Contains("data-group=\"total\"", second.Replace("data-group=\"" + IndicatorService.TotalKey + "\"", "data-group=\"total\""));
        var turned = await page.GetStringAsync($"/Reports/Indicators?{query}&Query.Orientation=Indicators", Ct);
        Assert.Contains("data-layout=\"indicators\"", turned);
        using var bad = await page.GetAsync($"/Reports/Indicators?Query.Compare=bogus", Ct);
        Assert.Contains("(compare)", await bad.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class WideTableTestsOnSqlite(SqliteApp app) : WideTableTests(app), IClassFixture<SqliteApp>;

public sealed class WideTableTestsOnPostgres(PostgresApp app) : WideTableTests(app), IClassFixture<PostgresApp>;
