using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Reports.Pages;

/// The generic indicator page: any period (Decree 09 or calendar, or explicit dates), grouped by district or point
/// within the caller's scope, on the map of the period or today's; the same table downloads as XLSX.
public sealed class IndicatorsModel(IndicatorService service, IOptions<ReportsOptions> options, TimeProvider clock, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)] public IndicatorQuery Query { get; set; } = new();
    public IndicatorTable? Table { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<Indicator> Catalogue => service.Catalogue;
    public string ExportQuery => string.Join('&',
        Request.Query.Where(q => q.Key != "Query.Format" && q.Key != "format")
        .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var errors = new FieldErrors();
        var period = GetIndicatorValues.ResolvePeriod(Query, options.Value.CutoffDay, today, errors, text);
        Errors = errors.ToDictionary();
        if (period is null) return Page();
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var codes = (Query.Codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(c => Catalogue.Any(i => i.Code == c)).ToList();
        Table = await service.ComputeAsync(UserScope.FromPrincipal(User)!, period.Value, Query.Level ?? GroupLevel.District,
            Query.TodaysMap ?? false, codes, english, ct);
        if (Query.Format == "xlsx")
            return File(IndicatorService.ToXlsx(Table, english), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"chi-tieu-{period.Value.From:yyyyMMdd}-{period.Value.To:yyyyMMdd}.xlsx");
        return Page();
    }

    public static string Show(decimal? v) => v is null ? "–"
        : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N2", CultureInfo.CurrentCulture);
}
