using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Features.Network;

/// Network's answer to Reports: where each point stood on the map of a day. Rừng Thông (16378) belonged to Đông Sơn
/// district (405) until Đông Sơn merged into Thanh Hóa city (380) on 1 January 2025.
public abstract class PointGroupsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<IReadOnlyList<MappedPoint>> OnMapOf(DateOnly day, UserScope? scope = null) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IPointGroups>().PointsAsync(scope ?? UserScope.System, day, Ct));

    [DbFact]
    public async Task PointsAsync_CommuneThatChangedDistrict_GroupsByTheDistrictOfThatDay()
    {
        var point = app.AddPoint("16378", name: "Điểm Rừng Thông");
        var before = (await OnMapOf(new DateOnly(2024, 6, 30))).Single(p => p.Id == point.Id);
        var after = (await OnMapOf(new DateOnly(2025, 6, 30))).Single(p => p.Id == point.Id);
        Assert.Equal("405", before.District);
        Assert.Equal("380", after.District);
        Assert.Equal("Điểm Rừng Thông", after.Name);

        // Grouped for a table of each period, the point lands in a different column.
        var names = await app.WithScopeAsync(sp => sp.GetRequiredService<IPointGroups>().DistrictNamesAsync(Ct));
        Assert.Equal(["405", PointGrouping.TotalKey], PointGrouping.Of([before], GroupLevel.District, names).GroupsOf[point.Id]);
        Assert.Equal(["380", PointGrouping.TotalKey], PointGrouping.Of([after], GroupLevel.District, names).GroupsOf[point.Id]);
        Assert.Equal("Huyện Đông Sơn", names["405"]);
    }

    [DbFact]
    public async Task PointsAsync_OnlyThePointsTheCallerMaySee()
    {
        var point = app.AddPoint("16378");
        var own = new UserScope("u", "u", AppRole.Point, ScopeKind.Point, AreaLevel.PointOnly, "16378", point.Id);
        var seen = await OnMapOf(app.Today, own);
        Assert.Equal(point.Id, Assert.Single(seen).Id);
    }
}

public sealed class PointGroupsTestsOnSqlite(SqliteApp app) : PointGroupsTests(app), IClassFixture<SqliteApp>;

public sealed class PointGroupsTestsOnPostgres(PostgresApp app) : PointGroupsTests(app), IClassFixture<PostgresApp>;
