using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// A Decree 09 period as the dashboard and the map read it: its kind, the year it is reported under, its number, its days.
public sealed record DashboardPeriod(PeriodKind Kind, int Year, int Number, Period Days)
{
    /// The kinds a person picks from on the dashboard (month, quarter, the first nine months, year; half-years too).
    public static readonly PeriodKind[] Kinds =
        [PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.NineMonths, PeriodKind.Year];

    /// Reads kind, year and number; with no kind the last month that has ended, with no year or number the last period of
    /// the kind that has ended (a dashboard read early in a month shows the month just closed, not a few days of a new one).
    public static DashboardPeriod? Resolve(string? kindText, int? year, int? number, int cutoffDay, DateOnly today,
        FieldErrors errors, Text text)
    {
        var kind = errors.Choice<PeriodKind>("period", kindText, text) ?? PeriodKind.Month;
        if (errors.Has("period")) return null;
        if (!Kinds.Contains(kind))
        {
            errors.Add("period", text.Format("Dashboard.PeriodValue", string.Join(", ", Kinds)));
            return null;
        }
        var (lastYear, lastNumber) = CompletenessService.LastEnded(kind, today, cutoffDay);
        var y = year ?? lastYear;
        var n = number ?? (year is null ? lastNumber : 1);
        if (y is < 2000 or > 2100)
        {
            errors.Add("year", text["Completeness.YearRange"]);
            return null;
        }
        // A year and the first nine months have one period each: its number is 1 (Resolve would take any).
        if (kind is PeriodKind.Year or PeriodKind.NineMonths && n != 1)
        {
            errors.Add("number", text["Reports.PeriodNumber"]);
            return null;
        }
        try
        {
            return new DashboardPeriod(kind, y, n, ReportingPeriods.Resolve(kind, y, n, false, cutoffDay));
        }
        catch (ArgumentOutOfRangeException)
        {
            errors.Add("number", text["Reports.PeriodNumber"]);
            return null;
        }
    }
}
