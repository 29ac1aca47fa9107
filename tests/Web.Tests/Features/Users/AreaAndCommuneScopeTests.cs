using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Users;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Users;

/// Issue 16: the Commune role sees the points of its commune today; an area (District scope) is a former district, which
/// holds the points that were in it on 30/06/2025 and those today in a unit that took over one of its communes.
public abstract class AreaAndCommuneScopeTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task DemoCommune_ListsExactlyThePointsWhoseCommuneTodayIsItsCommune()
    {
        using var client = await app.ClientAsync("demo-commune");
        var me = await client.GetAsync<MeResponse>("/api/v1/me");
        var demoPoint = app.WithDb(db => db.ServicePoints.Single(p => p.Id == db.Users.Single(u => u.UserName == "demo-point").ScopePointId));
        Assert.Equal(demoPoint.CommuneCode, me.AreaCode);
        var listed = await client.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=500");
        var expected = app.WithDb(db => db.ServicePoints.Where(p => p.CommuneCode == me.AreaCode).Select(p => p.Id).Order().ToList());
        Assert.Equal(expected, listed.Items.Select(p => p.Id).Order());
        Assert.Contains(demoPoint.Id, expected);
    }

    [DbFact]
    public async Task CommuneUser_WritingAPointOfAnotherCommune_Gets404_AndNothingChanges()
    {
        using var client = await app.ClientAsync("demo-commune");
        var commune = (await client.GetAsync<MeResponse>("/api/v1/me")).AreaCode;
        var other = app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.CommuneCode != commune)
            .OrderBy(p => p.Id).Select(p => p.Id).First());
        using var admin = await app.ClientAsync("demo-admin");
        using var got = await admin.GetAsync($"/api/v1/points/{other}", Ct);
        var point = JsonDocument.Parse(await got.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("point");
        var body = point.EnumerateObject().Where(p => p.Name is not ("id" or "version" or "communeName" or "formerDistrictCode"
                or "formerDistrictName" or "operatorName" or "needsReview"))
            .ToDictionary(p => p.Name, p => p.Name == "name" ? JsonSerializer.SerializeToElement("Đổi tên ngoài phạm vi") : p.Value);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/points/{other}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", got.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(put, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/points/{other}", Ct)).StatusCode);
        Assert.NotEqual("Đổi tên ngoài phạm vi", app.WithDb(db => db.ServicePoints.Single(p => p.Id == other).Name));
        // Nor may it place a point in another commune.
        using var create = await client.PostAsJsonAsync("/api/v1/points",
            Api.PointBody(NetworkBuilders.UniqueCode("CX"), app.WithDb(db => db.ServicePoints.Single(p => p.Id == other).CommuneCode)), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [DbFact]
    public async Task CommuneUser_IndicatorsWithoutALevel_AreGroupedByItsCommune()
    {
        using var client = await app.ClientAsync("demo-commune");
        var commune = (await client.GetAsync<MeResponse>("/api/v1/me")).AreaCode;
        var table = await client.GetAsync<Bookpost.Web.Features.Reports.IndicatorTable>(
            "/api/v1/reports/indicator-values?period=Custom&from=2025-01-01&to=2025-12-31&map=today");
        Assert.Equal(Bookpost.Web.Features.Reports.GroupLevel.Commune, table.Level);
        Assert.Equal([commune, Bookpost.Web.Features.Reports.IndicatorService.TotalKey], table.Columns.Select(c => c.Key));
    }

    [DbFact]
    public async Task AreaUser_SeesWhatWasInItsDistrictOn30June_AndNewPointsInUnitsThatTookOverItsCommunes()
    {
        using var district = await app.ClientAsync("demo-district");
        var area = (await district.GetAsync<MeResponse>("/api/v1/me")).AreaCode;
        Assert.Equal(3, area.Length);
        var today = app.Today;
        // A unit of today that took over communes of the demo area and of another former district (a divided or shared one).
        var links = app.WithDb(db => db.AdminUnitSuccessions.Where(s => s.EffectiveOn == AdminUnit.TwoTierSince
                && s.Predecessor.Level == AdminLevel.Commune)
            .Select(s => new { Successor = s.Successor.Code, District = s.Predecessor.ParentCode! }).ToList());
        var successors = links.Where(l => l.District == area).Select(l => l.Successor).Distinct().Order().ToList();
        Assert.NotEmpty(successors);
        var shared = links.Where(l => successors.Contains(l.Successor) && l.District != area).OrderBy(l => l.Successor).FirstOrDefault();
        var foreign = links.Where(l => !successors.Contains(l.Successor)).Select(l => l.Successor).Order().First();

        using var admin = await app.ClientAsync("demo-admin");
        async Task<int> CreateAsync(string commune)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/points", Api.PointBody(NetworkBuilders.UniqueCode("AR"), commune), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("point").GetProperty("id").GetInt32();
        }
        // Opened after 1 July 2025 in a successor unit: never in the district, in the area all the same.
        var inSuccessor = await CreateAsync(successors[^1]);
        var elsewhere = await CreateAsync(foreign);
        var demoPoint = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);
        var wasThere = app.WithDb(db => db.PointCommunes.Where(PointCommune.ValidOn(AdminUnit.LastThreeTierDay))
            .Any(l => l.ServicePointId == demoPoint && db.AdminUnits.Where(AdminUnit.ValidOn(AdminUnit.LastThreeTierDay))
                .Any(u => u.Code == l.CommuneCode && u.ParentCode == area)));
        Assert.True(wasThere);

        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/points/{demoPoint}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/points/{inSuccessor}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/points/{elsewhere}", Ct)).StatusCode);
        var listed = (await district.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=500")).Items.Select(p => p.Id).ToList();
        Assert.Contains(inSuccessor, listed);
        Assert.DoesNotContain(elsewhere, listed);

        // A unit that took communes of two former districts is in both areas.
        if (shared is not null)
        {
            var both = await CreateAsync(shared.Successor);
            var userName = $"area-{shared.District}";
            var saved = await app.WithScopeAsync(sp => sp.GetRequiredService<SaveUser>().HandleAsync(null, new UserInput
            {
                UserName = userName, FullName = "Trịnh Văn K", Role = AppRole.District, ScopeKind = ScopeKind.District,
                AreaCode = shared.District, Password = BookpostApp.Password,
            }, UserScope.System, Ct));
            Assert.True(saved.IsOk, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
            using var neighbour = await app.ClientAsync(userName);
            Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync($"/api/v1/points/{both}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/points/{both}", Ct)).StatusCode);
        }
        Assert.Equal(today, app.Today);
    }

    [DbFact]
    public async Task Header_NamesTheFormerDistrictForAnAreaUser_AndTheCommuneForACommuneUser()
    {
        var (area, commune) = app.WithDb(db =>
        {
            var a = db.Users.Single(u => u.UserName == "demo-district").ScopeAreaCode;
            var c = db.Users.Single(u => u.UserName == "demo-commune").ScopeAreaCode;
            return (db.AdminUnits.Where(AdminUnit.ValidOn(AdminUnit.LastThreeTierDay)).Single(u => u.Code == a).Name,
                db.AdminUnits.Where(AdminUnit.ValidOn(app.Today)).Single(u => u.Code == c).Name);
        });
        using var districtPage = await PageClient.SignInAsync(app, "demo-district");
        var html = System.Net.WebUtility.HtmlDecode(await districtPage.GetStringAsync("/Network/Points", Ct));
        Assert.Contains("Khu vực (huyện cũ) · " + area, html);
        using var communePage = await PageClient.SignInAsync(app, "demo-commune");
        html = System.Net.WebUtility.HtmlDecode(await communePage.GetStringAsync("/Network/Points", Ct));
        Assert.Contains("Phòng VH-XH xã · " + commune, html);
        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        html = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/Users", Ct));
        Assert.Contains($"Khu vực (huyện cũ): {area}", html);
        Assert.Contains($"Phòng VH-XH xã", html);
    }
}

public sealed class AreaAndCommuneScopeTestsOnSqlite(SqliteApp app) : AreaAndCommuneScopeTests(app), IClassFixture<SqliteApp>;

public sealed class AreaAndCommuneScopeTestsOnPostgres(PostgresApp app) : AreaAndCommuneScopeTests(app), IClassFixture<PostgresApp>;
