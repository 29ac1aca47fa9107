using System.ComponentModel.DataAnnotations;

namespace Bookpost.Web.Features.Reports;

public enum PeriodKind { Month, Quarter, HalfYear, NineMonths, Year, Custom }

public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// The last day of a reporting month. Decree 09/2019/NĐ-CP sets the 14th; a province may set its own.
    [Range(1, 28)]
    public int CutoffDay { get; set; } = 14;
}

/// A reporting period: its first and last day, both included, in Vietnam's calendar.
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public DateTime FromUtc => VnTime.StartOfDayUtc(From);
    public DateTime ToUtcExclusive => VnTime.StartOfDayUtc(To.AddDays(1));
    public bool Contains(DateOnly day) => From <= day && day <= To;
}

/// The one rule for reporting periods. Under Decree 09/2019/NĐ-CP a month runs from the day after the cut-off in the
/// previous month to the cut-off day (15th to 14th), a quarter ends on the cut-off of its last month, the 6- and
/// 9-month periods end on 14/6 and 14/9, and the year runs from 15/12 of the previous year to 14/12. Calendar periods
/// (1st to last day) are the same shapes without the shift.
public static class ReportingPeriods
{
    public static Period Resolve(PeriodKind kind, int year, int number, bool calendar, int cutoffDay)
    {
        if (kind == PeriodKind.Custom) throw new ArgumentException("A custom period has explicit dates.", nameof(kind));
        if (year is < 1900 or > 9998) throw new ArgumentOutOfRangeException(nameof(year));
        var (firstMonth, months) = kind switch
        {
            PeriodKind.Month when number is >= 1 and <= 12 => (number, 1),
            PeriodKind.Quarter when number is >= 1 and <= 4 => ((number - 1) * 3 + 1, 3),
            PeriodKind.HalfYear when number is 1 or 2 => ((number - 1) * 6 + 1, 6),
            PeriodKind.NineMonths => (1, 9),
            PeriodKind.Year => (1, 12),
            _ => throw new ArgumentOutOfRangeException(nameof(number)),
        };
        var start = new DateOnly(year, firstMonth, 1);
        var lastMonth = start.AddMonths(months - 1);
        if (calendar) return new Period(start, lastMonth.AddMonths(1).AddDays(-1));
        var cutoff = Math.Clamp(cutoffDay, 1, 28);
        var previous = start.AddMonths(-1);
        return new Period(new DateOnly(previous.Year, previous.Month, cutoff).AddDays(1),
            new DateOnly(lastMonth.Year, lastMonth.Month, cutoff));
    }

    /// The number of a kind's period that contains the day, in the year the period is reported under.
    public static (int Year, int Number) Containing(PeriodKind kind, DateOnly day, bool calendar, int cutoffDay)
    {
        var shifted = calendar || day.Day <= cutoffDay ? day : day.AddMonths(1);
        var month = shifted.Month;
        return kind switch
        {
            PeriodKind.Month => (shifted.Year, month),
            PeriodKind.Quarter => (shifted.Year, (month - 1) / 3 + 1),
            PeriodKind.HalfYear => (shifted.Year, month <= 6 ? 1 : 2),
            _ => (shifted.Year, 1),
        };
    }
}
