using Bookpost.Web.Features.Access;

namespace Bookpost.Web.Tests.Features.Portal;

/// The time ranges OpeningSchedule keeps for the point page's "open now", next to the hours and days it always read.
public sealed class OpeningScheduleTests
{
    /// A Monday, so days of the week are plain to read in the cases.
    private static readonly DateTime Monday = new(2026, 12, 7);

    private static DateTime At(DayOfWeek day, int hour, int minute = 0) =>
        Monday.AddDays(((int)day + 6) % 7).AddHours(hour).AddMinutes(minute);

    [Fact]
    public void TwoRanges_MondayToSaturday()
    {
        var s = OpeningSchedule.Read("7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)");
        Assert.Equal(["7:00–11:30", "13:30–17:00"], s.Ranges.Select(r => r.ToString()));
        Assert.Equal(8m, s.HoursPerDay);
        Assert.True(s.DaysRead);
        Assert.True(s.IsOpenAt(At(DayOfWeek.Monday, 9)));
        Assert.True(s.IsOpenAt(At(DayOfWeek.Saturday, 7)));
        Assert.False(s.IsOpenAt(At(DayOfWeek.Monday, 11, 30)));
        Assert.False(s.IsOpenAt(At(DayOfWeek.Monday, 12)));
        Assert.False(s.IsOpenAt(At(DayOfWeek.Sunday, 9)));
        Assert.Equal(At(DayOfWeek.Monday, 11, 30), s.NextChange(At(DayOfWeek.Monday, 9)));
        Assert.Equal(At(DayOfWeek.Monday, 13, 30), s.NextChange(At(DayOfWeek.Monday, 12)));
        Assert.Equal(At(DayOfWeek.Monday, 7), s.NextChange(At(DayOfWeek.Monday, 5)));
        // Saturday evening: closed through Sunday, opens again on Monday (the next week's).
        Assert.Equal(At(DayOfWeek.Monday, 7).AddDays(7), s.NextChange(At(DayOfWeek.Saturday, 18)));
        Assert.Equal(At(DayOfWeek.Monday, 7).AddDays(7), s.NextChange(At(DayOfWeek.Sunday, 10)));
    }

    [Theory]
    [InlineData("8:00-17:00, T2-CN", 7)]
    [InlineData("7 giờ 00 – 11 giờ 00 hằng ngày", 7)]
    [InlineData("Sáng 7h-11h, chiều 14h-17h, thứ hai - thứ sáu", 5)]
    [InlineData("7h–17h (thứ Hai – thứ Bảy)", 6)]
    public void Days_AreRead(string text, int days)
    {
        var s = OpeningSchedule.Read(text);
        Assert.True(s.DaysRead);
        Assert.Equal(days, s.Days.Count);
        Assert.NotEmpty(s.Ranges);
    }

    [Fact]
    public void EveryDay_OpenOnSunday()
    {
        var s = OpeningSchedule.Read("7 giờ 00 – 11 giờ 00 hằng ngày");
        Assert.Equal(["7:00–11:00"], s.Ranges.Select(r => r.ToString()));
        Assert.True(s.IsOpenAt(At(DayOfWeek.Sunday, 10)));
        Assert.Equal(At(DayOfWeek.Sunday, 11), s.NextChange(At(DayOfWeek.Sunday, 10)));
    }

    [Fact]
    public void WeekdaysOnly_FridayEveningOpensMonday()
    {
        var s = OpeningSchedule.Read("Sáng 7h-11h, chiều 14h-17h, thứ hai - thứ sáu");
        Assert.False(s.Days.Contains(DayOfWeek.Saturday));
        Assert.Equal(At(DayOfWeek.Monday, 7).AddDays(7), s.NextChange(At(DayOfWeek.Friday, 17)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("theo giờ hành chính")]
    [InlineData("25h-99h")]
    [InlineData("22h–6h")]
    public void Unreadable_DefaultHours_NoTimes(string? text)
    {
        var s = OpeningSchedule.Read(text);
        Assert.Equal(OpeningSchedule.DefaultHours, s.HoursPerDay);
        Assert.Equal(OpeningSchedule.Default.Days, s.Days);
        Assert.Empty(s.Ranges);
        // Nobody can say whether it is open: the page says to phone, never "open".
        Assert.Null(s.IsOpenAt(At(DayOfWeek.Monday, 9)));
        Assert.Null(s.NextChange(At(DayOfWeek.Monday, 9)));
    }

    [Fact]
    public void OverlappingRanges_HoursAsBefore_NoTimes()
    {
        var s = OpeningSchedule.Read("7h-17h, 8h-12h");
        Assert.Equal(14m, s.HoursPerDay);
        Assert.Empty(s.Ranges);
    }

    [Fact]
    public void OvernightNonsense_IsDropped_TheRestKept()
    {
        // "22h–6h" is not a range within a day: ignored, as the hours always were; the real range stays.
        var s = OpeningSchedule.Read("7h–11h, 22h–6h");
        Assert.Equal(4m, s.HoursPerDay);
        Assert.Equal(["7:00–11:00"], s.Ranges.Select(r => r.ToString()));
    }

    [Fact]
    public void AllDay_OpenAroundTheClock_NeverCloses()
    {
        var s = OpeningSchedule.Read("0h00–24h00 hằng ngày");
        Assert.Equal(24m, s.HoursPerDay);
        Assert.Equal(["0:00–24:00"], s.Ranges.Select(r => r.ToString()));
        Assert.True(s.IsOpenAt(At(DayOfWeek.Sunday, 0)));
        Assert.True(s.IsOpenAt(At(DayOfWeek.Sunday, 23, 59)));
        Assert.Null(s.NextChange(At(DayOfWeek.Wednesday, 3)));
    }

    [Fact]
    public void AllDay_OnWeekdays_ClosesAtSaturdayMidnight()
    {
        var s = OpeningSchedule.Read("0h–24h (thứ Hai – thứ Sáu)");
        Assert.Equal(At(DayOfWeek.Saturday, 0), s.NextChange(At(DayOfWeek.Tuesday, 10)));
        Assert.Equal(At(DayOfWeek.Monday, 0).AddDays(7), s.NextChange(At(DayOfWeek.Saturday, 10)));
    }
}
