using System.Globalization;
using Bookpost.Web.Features.Evaluation.Dashboard;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Evaluation.Completeness.Pages;

/// Completeness and timeliness of the points' returns for a period: the rates per area with a bar chart, the map coloured
/// by reporting status, and the late and missing points. It asks the API's handler, so both refuse the same things alike.
[ReadsFromReplica]
public sealed class CompletenessModel(CompletenessService service, GetPointMap maps, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)] public CompletenessQuery Query { get; set; } = new();

    public CompletenessReport? Report { get; private set; }
    public string? ChartSvg { get; private set; }
    public MapImage? Map { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public ReturnForm SelectedForm => ReturnForms.Find(Query.Form) ?? ReturnForms.Monthly;

    public string ExportQuery => string.Join('&', Request.Query.Where(q => q.Key != "Query.Format")
        .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        // The period's kind follows the form: the selector names no kind, so a yearly form is not asked for a month.
        var result = await service.HandleAsync(Query with { Format = null }, scope, ct);
        if (!result.IsOk)
        {
            Errors = result.Errors;
            return Page();
        }
        Report = result.Value!;
        if (Query.Format == CompletenessService.Xlsx)
            return File(CompletenessService.ToXlsx(Report, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                CompletenessService.FileName(Report));
        // A chart of one bar, or of bars all at zero, says nothing the figures above do not.
        var rows = Report.Rows;
        if (rows.Count > 1 && rows.Any(r => r.Reported > 0))
            ChartSvg = PageCharts.Svg(new ChartSpec(text["Completeness.ChartTitle"], rows.Select(r => r.Name).ToList(),
        [
            new ChartSeries(text["Completeness.ReportingRate"], rows.Select(r => (double)(r.ReportingRate ?? 0)).ToList()),
            new ChartSeries(text["Completeness.OnTimeRate"], rows.Select(r => (double)(r.OnTimeRate ?? 0)).ToList()),
        ], ChartKind.Bars, "%"), 720, rows.Count > 6 ? 420 : 340);
        Map = await maps.DrawStatusAsync(scope, Report, ct);
        return Page();
    }

    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// The level the selector shows: the one asked for, else the one the report was grouped by.
    public bool LevelSelected(Bookpost.Web.Features.Reports.GroupLevel level) =>
        string.Equals(Query.Level ?? Report?.Level.ToString(), level.ToString(), StringComparison.OrdinalIgnoreCase);

    public static string Rate(decimal? v) => v is null ? "–" : v.Value.ToString("N1", CultureInfo.CurrentCulture) + " %";
}
