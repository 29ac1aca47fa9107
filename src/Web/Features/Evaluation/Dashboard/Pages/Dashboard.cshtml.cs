using System.Globalization;
using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Dashboard.Pages;

/// The province dashboard: the figures that matter this period against the same period last year, the twelve months'
/// trend, the comparison by area, who the public computers served, the map, and how complete last month's returns are.
[ReadsFromReplica]
public sealed class DashboardModel(DashboardService service, GetPointMap maps, IOptions<DashboardOptions> options, Text text) : PageModel
{
    /// What the map may be coloured by: an indicator's value in the period, or last month's reporting status.
    public static readonly (string Value, string Label)[] Colours =
    [
        (DashboardService.Loans, "Dashboard.Figure.circulation.loans"), (DashboardService.Visits, "Dashboard.Figure.circulation.visits"),
        (DashboardService.Sessions, "Dashboard.Figure.access.sessions"), (StatusColour, "Dashboard.ColourStatus"),
    ];

    public const string StatusColour = "status";

    [BindProperty(SupportsGet = true)] public DashboardQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Colour { get; set; }

    public DashboardReport? Report { get; private set; }
    public string? TrendSvg { get; private set; }
    public string? AreaSvg { get; private set; }
    public string? ServedSvg { get; private set; }
    public MapImage? Map { get; private set; }
    public string? TileLink { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string SelectedColour => Colours.Any(c => c.Value == Colour) ? Colour! : DashboardService.Loans;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var result = await service.HandleAsync(Query, scope, ct);
        if (!result.IsOk)
        {
            Errors = result.Errors;
            return Page();
        }
        var r = Report = result.Value!;
        if (r.Trend.Series.Count > 0)
            TrendSvg = PageCharts.Svg(new ChartSpec(text["Dashboard.TrendTitle"], r.Trend.Months.Select(m => m[..3] + m[^2..]).ToList(),
                r.Trend.Series.Select(s => new ChartSeries(s.Name, s.Values.Select(v => (double)(v ?? 0)).ToList())).ToList(),
                ChartKind.Lines), 720, 340);
        if (r.ByArea.Names.Count > 1)
            AreaSvg = PageCharts.Svg(new ChartSpec(text.Format("Dashboard.AreaTitle", text.Enum(r.ByArea.Level)),
                r.ByArea.Names.Select(ShortName).ToList(),
                r.ByArea.Series.Select(s => new ChartSeries(s.Name, s.Values.Select(v => (double)(v ?? 0)).ToList())).ToList(),
                ChartKind.Bars), 720, r.ByArea.Names.Count > 6 ? 440 : 340);
        if (r.Served.Count > 0)
            ServedSvg = PageCharts.Svg(new ChartSpec(text["Dashboard.ServedTitle"], r.Served.Select(s => s.Name).ToList(),
                [new ChartSeries(text["Dashboard.Figure.access.sessions"], r.Served.Select(s => (double)s.Value).ToList())],
                ChartKind.Bars), 720, 320);
        var mapQuery = SelectedColour == StatusColour ? new MapQuery(Status: "true")
            : new MapQuery(Code: SelectedColour, Period: r.Period.ToString(), Year: r.Year, Number: r.Number);
        var map = await maps.HandleAsync(mapQuery, scope, ct);
        if (map.IsOk)
        {
            Map = map.Value!;
            TileLink = options.Value.TileLink(Map.CentreLat, Map.CentreLon);
        }
        return Page();
    }

    /// A group's name as a chart's axis can hold it: an area without the words "Khu vực" and "Huyện" every label repeats.
    private string ShortName(string name)
    {
        var format = text["Reports.AreaColumn"];
        var prefix = format[..Math.Max(0, format.IndexOf("{0}", StringComparison.Ordinal))];
        if (prefix.Length > 0 && name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        foreach (var (from, to) in new[] { ("Huyện ", ""), ("Thành phố ", "TP "), ("Thị xã ", "TX "), ("District ", "") })
            if (name.StartsWith(from, StringComparison.Ordinal)) return to + name[from.Length..];
        return name;
    }

    public static string Show(decimal? v) => v is null ? "–"
        : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N1", CultureInfo.CurrentCulture);

    public static string Change(decimal? v) => v is null ? "—"
        : (v.Value > 0 ? "+" : "") + v.Value.ToString("N1", CultureInfo.CurrentCulture) + " %";
}
