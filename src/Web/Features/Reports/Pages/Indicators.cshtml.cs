using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Reports.Pages;

/// The generic indicator page: any period (Decree 09 or calendar, or explicit dates), grouped by district, area of a
/// former district, commune or point within the caller's scope, on the map of the period's end, today's or a chosen
/// day's; the same table downloads as XLSX. It asks the API's handler, so both refuse the same things alike.
public sealed class IndicatorsModel(IndicatorService service, GetIndicatorValues handler, Text text) : PageModel
{
    /// The map selector's third choice: the day comes from <see cref="MapDay"/>.
    public const string DayChoice = "day";

    [BindProperty(SupportsGet = true)] public IndicatorQuery Query { get; set; } = new();

    /// The day of the map when the selector says "on a day…".
    [BindProperty(SupportsGet = true)] public DateOnly? MapDay { get; set; }

    public IndicatorTable? Table { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<Indicator> Catalogue => service.Catalogue;
    public string ExportQuery => string.Join('&',
        Request.Query.Where(q => q.Key != "Query.Format" && q.Key != "format")
        .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));

    /// What the map selector shows: period, today, or day (a date given either way).
    public string MapChoice => Query.Map?.Trim().ToLowerInvariant() switch
    {
        null or "" => Query.TodaysMap == true ? ReportMap.TodayName : ReportMap.PeriodName,
        ReportMap.PeriodName or ReportMap.TodayName or DayChoice => Query.Map.Trim().ToLowerInvariant(),
        _ => DayChoice,
    };

    /// The map selector's choices and their labels.
    public static readonly (string Value, string Label)[] MapChoices =
        [(ReportMap.PeriodName, "Reports.MapPeriod"), (ReportMap.TodayName, "Reports.MapToday"), (DayChoice, "Reports.MapDay")];

    /// The level the selector shows: the one asked for, else the one the table was grouped by.
    public bool LevelSelected(GroupLevel level) =>
        level.ToString().Equals(Query.Level ?? Table?.Level.ToString(), StringComparison.OrdinalIgnoreCase);

    /// The day shown in the map's date field.
    public string? MapDayValue => MapDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        ?? (MapChoice == DayChoice && Query.Map != DayChoice ? Query.Map : null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = Query with { Format = null };
        if (string.Equals(Query.Map?.Trim(), DayChoice, StringComparison.OrdinalIgnoreCase))
        {
            if (MapDay is null)
            {
                Errors = new Dictionary<string, string[]> { ["map"] = [text["Reports.MapDayMissing"]] };
                return Page();
            }
            query = query with { Map = MapDay.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        var result = await handler.HandleAsync(query, UserScope.FromPrincipal(User)!, ct);
        if (!result.IsOk)
        {
            Errors = result.Errors;
            return Page();
        }
        Table = result.Value!;
        if (Query.Format == GetIndicatorValues.Xlsx)
        {
            var (content, contentType, name) = GetIndicatorValues.ToFile(Table);
            return File(content, contentType, name);
        }
        return Page();
    }

    public static string Show(decimal? v) => v is null ? "–"
        : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N2", CultureInfo.CurrentCulture);
}
