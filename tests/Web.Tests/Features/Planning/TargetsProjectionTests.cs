using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Tests.Features.Planning;

/// The arithmetic of targets, checked by hand: the pace projection, the percent reached each way, and the flag.
public sealed class TargetsProjectionTests
{
    // Decree 09 year 2018: 15/12/2017 – 14/12/2018, 365 days.
    private static readonly Period Year2018 = ReportingPeriods.Resolve(PeriodKind.Year, 2018, 1, false, 14);

    [Fact]
    public void Project_AdditiveHalfwayThrough_DoublesTheValueSoFar()
    {
        Assert.Equal(new DateOnly(2017, 12, 15), Year2018.From);
        Assert.Equal(365, Year2018.To.DayNumber - Year2018.From.DayNumber + 1);
        // 73 days elapsed (15/12/2017 .. 25/02/2018, both included) out of 365: a fifth of the year.
        var day = Year2018.From.AddDays(72);
        Assert.Equal(500m, TargetMath.Project(Year2018, day, 100m));
        // The first day: one day's pace times the whole year.
        Assert.Equal(365m * 3, TargetMath.Project(Year2018, Year2018.From, 3m));
        // Rounded to two decimals: 10 × 365 / 3 = 1216.666…
        Assert.Equal(1216.67m, TargetMath.Project(Year2018, Year2018.From.AddDays(2), 10m));
    }

    [Fact]
    public void Project_PeriodOver_IsTheValue()
    {
        Assert.Equal(42m, TargetMath.Project(Year2018, Year2018.To, 42m));
        Assert.Equal(42m, TargetMath.Project(Year2018, Year2018.To.AddYears(3), 42m));
    }

    [Fact]
    public void Standing_BeforeThePeriod_HasNoActualAndNoFlag()
    {
        var s = TargetMath.Standing(Year2018, Year2018.From.AddDays(-1), 10m, true, 100m, TargetDirection.AtLeast);
        Assert.Equal(new TargetStanding(null, null, null, false), s);
    }

    [Fact]
    public void Standing_AdditiveBehindPace_IsFlagged_AndOnPaceIsNot()
    {
        var fifth = Year2018.From.AddDays(72);
        // 100 so far → 500 at the end: short of 600, enough for 500.
        var behind = TargetMath.Standing(Year2018, fifth, 100m, true, 600m, TargetDirection.AtLeast);
        Assert.Equal(500m, behind.Projected);
        Assert.Equal(16.7m, behind.Percent);
        Assert.True(behind.Behind);
        var onPace = TargetMath.Standing(Year2018, fifth, 100m, true, 500m, TargetDirection.AtLeast);
        Assert.False(onPace.Behind);
        Assert.Equal(20m, onPace.Percent);
    }

    [Fact]
    public void Standing_RatiosAndStocks_ProjectTheCurrentValue()
    {
        var fifth = Year2018.From.AddDays(72);
        // Computers working 85 % against ≥ 90 %: the projection is 85, short.
        var share = TargetMath.Standing(Year2018, fifth, 85m, false, 90m, TargetDirection.AtLeast);
        Assert.Equal(85m, share.Projected);
        Assert.Equal(94.4m, share.Percent);
        Assert.True(share.Behind);
        Assert.False(TargetMath.Standing(Year2018, fifth, 92.5m, false, 90m, TargetDirection.AtLeast).Behind);
    }

    [Fact]
    public void Standing_Ceiling_FlagsAProjectionOverIt()
    {
        var fifth = Year2018.From.AddDays(72);
        // Days closed ≤ 10: 3 so far projects to 15, over the ceiling; the percent stays 100 while the actual is under it.
        var closed = TargetMath.Standing(Year2018, fifth, 3m, true, 10m, TargetDirection.AtMost);
        Assert.Equal(15m, closed.Projected);
        Assert.Equal(100m, closed.Percent);
        Assert.True(closed.Behind);
        // A finished year with 20 days closed against ≤ 10: half reached, missed.
        var over = TargetMath.Standing(Year2018, Year2018.To.AddDays(1), 20m, true, 10m, TargetDirection.AtMost);
        Assert.Equal(50m, over.Percent);
        Assert.True(over.Behind);
        Assert.False(TargetMath.Standing(Year2018, Year2018.To.AddDays(1), 10m, true, 10m, TargetDirection.AtMost).Behind);
    }

    [Fact]
    public void Percent_ZeroTargets_NeverDivideByZero()
    {
        Assert.Equal(100m, TargetMath.Percent(0m, 0m, TargetDirection.AtLeast));
        Assert.Equal(100m, TargetMath.Percent(5m, 0m, TargetDirection.AtLeast));
        Assert.Equal(100m, TargetMath.Percent(0m, 0m, TargetDirection.AtMost));
        Assert.Equal(0m, TargetMath.Percent(3m, 0m, TargetDirection.AtMost));
        Assert.Equal(150m, TargetMath.Percent(150m, 100m, TargetDirection.AtLeast));
    }

    [Fact]
    public void Standing_NoFigure_AfterTheStart_IsNotFlagged()
    {
        var s = TargetMath.Standing(Year2018, Year2018.From.AddDays(10), null, false, 90m, TargetDirection.AtLeast);
        Assert.Equal(new TargetStanding(null, null, null, false), s);
    }

    [Fact]
    public void IsAdditive_OnlyFlowSums()
    {
        Indicator Make(Aggregation a) => new("x", "f", "x", "x", "u", "u", a);
        Assert.True(TargetMath.IsAdditive(Make(Aggregation.Sum)));
        Assert.False(TargetMath.IsAdditive(Make(Aggregation.Sum) with { Stock = true }));
        Assert.False(TargetMath.IsAdditive(Make(Aggregation.Percent)));
        Assert.False(TargetMath.IsAdditive(Make(Aggregation.Distinct)));
        Assert.False(TargetMath.IsAdditive(Make(Aggregation.Mean)));
        Assert.False(TargetMath.IsAdditive(Make(Aggregation.Sum) with { Of = new RatioOf("a", "b") }));
    }
}

/// The targets table of the plan's documents and the standing words.
public sealed class TargetsTableTests
{
    [Fact]
    public void Of_PrintsEveryRow_WithItsStandingInWords()
    {
        var text = new Bookpost.Web.Infrastructure.Localization.Text();
        var today = new DateOnly(2018, 6, 1);
        TargetRow Row(int id, DateOnly from, DateOnly to, decimal? actual, bool behind) => new(id, "circulation.visits", "Lượt khách",
            "lượt", "16378", "Xã Thử", "Năm 2018", from, to, 1000m, TargetDirection.AtLeast, actual, actual / 10, actual, behind, null);
        var rows = new[]
        {
            Row(1, new DateOnly(2017, 12, 15), new DateOnly(2018, 12, 14), 100m, true),
            Row(2, new DateOnly(2016, 12, 15), new DateOnly(2017, 12, 14), 1200m, false),
            Row(3, new DateOnly(2018, 12, 15), new DateOnly(2019, 12, 14), null, false),
        };
        var table = TargetTable.Of(rows, text, today);
        Assert.Equal(9, table.Headers.Count);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("Chậm tiến độ", table.Rows[0][8]);
        Assert.Equal("Đạt", table.Rows[1][8]);
        Assert.Equal("Chưa đến kỳ", table.Rows[2][8]);
        Assert.Equal("Chưa đến kỳ", table.Rows[2][5]);
        Assert.All(table.Rows, r => Assert.Equal(9, r.Count));
    }
}
