using System.Globalization;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Reports.Pages;

/// The generic indicator page: any period (Decree 09 or calendar, or explicit dates), grouped by district, area of a
/// former district, commune or point within the caller's scope, on the map of the period's end, today's or a chosen
/// day's; the same table downloads as XLSX. It asks the API's handler, so both refuse the same things alike.
[ReadsFromReplica]
public sealed class IndicatorsModel(IndicatorService service, GetIndicatorValues handler, Text text) : PageModel
{
    /// The map selector's third choice: the day comes from <see cref="MapDay"/>.
    public const string DayChoice = "day";

    [BindProperty(SupportsGet = true)] public IndicatorQuery Query { get; set; } = new();

    /// The day of the map when the selector says "on a day…".
    [BindProperty(SupportsGet = true)] public DateOnly? MapDay { get; set; }

    /// Which page of groups (districts, areas, communes, points) the table shows; "groups", not "page", which Razor Pages
    /// keeps for the page's own path.
    [BindProperty(SupportsGet = true, Name = "groups")] public int? GroupPage { get; set; }

    public const int GroupsPerPage = 25;

    public IndicatorTable? Table { get; private set; }

    /// Groups as rows (the narrow layout) or indicators as rows, as asked or as the table's shape suggests.
    public bool GroupsAsRows { get; private set; }

    /// The group columns shown on this page (indexes into Table.Columns), the total always last.
    public IReadOnlyList<int> ShownColumns { get; private set; } = [];
    public int GroupCount { get; private set; }
    public int PageCount { get; private set; } = 1;
    public int CurrentPage { get; private set; } = 1;

    /// The query string of this table without its group page, for the pager's links.
    public string PagerQuery => string.Join('&', Request.Query.Where(q => q.Key != "groups")
        .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));
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
        var orientation = Enum.TryParse<TableOrientation>(Query.Orientation, true, out var o) ? o : TableOrientation.Auto;
        GroupsAsRows = IndicatorService.GroupsAsRows(Table, orientation);
        if (Query.Format == GetIndicatorValues.Xlsx)
        {
            var (content, contentType, name) = GetIndicatorValues.ToFile(Table, orientation.ToString());
            return File(content, contentType, name);
        }
        // 149 points do not fit any screen side by side: groups come 25 at a time, with the scope's total on every page.
        GroupCount = Table.Columns.Count - 1;
        PageCount = Math.Max(1, (GroupCount + GroupsPerPage - 1) / GroupsPerPage);
        CurrentPage = Math.Clamp(GroupPage ?? 1, 1, PageCount);
        var skip = (CurrentPage - 1) * GroupsPerPage;
        ShownColumns = Enumerable.Range(skip, Math.Min(GroupsPerPage, GroupCount - skip)).Append(Table.Columns.Count - 1).ToList();
        ChartSvg = OneIndicatorChart();
        return Page();
    }

    /// With one indicator asked for, its values by group on this page as bars (the total left out: it would dwarf them).
    public string? ChartSvg { get; private set; }

    private string? OneIndicatorChart()
    {
        if (Table is null || SplitCodes().Length != 1) return null;
        var row = Table.Rows.FirstOrDefault(r => r.Breakdown is null);
        var groups = ShownColumns.Where(c => c < Table.Columns.Count - 1).ToList();
        if (row is null || groups.Count < 2) return null;
        return Infrastructure.Documents.PageCharts.Svg(new Infrastructure.Documents.ChartSpec($"{row.Name} ({row.Unit})",
            groups.Select(c => Table.Columns[c].Name).ToList(),
            [new Infrastructure.Documents.ChartSeries(row.Name, groups.Select(c => (double)(row.Values[c] ?? 0)).ToList())]),
            720, groups.Count > 6 ? 420 : 340);
    }

    private string[] SplitCodes() => GetIndicatorValues.SplitCodes(Query.Codes);

    /// A change in percent with its sign; "—" where there is none (the period before was 0 or had no figure).
    public static string ShowChange(decimal? v) => v is null ? "—"
        : (v.Value > 0 ? "+" : "") + v.Value.ToString("N1", CultureInfo.CurrentCulture) + " %";

    public static string Show(decimal? v) => v is null ? "–"
        : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N2", CultureInfo.CurrentCulture);
}
