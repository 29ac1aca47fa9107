using System.Net;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Network.Units;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Network;

/// Issue 16, administrative units on both maps: the list by day and code, the succession links of 1 July 2025, their bad
/// input, and the unit pages.
public abstract class AdminUnitsTwoTierTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> Monitor() => app.ClientAsync("demo-monitor");

    [DbFact]
    public async Task Communes_OfTheProvinceToday_Are166_NoneUnderADistrict()
    {
        var client = await Monitor();
        var body = await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=Commune&parent=38");
        Assert.Equal(166, body.Total);
        Assert.All(body.Items, u => Assert.Equal("38", u.ParentCode));
        Assert.All(body.Items, u => Assert.Equal(new DateOnly(2025, 7, 1), u.ValidFrom));
        // The 2025-07-01 list gives each new unit its centre and area.
        Assert.All(body.Items, u => Assert.True(u.Latitude is > 17 and < 21 && u.Longitude is > 103 and < 107 && u.AreaKm2 > 0));
    }

    [DbTheory]
    [InlineData(1, "effectiveOn")]
    [InlineData(90, "effectiveOn")]
    [InlineData(-740_000, "effectiveOn")]
    public async Task RecordUnitChange_DatedAheadOrBefore1900_Answers400_AndMovesNoPoint(int daysAhead, string field)
    {
        var admin = await app.ClientAsync("demo-admin");
        var (a, b) = app.WithDb(db =>
        {
            var codes = db.AdminUnits.Where(AdminUnit.ValidOn(app.Today)).Where(u => u.Level == AdminLevel.Commune)
                .OrderByDescending(u => u.Code).Select(u => u.Code).Take(2).ToList();
            return (codes[0], codes[1]);
        });
        var before = app.WithDb(db => (db.AdminUnits.Count(), db.PointCommunes.Count()));
        var day = daysAhead < -700_000 ? new DateOnly(1, 1, 1) : app.Today.AddDays(daysAhead);
        var request = new { kind = "Merge", effectiveOn = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            from = new[] { a, b }, to = new[] { new { code = a, name = "Xã Tương Lai", type = "Xã", parentCode = "38" } } };
        var problem = await (await admin.PostJsonAsync("/api/v1/admin-units/changes", request)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, app.WithDb(db => (db.AdminUnits.Count(), db.PointCommunes.Count())));
    }

    [DbTheory]
    [InlineData("2025-06-30", 26)]
    [InlineData("2025-07-01", 0)]
    public async Task Districts_OnEitherSideOfTheReform(string asOf, int districts)
    {
        var client = await Monitor();
        Assert.Equal(districts, (await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?level=District&asOf={asOf}")).Total);
    }

    [DbTheory]
    [InlineData("2025-06-30", "Phường Đông Thọ", "380")]
    [InlineData("2025-07-01", "Phường Hàm Rồng", "38")]
    public async Task Code14758_NamesADifferentUnitOnEachSide(string asOf, string name, string parent)
    {
        var client = await Monitor();
        var body = await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?code=14758&asOf={asOf}");
        var unit = Assert.Single(body.Items);
        Assert.Equal(name, unit.Name);
        Assert.Equal(parent, unit.ParentCode);
    }

    [DbFact]
    public async Task Successions_FromDongTho_AreTheTwoUnitsItWasDividedBetween()
    {
        var client = await Monitor();
        var body = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?from=14758&on=2025-07-01");
        Assert.Equal("Phường Đông Thọ", body.Unit.Name);
        Assert.Equal(["14758", "14797"], body.Links.Select(l => l.Successor.Code).ToArray());
        Assert.All(body.Links, l =>
        {
            Assert.Equal(SuccessionKind.Split, l.Kind);
            Assert.Equal("Chia tách", l.KindLabel);
            Assert.Equal(new DateOnly(2025, 7, 1), l.Successor.ValidFrom);
            Assert.Equal(new DateOnly(2025, 7, 1), l.Predecessor.ValidTo);
            Assert.Equal(body.Unit.Id, l.Predecessor.Id);
        });
        Assert.Equal("Phường Hàm Rồng", body.Links[0].Successor.Name);
        // The version that took the code is another unit than the one that ended.
        Assert.NotEqual(body.Links[0].Predecessor.Id, body.Links[0].Successor.Id);
    }

    [DbFact]
    public async Task Successions_ToHamRong_NameItsPredecessors_PartOfDongTho()
    {
        var client = await Monitor();
        var body = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?to=14758&on=2025-07-01");
        Assert.Equal("Phường Hàm Rồng", body.Unit.Name);
        Assert.True(body.Links.Count >= 2);
        Assert.All(body.Links, l => Assert.Equal(body.Unit.Id, l.Successor.Id));
        var dongTho = Assert.Single(body.Links, l => l.Predecessor.Code == "14758");
        Assert.Equal("Phường Đông Thọ", dongTho.Predecessor.Name);
        Assert.Equal(SuccessionKind.Split, dongTho.Kind);
    }

    [DbFact]
    public async Task Successions_TheTwoCommunesMissingFromTheList_OneLinkedByName_OneWithout()
    {
        var client = await Monitor();
        var khe = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?from=16387&on=2025-07-01");
        Assert.NotEmpty(khe.Links);
        var xuan = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?from=16411&on=2025-07-01");
        Assert.Equal(new DateOnly(2025, 7, 1), xuan.Unit.ValidTo);
        Assert.Empty(xuan.Links);
    }

    [DbTheory]
    [InlineData("/api/v1/admin-units/successions?from=14827&on=2025-07-01", "from")] // merged away in 2019
    [InlineData("/api/v1/admin-units/successions?from=99999&on=2025-07-01", "from")]
    [InlineData("/api/v1/admin-units/successions?to=16411&on=2025-07-01", "to")]
    [InlineData("/api/v1/admin-units/successions?on=2025-07-01", "from")]
    [InlineData("/api/v1/admin-units/successions?from=14758&to=14758&on=2025-07-01", "to")]
    [InlineData("/api/v1/admin-units/successions?from=14758", "on")]
    [InlineData("/api/v1/admin-units/successions?from=14758&on=mai", "on")]
    [InlineData("/api/v1/admin-units/successions?from=14758&on=2025-13-01", "on")]
    [InlineData("/api/v1/admin-units?asOf=hôm-nay", "asOf")]
    [InlineData("/api/v1/admin-units?asOf=2025-02-30", "asOf")]
    public async Task BadInput_Answers400_NamingTheField_InVietnamese(string url, string field)
    {
        var client = await Monitor();
        var problem = await client.GetJsonAsync(url, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"{url}: {problem}");
        var message = messages[0].GetString()!;
        Assert.Matches("[ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệịọỏốồổộớờởợụủứừửựỳỷỹ]", message);
    }

    [DbFact]
    public async Task BadInput_ChangesNothing()
    {
        var before = app.WithDb(db => (db.AdminUnits.Count(), db.AdminUnitSuccessions.Count()));
        var client = await Monitor();
        await client.GetJsonAsync("/api/v1/admin-units/successions?from=99999&on=2025-07-01", HttpStatusCode.BadRequest);
        Assert.Equal(before, app.WithDb(db => (db.AdminUnits.Count(), db.AdminUnitSuccessions.Count())));
    }

    [DbFact]
    public async Task PointCount_IsTakenOnTheDayAsked_ThroughThatDaysTree()
    {
        // A point of the demo network that was in Đông Thọ on 30/06/2025 counts there (and in Thanh Hóa city) on that day,
        // and in the unit it followed to on 01/07/2025: not both in "14758" because the code names both.
        var eve = AdminUnit.LastThreeTierDay;
        var day = AdminUnit.TwoTierSince;
        var (old, now) = app.WithDb(db =>
        {
            var row = db.PointCommunes.Where(PointCommune.ValidOn(eve)).OrderBy(l => l.Id).First();
            var next = db.PointCommunes.Where(l => l.ServicePointId == row.ServicePointId).Where(PointCommune.ValidOn(day)).Single();
            return (row.CommuneCode, next.CommuneCode);
        });
        var client = await Monitor();
        var expectOld = app.WithDb(db => db.PointCommunes.Where(PointCommune.ValidOn(eve)).Count(l => l.CommuneCode == old));
        var expectNew = app.WithDb(db => db.PointCommunes.Where(PointCommune.ValidOn(day)).Count(l => l.CommuneCode == now));
        Assert.Equal(expectOld, (await One($"code={old}&asOf=2025-06-30")).PointCount);
        Assert.Equal(expectNew, (await One($"code={now}&asOf=2025-07-01")).PointCount);

        // The province adds up the same points on both maps.
        var onEve = app.WithDb(db => db.PointCommunes.Count(PointCommune.ValidOn(eve)));
        Assert.Equal(onEve, (await One("code=38&asOf=2025-06-30")).PointCount);
        var onDay = app.WithDb(db => db.PointCommunes.Count(PointCommune.ValidOn(day)));
        Assert.Equal(onDay, (await One("code=38&asOf=2025-07-01")).PointCount);

        async Task<AdminUnitDto> One(string query) =>
            Assert.Single((await client.GetAsync<PagedList<AdminUnitDto>>($"/api/v1/admin-units?{query}")).Items);
    }

    [DbFact]
    public async Task UnitsPage_Today_ShowsTheCommunesUnderTheProvince_AndThreeTiersBefore()
    {
        using var page = await PageClient.SignInAsync(app, "demo-monitor");
        var today = await page.GetStringAsync("/Network/Units", Ct);
        Assert.Contains("Bản đồ hai cấp", today);
        Assert.Contains("166 đơn vị", today);
        Assert.Contains("Phường Hàm Rồng", today);
        var before = await page.GetStringAsync("/Network/Units?asOf=2025-06-30", Ct);
        Assert.Contains("Bản đồ ba cấp", before);
        Assert.Contains("26 đơn vị", before);
        var city = await page.GetStringAsync("/Network/Units?asOf=2025-06-30&parent=380", Ct);
        Assert.Contains("Phường Đông Thọ", city);
        Assert.DoesNotContain("style=", today, StringComparison.Ordinal);
        var bad = await page.GetStringAsync("/Network/Units?asOf=mai", Ct);
        Assert.Contains("không đọc được", bad);
    }

    [DbFact]
    public async Task UnitPage_HamRong_TellsWhatItWasFormedFrom_AndThatTheCodeNamedAnotherUnit()
    {
        var (hamRong, dongTho) = app.WithDb(db =>
            (db.AdminUnits.Single(u => u.Code == "14758" && u.ValidFrom == AdminUnit.TwoTierSince).Id,
             db.AdminUnits.Where(AdminUnit.ValidOn(AdminUnit.LastThreeTierDay)).Single(u => u.Code == "14758").Id));
        using var page = await PageClient.SignInAsync(app, "demo-monitor");
        var html = System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/Network/Unit/{hamRong}", Ct));
        Assert.Contains("Phường Hàm Rồng, từ 01/07/2025, hợp thành từ:", html);
        Assert.Contains("(một phần Phường Đông Thọ)", html);
        Assert.Contains($"/Network/Unit/{dongTho}", html);
        Assert.Contains("Mã 14758 ở các thời kỳ khác", html);
        Assert.Contains("km²", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        var old = System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/Network/Unit/{dongTho}", Ct));
        Assert.Contains("Từ 01/07/2025 được chia cho: Phường Hàm Rồng, ", old);
        Assert.Contains($"/Network/Unit/{hamRong}", old);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync("/Network/Unit/999999", Ct)).StatusCode);
    }
}

public sealed class AdminUnitsTwoTierTestsOnSqlite(SqliteApp app) : AdminUnitsTwoTierTests(app), IClassFixture<SqliteApp>;

public sealed class AdminUnitsTwoTierTestsOnPostgres(PostgresApp app) : AdminUnitsTwoTierTests(app), IClassFixture<PostgresApp>;
