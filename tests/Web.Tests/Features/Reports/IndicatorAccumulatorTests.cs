using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Tests.Features.Reports;

/// How per-point facts fold into per-group values, for each aggregation. Plain unit tests: no app, no database.
public sealed class IndicatorAccumulatorTests
{
    private const string Total = PointGrouping.TotalKey;

    // Points 1 and 2 are in district A, point 3 in district B; point 4 is outside the caller's scope.
    private static readonly Dictionary<int, string[]> s_groups = new()
    {
        [1] = ["A", Total],
        [2] = ["A", Total],
        [3] = ["B", Total],
    };

    private static readonly Indicator s_sum = new("t.sum", "Test", "Tổng", "Sum", "lượt", "times", Aggregation.Sum);
    private static readonly Indicator s_distinct = new("t.distinct", "Test", "Khác nhau", "Distinct", "đầu sách", "titles",
        Aggregation.Distinct);
    private static readonly Indicator s_mean = new("t.mean", "Test", "Trung bình", "Mean", "ngày", "days", Aggregation.Mean);
    private static readonly Indicator s_percent = new("t.percent", "Test", "Tỷ lệ", "Share", "%", "%", Aggregation.Percent);
    private static readonly Indicator[] s_all = [s_sum, s_distinct, s_mean, s_percent];

    private static IndicatorAccumulator Accumulator(params string[] codes) =>
        new(new IndicatorRequest(new Period(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), s_groups, codes.ToHashSet()));

    private static decimal? Value(IReadOnlyList<IndicatorValue> values, string code, string group, string? breakdown = null) =>
        values.SingleOrDefault(v => v.Code == code && v.Group == group && v.Breakdown == breakdown)?.Value;

    [Fact]
    public void Sum_AddsUpPerGroup_AndIgnoresPointsOutOfScope()
    {
        var acc = Accumulator();
        acc.Add("t.sum", 1, 2);
        acc.Add("t.sum", 2, 3);
        acc.Add("t.sum", 3, 5);
        acc.Add("t.sum", 4, 100);
        var values = acc.Results(s_all);
        Assert.Equal(5, Value(values, "t.sum", "A"));
        Assert.Equal(5, Value(values, "t.sum", "B"));
        Assert.Equal(10, Value(values, "t.sum", Total));
    }

    [Fact]
    public void Distinct_CountsAThingOncePerGroup_HoweverManyPointsHadIt()
    {
        var acc = Accumulator();
        acc.AddDistinct("t.distinct", 1, 42);
        acc.AddDistinct("t.distinct", 2, 42);
        acc.AddDistinct("t.distinct", 2, 43);
        acc.AddDistinct("t.distinct", 3, 42);
        var values = acc.Results(s_all);
        Assert.Equal(2, Value(values, "t.distinct", "A"));
        Assert.Equal(1, Value(values, "t.distinct", "B"));
        Assert.Equal(2, Value(values, "t.distinct", Total));
    }

    [Fact]
    public void Mean_IsWeightedByTheNumberOfEvents_NotByPoint()
    {
        var acc = Accumulator();
        acc.Add("t.mean", 1, 1);
        acc.Add("t.mean", 1, 2);
        acc.Add("t.mean", 2, 6);
        acc.Add("t.mean", 3, 4);
        var values = acc.Results(s_all);
        Assert.Equal(3, Value(values, "t.mean", "A"));
        Assert.Equal(4, Value(values, "t.mean", "B"));
        Assert.Equal(3.25m, Value(values, "t.mean", Total));
    }

    [Fact]
    public void Percent_AddsPartsAndWholesSeparately_AndLeavesOutAGroupWithNoWhole()
    {
        var acc = Accumulator();
        acc.AddRatio("t.percent", 1, 1, 4);
        acc.AddRatio("t.percent", 2, 2, 4);
        acc.AddRatio("t.percent", 3, 0, 0);
        var values = acc.Results(s_all);
        Assert.Equal(37.5m, Value(values, "t.percent", "A"));
        Assert.Null(Value(values, "t.percent", "B"));
        Assert.Equal(37.5m, Value(values, "t.percent", Total));
    }

    [Fact]
    public void Breakdown_GivesEachCategory_AndTheirTotalOnTheIndicatorsOwnRow()
    {
        var acc = Accumulator();
        acc.Add("t.sum", 1, 2, "Female");
        acc.Add("t.sum", 2, 3, "Male");
        acc.Add("t.sum", 3, 4, "Female");
        var values = acc.Results(s_all);
        Assert.Equal(2, Value(values, "t.sum", "A", "Female"));
        Assert.Equal(3, Value(values, "t.sum", "A", "Male"));
        Assert.Equal(5, Value(values, "t.sum", "A"));
        Assert.Equal(6, Value(values, "t.sum", Total, "Female"));
        Assert.Equal(9, Value(values, "t.sum", Total));
        Assert.Null(Value(values, "t.sum", "B", "Male"));
    }

    [Fact]
    public void APointInTwoGroups_CountsInFullInEach()
    {
        var acc = Accumulator();
        acc.Add("t.sum", 1, 7);
        acc.AddDistinct("t.distinct", 1, 9);
        var values = acc.Results(s_all);
        Assert.Equal(7, Value(values, "t.sum", "A"));
        Assert.Equal(7, Value(values, "t.sum", Total));
        Assert.Equal(1, Value(values, "t.distinct", "A"));
        Assert.Equal(1, Value(values, "t.distinct", Total));
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void Wants_AllCodesWhenNoneAsked_OtherwiseOnlyThoseAsked()
    {
        Assert.True(Accumulator().Wants("t.sum"));
        Assert.True(Accumulator("t.sum").Wants("t.sum"));
        Assert.False(Accumulator("t.sum").Wants("t.mean"));
    }
}
