using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Tests.Features.Reports;

/// The columns a table gets and the groups each point counts towards, at each grouping level: one group a point, so the
/// columns of any map add up to the total.
public sealed class PointGroupingTests
{
    private static readonly MapUnit s_city = new("380", "Thành phố Thanh Hóa");
    private static readonly MapUnit s_dongSon = new("405", "Huyện Đông Sơn");
    private static readonly MappedPoint[] s_points =
    [
        new(1, "Điểm Một", s_city, s_city, new("14758", "Phường Hàm Rồng")),
        new(2, "Điểm Hai", s_city, s_city, new("14797", "Phường Hạc Thành")),
        new(3, "Điểm Ba", s_dongSon, s_city, new("14797", "Phường Hạc Thành")),
        new(4, "Điểm Bốn", null, null, null),
    ];

    private static PointGrouping Of(GroupLevel level) => PointGrouping.Of(s_points, level, "Chưa xác định", n => $"Khu vực {n}");

    [Fact]
    public void District_EachPointCountsTowardsItsDistrictAndTheTotal()
    {
        var grouping = Of(GroupLevel.District);
        Assert.Equal(["380", PointGrouping.TotalKey], grouping.GroupsOf[1]);
        Assert.Equal(["405", PointGrouping.TotalKey], grouping.GroupsOf[3]);
        Assert.Equal("Huyện Đông Sơn", grouping.Columns["405"]);
    }

    [Fact]
    public void Area_NamedKhuVucAfterTheFormerDistrict()
    {
        var grouping = Of(GroupLevel.Area);
        Assert.Equal(["380", PointGrouping.TotalKey], grouping.GroupsOf[3]);
        Assert.Equal("Khu vực Thành phố Thanh Hóa", grouping.Columns["380"]);
    }

    [Fact]
    public void Commune_PointsOfOneCommuneShareAColumn()
    {
        var grouping = Of(GroupLevel.Commune);
        Assert.Equal(grouping.GroupsOf[2], grouping.GroupsOf[3]);
        Assert.Equal("Phường Hạc Thành", grouping.Columns["14797"]);
    }

    [Theory]
    [InlineData(GroupLevel.District)]
    [InlineData(GroupLevel.Area)]
    [InlineData(GroupLevel.Commune)]
    public void APointNoMapPlaces_CountsInTheNotPlacedColumn_AndEveryPointInExactlyOneGroup(GroupLevel level)
    {
        var grouping = Of(level);
        Assert.Equal([PointGrouping.UnknownKey, PointGrouping.TotalKey], grouping.GroupsOf[4]);
        Assert.Equal("Chưa xác định", grouping.Columns[PointGrouping.UnknownKey]);
        Assert.All(s_points, p => Assert.Equal(2, grouping.GroupsOf[p.Id].Length));
    }

    [Fact]
    public void Point_EachPointIsItsOwnColumn_NamedAfterIt()
    {
        var grouping = Of(GroupLevel.Point);
        Assert.Equal(["2", PointGrouping.TotalKey], grouping.GroupsOf[2]);
        Assert.Equal("Điểm Hai", grouping.Columns["2"]);
        Assert.Equal(4, grouping.Columns.Count);
    }

    [Fact]
    public void Province_OnlyTheTotal()
    {
        var province = Of(GroupLevel.Province);
        Assert.All(s_points, p => Assert.Equal([PointGrouping.TotalKey], province.GroupsOf[p.Id]));
        Assert.Empty(province.Columns);
    }
}
