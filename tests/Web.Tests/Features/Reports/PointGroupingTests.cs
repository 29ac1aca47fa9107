using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Tests.Features.Reports;

/// The columns a table gets and the groups each point counts towards, at each grouping level.
public sealed class PointGroupingTests
{
    private static readonly MappedPoint[] s_points = [new(1, "Điểm Một", "380"), new(2, "Điểm Hai", "380"), new(3, "Điểm Ba", "405")];
    private static readonly Dictionary<string, string> s_names = new() { ["380"] = "Thành phố Thanh Hóa", ["405"] = "Huyện Đông Sơn" };

    [Fact]
    public void District_EachPointCountsTowardsItsDistrictAndTheTotal()
    {
        var grouping = PointGrouping.Of(s_points, GroupLevel.District, s_names);
        Assert.Equal(["380", PointGrouping.TotalKey], grouping.GroupsOf[1]);
        Assert.Equal(["405", PointGrouping.TotalKey], grouping.GroupsOf[3]);
        Assert.Equal(s_names, grouping.Columns);
    }

    [Fact]
    public void Point_EachPointIsItsOwnColumn_NamedAfterIt()
    {
        var grouping = PointGrouping.Of(s_points, GroupLevel.Point, s_names);
        Assert.Equal(["2", PointGrouping.TotalKey], grouping.GroupsOf[2]);
        Assert.Equal("Điểm Hai", grouping.Columns["2"]);
        Assert.Equal(3, grouping.Columns.Count);
    }

    [Fact]
    public void Province_OnlyTheTotal_AndADistrictWithoutANameShowsItsCode()
    {
        var province = PointGrouping.Of(s_points, GroupLevel.Province, s_names);
        Assert.All(s_points, p => Assert.Equal([PointGrouping.TotalKey], province.GroupsOf[p.Id]));
        Assert.Empty(province.Columns);
        var unnamed = PointGrouping.Of([new MappedPoint(9, "Điểm Chín", "999")], GroupLevel.District, s_names);
        Assert.Equal("999", unnamed.Columns["999"]);
    }
}
