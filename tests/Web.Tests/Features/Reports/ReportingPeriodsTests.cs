using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Tests.Features.Reports;

public sealed class ReportingPeriodsTests
{
    private static (string, string) Show(Period p) => (p.From.ToString("dd/MM/yyyy"), p.To.ToString("dd/MM/yyyy"));

    [Theory]
    // Decree 09/2019/NĐ-CP: month = 15th of the previous month to the 14th; the year = 15/12 of the year before to 14/12.
    [InlineData(PeriodKind.Month, 2026, 1, "15/12/2025", "14/01/2026")]
    [InlineData(PeriodKind.Month, 2026, 3, "15/02/2026", "14/03/2026")]
    [InlineData(PeriodKind.Quarter, 2026, 1, "15/12/2025", "14/03/2026")]
    [InlineData(PeriodKind.Quarter, 2026, 4, "15/09/2026", "14/12/2026")]
    [InlineData(PeriodKind.HalfYear, 2026, 1, "15/12/2025", "14/06/2026")]
    [InlineData(PeriodKind.HalfYear, 2026, 2, "15/06/2026", "14/12/2026")]
    [InlineData(PeriodKind.NineMonths, 2026, 1, "15/12/2025", "14/09/2026")]
    [InlineData(PeriodKind.Year, 2026, 1, "15/12/2025", "14/12/2026")]
    public void Resolve_Decree09CutOffs(PeriodKind kind, int year, int number, string from, string to) =>
        Assert.Equal((from, to), Show(ReportingPeriods.Resolve(kind, year, number, calendar: false, cutoffDay: 14)));

    [Theory]
    [InlineData(PeriodKind.Month, 2024, 2, "01/02/2024", "29/02/2024")]
    [InlineData(PeriodKind.Quarter, 2026, 3, "01/07/2026", "30/09/2026")]
    [InlineData(PeriodKind.Year, 2026, 1, "01/01/2026", "31/12/2026")]
    public void Resolve_CalendarPeriods(PeriodKind kind, int year, int number, string from, string to) =>
        Assert.Equal((from, to), Show(ReportingPeriods.Resolve(kind, year, number, calendar: true, cutoffDay: 14)));

    [Fact]
    public void Resolve_TheCutOffDayIsASetting()
    {
        Assert.Equal(("21/12/2025", "20/12/2026"), Show(ReportingPeriods.Resolve(PeriodKind.Year, 2026, 1, false, 20)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriods.Resolve(PeriodKind.Month, 2026, 13, false, 14));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriods.Resolve(PeriodKind.Quarter, 2026, 0, false, 14));
    }

    [Fact]
    public void Containing_FindsThePeriodOfADay_AcrossTheYearEnd()
    {
        // 20/12/2026 is already in the 2027 reporting year.
        Assert.Equal((2027, 1), ReportingPeriods.Containing(PeriodKind.Month, new DateOnly(2026, 12, 20), false, 14));
        Assert.Equal((2026, 12), ReportingPeriods.Containing(PeriodKind.Month, new DateOnly(2026, 12, 14), false, 14));
        Assert.Equal((2026, 4), ReportingPeriods.Containing(PeriodKind.Quarter, new DateOnly(2026, 11, 27), false, 14));
        Assert.Equal((2026, 12), ReportingPeriods.Containing(PeriodKind.Month, new DateOnly(2026, 12, 20), true, 14));
        // Every day of a year falls in exactly the period Containing names.
        for (var day = new DateOnly(2025, 12, 15); day <= new DateOnly(2026, 12, 14); day = day.AddDays(1))
        {
            var (y, n) = ReportingPeriods.Containing(PeriodKind.Month, day, false, 14);
            Assert.True(ReportingPeriods.Resolve(PeriodKind.Month, y, n, false, 14).Contains(day), day.ToString("O"));
        }
    }
}
