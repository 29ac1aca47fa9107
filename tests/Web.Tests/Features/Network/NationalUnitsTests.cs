using System.Net;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Features.Network.Units;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Network;

/// Setting Network:Provinces: which provinces a deployment loads, and what the 2025 province mergers do to a code.
public sealed class NationalPlanTests
{
    private static readonly NationalUnits.Lists s_lists = NationalUnits.LoadEmbedded();

    [Fact]
    public void TheWholeCountry_Is63ProvincesThen34()
    {
        var plan = NationalUnits.Resolve("*", s_lists);
        Assert.Equal(63, plan.OldProvinces.Count);
        Assert.Equal(34, plan.NewProvinces.Count);
        Assert.Equal(plan.OldProvinces, NationalUnits.Resolve("all", s_lists).OldProvinces);
    }

    [Theory]
    [InlineData("02", "02,08", "08")] // Hà Giang exists only on the old map: it went into Tuyên Quang (08)
    [InlineData("08", "02,08", "08")] // the new Tuyên Quang brings in the part that was Hà Giang
    [InlineData("38", "38", "38")] // Thanh Hóa kept its borders
    [InlineData("79, 38", "38,74,77,79", "38,79")] // Hồ Chí Minh City took Bình Dương (74) and Bà Rịa – Vũng Tàu (77)
    public void ACode_BringsInTheSameAreaOnBothMaps(string setting, string olds, string news)
    {
        var plan = NationalUnits.Resolve(setting, s_lists);
        Assert.Equal(olds, string.Join(",", plan.OldProvinces));
        Assert.Equal(news, string.Join(",", plan.NewProvinces));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("38,abc")]
    public void AnUnknownCode_StopsTheStart_NamingIt(string setting)
    {
        var e = Assert.Throws<InvalidOperationException>(() => NationalUnits.Resolve(setting, s_lists));
        Assert.Contains("Network:Provinces", e.Message, StringComparison.Ordinal);
        Assert.Contains(setting.Split(',')[^1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyThanhHoa_NeedsNoNationalList()
    {
        Assert.False(NationalUnits.NeedsLists("38"));
        Assert.True(NationalUnits.NeedsLists("38,02"));
        Assert.True(NationalUnits.NeedsLists("*"));
    }
}

/// A deployment of Thanh Hóa and Hà Giang: Hà Giang's units come from the national lists and, on 1 July 2025, close into
/// the new Tuyên Quang, while Thanh Hóa keeps its own history.
public abstract class NationalUnitsTests(BookpostApp app)
{
    private Task<HttpClient> Monitor() => app.ClientAsync("demo-monitor");

    [DbFact]
    public async Task HaGiang_HasItsDistrictsUntil30June_ThenIsPartOfTheNewTuyenQuang()
    {
        var client = await Monitor();
        var eve = await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=District&parent=02&asOf=2025-06-30");
        Assert.Equal(11, eve.Total);
        Assert.Equal(0, (await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?parent=02&asOf=2025-07-01")).Total);
        Assert.Equal(0, (await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?code=02&asOf=2025-07-01")).Total);

        var links = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?from=02&on=2025-07-01");
        var link = Assert.Single(links.Links);
        Assert.Equal(("08", "Tỉnh Tuyên Quang", SuccessionKind.Merge), (link.Successor.Code, link.Successor.Name, link.Kind));
        var into = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?to=08&on=2025-07-01");
        Assert.Equal(["02", "08"], into.Links.Select(l => l.Predecessor.Code).ToArray());
        // Code 08 names two provinces: the old Tuyên Quang until 30/06/2025 and the merged one from 01/07/2025.
        Assert.NotEqual(into.Links[1].Predecessor.Id, into.Unit.Id);

        var communes = await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=Commune&parent=08&pageSize=1");
        Assert.Equal(124, communes.Total);
        // The national list has no commune successions: Hà Giang's communes end without links.
        var commune = app.WithDb(db => db.AdminUnits.First(u => u.Level == AdminLevel.Commune && u.ValidTo == AdminUnit.TwoTierSince
            && db.AdminUnits.Any(d => d.Code == u.ParentCode && d.ParentCode == "02")).Code);
        Assert.Empty((await client.GetAsync<SuccessionsDto>($"/api/v1/admin-units/successions?from={commune}&on=2025-07-01")).Links);
    }

    [DbFact]
    public async Task ThanhHoa_KeepsItsWholeHistory()
    {
        var client = await Monitor();
        var before = await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=District&parent=38&asOf=2019-09-11");
        Assert.Equal(27, before.Total);
        Assert.Equal(166, (await client.GetAsync<PagedList<AdminUnitDto>>("/api/v1/admin-units?level=Commune&parent=38")).Total);
        var dongTho = await client.GetAsync<SuccessionsDto>("/api/v1/admin-units/successions?from=14758&on=2025-07-01");
        Assert.Equal(2, dongTho.Links.Count);
    }

    [DbFact]
    public async Task ASecondStart_ChangesNothing()
    {
        var before = app.WithDb(db => (db.AdminUnits.Count(), db.AdminUnitSuccessions.Count(), db.Organizations.Count()));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync(TestContext.Current.CancellationToken);
            return 0;
        });
        Assert.Equal(before, app.WithDb(db => (db.AdminUnits.Count(), db.AdminUnitSuccessions.Count(), db.Organizations.Count())));
    }
}

public sealed class SqliteAppThanhHoaAndHaGiang : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Network:Provinces", "38,02");
    }
}

public sealed class PostgresAppThanhHoaAndHaGiang : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Network:Provinces", "38,02");
    }
}

public sealed class NationalUnitsTestsOnSqlite(SqliteAppThanhHoaAndHaGiang app) : NationalUnitsTests(app),
    IClassFixture<SqliteAppThanhHoaAndHaGiang>;

public sealed class NationalUnitsTestsOnPostgres(PostgresAppThanhHoaAndHaGiang app) : NationalUnitsTests(app),
    IClassFixture<PostgresAppThanhHoaAndHaGiang>;
