using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Reports;

/// Reports on either map (issue 16): the same facts grouped on the map of 30/06/2025 (districts, areas) and on today's
/// (communes) add up to the same province total, because every point counts in exactly one column. The facts sit at
/// points on both sides of 1 July 2025, one of them in Phường Đông Thọ (14758), a commune that was divided, and one opened
/// after the reform in a new unit, so a point put in two columns, or in none, would show.
public abstract class ReportMapTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Year2025 = "/api/v1/reports/indicator-values?period=Custom&from=2025-01-01&to=2025-12-31";
    private const string Half2025 = "/api/v1/reports/indicator-values?period=Custom&from=2025-01-01&to=2025-06-30";

    private sealed record Table(string Level, string Map, DateOnly MapDay, IReadOnlyList<IndicatorColumn> Columns,
        IReadOnlyList<IndicatorRow> Rows)
    {
        public decimal? Value(string code, string column) =>
            Rows.Single(r => r.Code == code && r.Breakdown is null).Values[Columns.ToList().FindIndex(c => c.Key == column)];
    }

    /// Four points with facts on both sides of the reform; the visits are sized so each point's share can be told apart.
    private async Task<(int A, int B, int C, int D)> FactsAsync()
    {
        var (_, reader) = await app.ReaderAsync();
        var eve = new DateOnly(2025, 6, 30);
        var a = app.AddPointSince("14758", new DateOnly(2018, 1, 1), "Điểm Đông Thọ (chia đôi)");
        var b = app.AddPointSince("16378", new DateOnly(2020, 3, 1), "Điểm Rừng Thông");
        var c = app.AddPointSince(app.CommuneIn("384", 0, eve), new DateOnly(2025, 1, 10), "Điểm huyện khác");
        var d = app.AddPointSince("14797", new DateOnly(2025, 9, 1), "Điểm Hạc Thành mới");
        app.Visits(a.Id, new DateOnly(2025, 3, 15), 3);
        app.Visits(a.Id, new DateOnly(2025, 10, 15), 5);
        app.Visits(b.Id, new DateOnly(2025, 2, 1), 30);
        app.Visits(b.Id, new DateOnly(2025, 8, 1), 50);
        app.Visits(c.Id, new DateOnly(2025, 4, 1), 300);
        app.Visits(c.Id, new DateOnly(2025, 11, 1), 500);
        app.Visits(d.Id, new DateOnly(2025, 10, 1), 5000);
        app.Loans(a.Id, reader.Id, new DateOnly(2025, 3, 15), 1);
        app.Loans(a.Id, reader.Id, new DateOnly(2025, 10, 15), 2);
        app.Loans(b.Id, reader.Id, new DateOnly(2025, 5, 5), 1);
        app.Loans(d.Id, reader.Id, new DateOnly(2025, 9, 9), 1);
        return (a.Id, b.Id, c.Id, d.Id);
    }

    [DbFact]
    public async Task StraddlingYear_EveryIndicator_AddsUpToTheSameTotalOnEveryMap()
    {
        var (a, b, c, d) = await FactsAsync();
        var client = await app.ClientAsync("demo-monitor");
        var catalogue = await client.GetAsync<List<Indicator>>("/api/v1/reports/indicators");
        var period = await client.GetAsync<Table>($"{Year2025}&map=period&level=Province");
        var district = await client.GetAsync<Table>($"{Year2025}&map=2025-06-30&level=District");
        var area = await client.GetAsync<Table>($"{Year2025}&map=2025-06-30&level=Area");
        var commune = await client.GetAsync<Table>($"{Year2025}&map=today&level=Commune");
        Assert.Equal(new DateOnly(2025, 12, 31), period.MapDay);
        Assert.Equal(new DateOnly(2025, 6, 30), district.MapDay);
        Assert.Equal(app.Today, commune.MapDay);

        Assert.Equal(catalogue.Select(i => i.Code).Order(), period.Rows.Where(r => r.Breakdown is null).Select(r => r.Code).Order());
        foreach (var row in period.Rows)
        {
            var total = row.Values[^1];
            foreach (var table in new[] { district, area, commune })
            {
                var same = table.Rows.Single(r => r.Code == row.Code && r.Breakdown == row.Breakdown);
                Assert.True(total == same.Values[^1], $"{row.Code}/{row.Breakdown} on {table.Level}: {same.Values[^1]} ≠ {total}");
                if (catalogue.Single(i => i.Code == row.Code).Aggregation != Aggregation.Sum) continue;
                var sum = same.Values.SkipLast(1).Sum(v => v ?? 0);
                Assert.True(sum == total, $"{row.Code}/{row.Breakdown} by {table.Level}: the columns add up to {sum}, not {total}");
            }
        }

        // Each point's visits are in the column of its unit on that map: Đông Thọ, Rừng Thông and the new Hạc Thành point
        // (placed through its commune's predecessors) under Thanh Hóa city on 30/06/2025; on today's map the divided
        // commune's point in the unit it was moved to and the new point in Phường Hạc Thành.
        const string visits = "circulation.visits";
        Assert.True(district.Value(visits, "380") >= 5088);
        Assert.True(area.Value(visits, "380") >= 5088);
        Assert.StartsWith("Khu vực ", area.Columns.Single(c => c.Key == "380").Name);
        Assert.True(district.Value(visits, "384") >= 800);
        Assert.True(area.Value(visits, "384") >= 800);
        Assert.True(commune.Value(visits, "16378") >= 80);
        Assert.Equal("Phường Đông Sơn", commune.Columns.Single(x => x.Key == "16378").Name);
        var aToday = app.WithDb(db => db.PointCommunes.Single(l => l.ServicePointId == a && l.ValidTo == null).CommuneCode);
        var aVisits = commune.Value(visits, aToday);
        Assert.True(aToday == "14797" ? aVisits >= 5008 : aVisits >= 8 && commune.Value(visits, "14797") >= 5000);
        Assert.DoesNotContain(district.Columns, x => x.Key == PointGrouping.UnknownKey);
        Assert.True(period.Value(visits, PointGrouping.TotalKey) >= 5888);
        _ = (b, c, d);
    }

    [DbFact]
    public async Task FirstHalf2025_OnTheMapOf30June_IsTheTableOfThePeriodsOwnMap()
    {
        await FactsAsync();
        var client = await app.ClientAsync("demo-monitor");
        var byDay = await client.GetAsync<Table>($"{Half2025}&map=2025-06-30&level=District");
        var byPeriod = await client.GetAsync<Table>($"{Half2025}&map=period&level=District");
        var byDefault = await client.GetAsync<Table>(Half2025);
        foreach (var other in new[] { byPeriod, byDefault })
        {
            Assert.Equal("District", other.Level);
            Assert.Equal(byDay.MapDay, other.MapDay);
            Assert.Equal(byDay.Columns, other.Columns);
            Assert.Equal(byDay.Rows.Select(r => (r.Code, r.Breakdown, string.Join(";", r.Values))),
                other.Rows.Select(r => (r.Code, r.Breakdown, string.Join(";", r.Values))));
        }
        Assert.True(byDay.Value("circulation.visits", "380") >= 33);
        Assert.True(byDay.Value("circulation.visits", "384") >= 300);

        // The rule of the table before the two-tier map, worked out here straight from the tables: a point's visits count
        // in the district of the commune it was in on 30/06/2025.
        var eve = new DateOnly(2025, 6, 30);
        var expected = app.WithDb(db =>
        {
            var visits = db.TallyEvents.Where(e => e.Kind == TallyKind.Visit && e.Day >= new DateOnly(2025, 1, 1) && e.Day <= eve)
                .GroupBy(e => e.PointId).Select(g => new { g.Key, Count = g.Sum(e => e.Delta) }).ToList();
            var rows = db.PointCommunes.Where(PointCommune.ValidOn(eve)).ToList().ToDictionary(l => l.ServicePointId, l => l.CommuneCode);
            var districts = db.AdminUnits.Where(AdminUnit.ValidOn(eve)).Where(u => u.Level == AdminLevel.Commune)
                .ToDictionary(u => u.Code, u => u.ParentCode!);
            // A point with no row that day (opened later) is placed through successions, which this check leaves aside.
            var elsewhere = visits.Where(v => !rows.ContainsKey(v.Key)).Sum(v => (decimal)v.Count);
            return (visits.Where(v => rows.ContainsKey(v.Key)).GroupBy(v => districts[rows[v.Key]])
                .ToDictionary(g => g.Key, g => (decimal)g.Sum(v => v.Count)), elsewhere);
        });
        foreach (var column in byDay.Columns.Where(c => c.Key != PointGrouping.TotalKey))
        {
            var actual = byDay.Value("circulation.visits", column.Key) ?? 0;
            var rule = expected.Item1.GetValueOrDefault(column.Key);
            Assert.True(actual >= rule && actual <= rule + expected.elsewhere, $"{column.Name}: {actual}, by the rule {rule}");
        }
        Assert.Equal(expected.Item1.Values.Sum() + expected.elsewhere, byDay.Value("circulation.visits", PointGrouping.TotalKey));
    }

    [DbTheory]
    [InlineData("&level=District&map=today")]
    [InlineData("&level=District&map=2025-07-01")]
    [InlineData("&level=District&map=2026-01-01")]
    [InlineData("&level=District")]
    [InlineData("&level=district&todaysMap=true")]
    public async Task District_OnATwoTierMap_IsRefusedWithAClearMessage(string query)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync(Year2025 + query, HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("level")[0].GetString();
        Assert.Contains("không còn cấp huyện", message);
        Assert.Contains("Khu vực", message);
    }

    [DbTheory]
    [InlineData("&map=yesterday")]
    [InlineData("&map=2025-02-30")]
    [InlineData("&map=30/06/2025")]
    [InlineData("&map=2025-6-30")]
    [InlineData("&map=1800-01-01")]
    [InlineData("&map=2999-01-01")]
    public async Task Map_NotPeriodTodayOrAPastDay_IsRefused(string query)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync(Year2025 + query + "&level=Area", HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("errors").GetProperty("map")[0].GetString()));
    }

    [DbTheory]
    [InlineData("Ward")]
    [InlineData("7")]
    [InlineData("Province,Point")]
    public async Task Level_Unknown_IsRefused(string level)
    {
        var client = await app.ClientAsync("demo-monitor");
        var problem = await client.GetJsonAsync($"{Year2025}&level={Uri.EscapeDataString(level)}", HttpStatusCode.BadRequest);
        Assert.Contains("Commune", problem.GetProperty("errors").GetProperty("level")[0].GetString());
    }

    [DbFact]
    public async Task TodaysMapFlag_StillMeansToday_AndTheDefaultLevelOnATwoTierMapIsArea()
    {
        var client = await app.ClientAsync("demo-monitor");
        var table = await client.GetAsync<Table>($"{Year2025}&todaysMap=true");
        Assert.Equal("today", table.Map);
        Assert.Equal(app.Today, table.MapDay);
        Assert.Equal("Area", table.Level);
        var onDay = await client.GetAsync<Table>($"{Year2025}&map=2025-06-30&level=Commune");
        Assert.Equal("2025-06-30", onDay.Map);
    }

    [DbTheory]
    [InlineData("demo-monitor")]
    [InlineData("demo-district")]
    public async Task Page_TodaysMapByCommune_Renders_WithTheMapNote(string user)
    {
        var client = await PageClient.SignInAsync(app, user);
        var html = await client.GetStringAsync(
            "/Reports/Indicators?Query.Period=Custom&Query.From=2025-01-01&Query.To=2025-12-31&Query.Map=today&Query.Level=Commune", Ct);
        Assert.Contains($"Nhóm theo bản đồ hành chính ngày {app.Today:dd/MM/yyyy}", html);
        Assert.Contains("Xã/phường", html);
        Assert.Contains("id=\"indicators\"", html);
    }

    [DbFact]
    public async Task Page_MapOfADay_AndItsMistakes()
    {
        var client = await PageClient.SignInAsync(app, "demo-monitor");
        const string half = "/Reports/Indicators?Query.Period=Custom&Query.From=2025-01-01&Query.To=2025-06-30";
        var html = await client.GetStringAsync($"{half}&Query.Map=day&MapDay=2025-06-30&Query.Level=District", Ct);
        Assert.Contains("Nhóm theo bản đồ hành chính ngày 30/06/2025", html);
        html = await client.GetStringAsync($"{half}&Query.Map=today&Query.Level=District", Ct);
        Assert.Contains("không còn cấp huyện", html);
        Assert.DoesNotContain("id=\"indicators\"", html);
        html = await client.GetStringAsync($"{half}&Query.Map=day&Query.Level=Area", Ct);
        Assert.Contains("Hãy chọn ngày của bản đồ", html);
        var xlsx = await client.GetAsync($"{half}&Query.Map=2025-06-30&Query.Level=Area&Query.Format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class ReportMapTestsOnSqlite(SqliteApp app) : ReportMapTests(app), IClassFixture<SqliteApp>;

public sealed class ReportMapTestsOnPostgres(PostgresApp app) : ReportMapTests(app), IClassFixture<PostgresApp>;
