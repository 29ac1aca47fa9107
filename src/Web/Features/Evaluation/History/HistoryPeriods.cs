using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.History;

/// The periods of the programme's history. A year of history is a Decree 09 year (15/12 of the year before to 14/12),
/// except that nothing is older than the programme: its first year starts on the programme's first day, so a report
/// "since 2013" (from 01/01/2013) holds the whole of 2013's return.
public static class HistoryPeriods
{
    /// The first year the programme ran (the books-and-newspapers programme started in 2013).
    public const int FirstYear = 2013;

    public static readonly DateOnly ProgrammeStart = new(FirstYear, 1, 1);

    public static Period Year(int year, int cutoffDay)
    {
        var p = ReportingPeriods.Resolve(PeriodKind.Year, year, 1, calendar: false, cutoffDay);
        return p.From < ProgrammeStart ? p with { From = ProgrammeStart } : p;
    }

    public static Period Month(int year, int month, int cutoffDay) =>
        ReportingPeriods.Resolve(PeriodKind.Month, year, month, calendar: false, cutoffDay);
}
