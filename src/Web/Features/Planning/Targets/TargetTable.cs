using System.Globalization;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Planning.Targets;

/// The targets as the plan's documents print them, and the word for a row's standing that the page shows as well.
public static class TargetTable
{
    /// The strings key of a row's standing on a day: not started, no figures yet, met or missed (a period over), on track
    /// or behind ("chậm tiến độ").
    public static string StandingKey(TargetRow r, DateOnly today) =>
        r.From > today ? "Targets.NotStarted"
        : r.Actual is null ? "Targets.NoFigures"
        : r.To < today ? (r.Behind ? "Targets.Missed" : "Targets.Met")
        : r.Behind ? "Targets.Behind" : "Targets.OnTrack";

    /// The targets table of a plan's DOCX/PDF: TT, indicator, unit, period, target, actual, percent, projection, standing.
    public static OfficialTable Of(IReadOnlyList<TargetRow> rows, Text text, DateOnly today)
    {
        // Official documents print Vietnamese figures (1.234,5) whatever the reader's UI language.
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        string Num(decimal? v) => v is null ? "–" : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N2", culture);
        var lines = rows.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            r.Note is null ? r.Indicator : $"{r.Indicator} ({r.Note})",
            r.UnitName,
            r.Period,
            $"{(r.Direction == TargetDirection.AtMost ? "≤" : "≥")} {Num(r.Target)}{(r.Measure is null ? "" : " " + r.Measure)}",
            r.From > today ? text["Targets.NotStartedShort"] : Num(r.Actual),
            r.Percent is null ? "–" : r.Percent.Value.ToString("N1", culture) + " %",
            r.To < today ? "–" : Num(r.Projected),
            text[StandingKey(r, today)],
        ]).ToList();
        return new OfficialTable(text["Targets.Title"],
            [text["Targets.No"], text["Targets.Indicator"], text["Targets.Unit"], text["Targets.Period"], text["Targets.Target"],
                text["Targets.Actual"], text["Targets.Percent"], text["Targets.Projected"], text["Targets.Standing"]],
            lines, new HashSet<int> { 0, 4, 5, 6, 7 });
    }
}
