using Bookpost.Web.Data;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Network;

/// Network's answer to Reports: where each point stood on the map of a day, by its commune history. Rừng Thông (16378)
/// belonged to Đông Sơn district (405) until Đông Sơn merged into Thanh Hóa city (380) on 1 January 2025, and went whole
/// into Phường Đông Sơn (the code 16378 again, another unit) on 1 July 2025. Phường Đông Thọ (14758) was divided between
/// Phường Hàm Rồng (which kept the code 14758) and Phường Hạc Thành (14797).
public abstract class PointGroupsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly s_eve = new(2025, 6, 30);

    private Task<IReadOnlyList<MappedPoint>> OnMapOf(DateOnly day, UserScope? scope = null) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IPointGroups>().PointsAsync(scope ?? UserScope.System, day, Ct));

    [DbFact]
    public async Task PointsAsync_CommuneThatChangedDistrict_GroupsByTheDistrictOfThatDay()
    {
        var point = app.AddPointSince("16378", new DateOnly(2020, 3, 1), name: "Điểm Rừng Thông");
        var before = (await OnMapOf(new DateOnly(2024, 6, 30))).Single(p => p.Id == point.Id);
        var after = (await OnMapOf(s_eve)).Single(p => p.Id == point.Id);
        Assert.Equal(new MapUnit("405", "Huyện Đông Sơn"), before.District);
        Assert.Equal("380", after.District?.Code);
        Assert.Equal("Điểm Rừng Thông", after.Name);
        Assert.Equal("Thị trấn Rừng Thông", before.Commune?.Name);
        Assert.Equal("Phường Rừng Thông", after.Commune?.Name);

        // Grouped for a table of each period, the point lands in a different column.
        Assert.Equal(["405", PointGrouping.TotalKey], PointGrouping.Of([before], GroupLevel.District, "?").GroupsOf[point.Id]);
        Assert.Equal(["380", PointGrouping.TotalKey], PointGrouping.Of([after], GroupLevel.District, "?").GroupsOf[point.Id]);

        // Today the same code is another unit, under no district; the point's area stays the district of 30/06/2025.
        var today = (await OnMapOf(app.Today)).Single(p => p.Id == point.Id);
        Assert.Equal(new MapUnit("16378", "Phường Đông Sơn"), today.Commune);
        Assert.Null(today.District);
        Assert.Equal("380", today.Area?.Code);
        Assert.Equal("380", before.Area?.Code);
    }

    [DbFact]
    public async Task PointsAsync_DividedCommune_TheSameCodeIsAnotherUnitOnEachSide()
    {
        var point = app.AddPointSince("14758", new DateOnly(2018, 1, 1), name: "Điểm Đông Thọ");
        var eve = (await OnMapOf(s_eve)).Single(p => p.Id == point.Id);
        var today = (await OnMapOf(app.Today)).Single(p => p.Id == point.Id);
        Assert.Equal(new MapUnit("14758", "Phường Đông Thọ"), eve.Commune);
        Assert.Equal("380", eve.District?.Code);
        Assert.Contains(today.Commune?.Name, new[] { "Phường Hàm Rồng", "Phường Hạc Thành" });
        Assert.Equal(eve.Area, today.Area);
    }

    [DbFact]
    public async Task PointsAsync_PointOpenedAfterTheReform_IsPlacedOnTheOldMapThroughItsCommunesPredecessors()
    {
        // Phường Hạc Thành (14797) was made of communes of Thanh Hóa city only: its area is that city.
        var point = app.AddPointSince("14797", new DateOnly(2025, 9, 1), name: "Điểm Hạc Thành mới");
        var eve = (await OnMapOf(s_eve)).Single(p => p.Id == point.Id);
        Assert.Equal("380", eve.Area?.Code);
        Assert.Equal("380", eve.District?.Code);
        Assert.NotNull(eve.Commune);
        Assert.NotEqual("Phường Hạc Thành", eve.Commune.Name);
        var today = (await OnMapOf(app.Today)).Single(p => p.Id == point.Id);
        Assert.Equal(new MapUnit("14797", "Phường Hạc Thành"), today.Commune);

    }

    [DbFact]
    public async Task PointsAsync_AfterAUnitOrAPointsCommuneIsSaved_ReadsTheChangeNotTheKeptMap()
    {
        // The map is kept in memory between calls (AdminMapCache): an edit saved in the process must show at once.
        var point = app.AddPointSince("16378", new DateOnly(2020, 3, 1), name: "Điểm bản đồ giữ lại");
        Assert.Equal("Phường Đông Sơn", (await OnMapOf(app.Today)).Single(p => p.Id == point.Id).Commune?.Name);
        var renamed = await Rename("16378", "Phường Đông Sơn (đổi tên)");
        try
        {
            Assert.Equal("Phường Đông Sơn (đổi tên)", (await OnMapOf(app.Today)).Single(p => p.Id == point.Id).Commune?.Name);
        }
        finally
        {
            await Rename("16378", renamed);
        }
        Assert.Equal("Phường Đông Sơn", (await OnMapOf(app.Today)).Single(p => p.Id == point.Id).Commune?.Name);

        // The point's commune history, saved like any edit, moves it on the next read.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var row in db.PointCommunes.Where(l => l.ServicePointId == point.Id)) row.CommuneCode = "14797";
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal("Phường Hạc Thành", (await OnMapOf(app.Today)).Single(p => p.Id == point.Id).Commune?.Name);
    }

    /// Renames the commune version valid today under a code; returns its former name.
    private Task<string> Rename(string code, string name) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var today = app.Today;
        var unit = db.AdminUnits.Where(u => u.Code == code && u.Level == Bookpost.Web.Features.Network.AdminLevel.Commune)
            .AsEnumerable().Single(u => (u.ValidFrom is null || u.ValidFrom <= today) && (u.ValidTo is null || u.ValidTo > today));
        var before = unit.Name;
        unit.Name = name;
        await db.SaveChangesAsync(Ct);
        return before;
    });

    [DbFact]
    public async Task PointsAsync_OnlyThePointsTheCallerMaySee()
    {
        var point = app.AddPoint("16378");
        var own = new UserScope("u", "u", AppRole.Point, ScopeKind.Point, AreaLevel.PointOnly, "16378", point.Id);
        var seen = await OnMapOf(app.Today, own);
        Assert.Equal(point.Id, Assert.Single(seen).Id);
    }

    [DbFact]
    public async Task HasDistrictsAsync_OnlyOnTheThreeTierMap()
    {
        var groups = (IServiceProvider sp) => sp.GetRequiredService<IPointGroups>();
        Assert.True(await app.WithScopeAsync(sp => groups(sp).HasDistrictsAsync(s_eve, Ct)));
        Assert.False(await app.WithScopeAsync(sp => groups(sp).HasDistrictsAsync(s_eve.AddDays(1), Ct)));
        Assert.False(await app.WithScopeAsync(sp => groups(sp).HasDistrictsAsync(app.Today, Ct)));
    }
}

public sealed class PointGroupsTestsOnSqlite(SqliteApp app) : PointGroupsTests(app), IClassFixture<SqliteApp>;

public sealed class PointGroupsTestsOnPostgres(PostgresApp app) : PointGroupsTests(app), IClassFixture<PostgresApp>;
