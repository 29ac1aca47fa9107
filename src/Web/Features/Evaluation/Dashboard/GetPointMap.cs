using System.Globalization;
using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// What the map is coloured by: an indicator's value per point in a period (`code`, by default loans), or the reporting
/// status of a form's returns (`status=true` for the monthly return, or a form's code) for one of its periods.
public sealed record MapQuery(string? Code = null, string? Status = null, string? Period = null, int? Year = null,
    int? Number = null);

public sealed class GetPointMap(AppDbContext db, IndicatorService indicators, CompletenessService completeness, PointMap map,
    IOptions<ReportsOptions> reports, TimeProvider clock, Text text)
{
    public const string DefaultCode = "circulation.loans";

    public async Task<Result<MapImage>> HandleAsync(MapQuery query, UserScope scope, CancellationToken ct)
    {
        var status = query.Status?.Trim();
        if (!string.IsNullOrEmpty(status) && !status.Equals("false", StringComparison.OrdinalIgnoreCase) && status != "0")
            return await ByStatusAsync(query, status, scope, ct);

        var errors = new FieldErrors();
        var today = clock.Today();
        var code = string.IsNullOrWhiteSpace(query.Code) ? DefaultCode : query.Code.Trim();
        var indicator = indicators.Catalogue.FirstOrDefault(i => i.Code == code);
        if (indicator is null)
            errors.Add("code", text.Format("Reports.UnknownIndicator", code.Length > 40 ? code[..40] + "…" : code));
        var period = DashboardPeriod.Resolve(query.Period, query.Year, query.Number, reports.Value.CutoffDay, today, errors, text);
        if (indicator is null || period is null || errors.Any) return errors.ToResult<MapImage>();

        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var points = await PointPresence.OpenDuringAsync(db, scope, today, period.Days, null, ct);
        var table = await indicators.ComputeAsync(scope, period.Days, GroupLevel.Point, ReportMap.OfPeriod, [code], english, ct);
        var row = table.Rows.FirstOrDefault(r => r.Code == code && r.Breakdown is null);
        var values = new Dictionary<int, decimal?>();
        for (var c = 0; c < table.Columns.Count; c++)
            if (int.TryParse(table.Columns[c].Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                values[id] = row?.Values[c];
        var known = points.Select(p => values.GetValueOrDefault(p.Id)).OfType<decimal>().ToList();
        var breaks = PointMap.Breaks(known);
        var unit = indicator.Unit(english);
        var marks = points.Select(p =>
        {
            var v = values.GetValueOrDefault(p.Id);
            var color = v is { } value && breaks.Count > 0 ? PointMap.ColorOf(PointMap.ClassOf(value, breaks), breaks.Count)
                : PointMap.StatusColors["NotExpected"];
            return new MapMark(p.Id, p.Name, p.Latitude, p.Longitude, p.CommuneCode, color,
                $"{p.Name} ({p.Code}): {Show(v)} {unit}");
        }).ToList();
        var legend = new List<MapLegendClass>();
        for (var i = 0; i < breaks.Count; i++)
        {
            var low = i == 0 ? known.Min() : breaks[i - 1];
            // Whole counts read best as ranges of whole numbers ("6–10"); other values say where a class starts ("> 2,5–4").
            var whole = known.All(v => v == Math.Round(v));
            var from = i == 0 ? Show(low) : whole ? Show(low + 1) : $"> {Show(low)}";
            var label = from == Show(breaks[i]) ? from : $"{from}–{Show(breaks[i])}";
            legend.Add(new MapLegendClass(PointMap.ColorOf(i, breaks.Count), $"{label} {unit}",
                known.Count(v => PointMap.ClassOf(v, breaks) == i)));
        }
        var title = text.Format("Dashboard.MapTitleIndicator", indicator.Name(english), VnTime.Show(period.Days.From),
            VnTime.Show(period.Days.To));
        return await map.DrawAsync(scope, marks, legend, title, ct);
    }

    private async Task<Result<MapImage>> ByStatusAsync(MapQuery query, string status, UserScope scope, CancellationToken ct)
    {
        var form = status.Equals("true", StringComparison.OrdinalIgnoreCase) || status == "1" ? ReturnForms.MonthlyCode : status;
        var result = await completeness.HandleAsync(new CompletenessQuery(form, query.Period, query.Year, query.Number,
            nameof(GroupLevel.Province)), scope, ct);
        if (!result.IsOk)
        {
            // The form is named by `status` here: its error belongs to that field.
            var errors = result.Errors.ToDictionary(e => e.Key == "form" ? "status" : e.Key, e => e.Value);
            return Result<MapImage>.Invalid(errors);
        }
        var report = result.Value!;
        return await DrawStatusAsync(scope, report, ct);
    }

    /// The points coloured by their reporting status in a completeness report; points from which no return was expected
    /// (closed, or of a kind that does not send the form) are drawn grey.
    public async Task<MapImage> DrawStatusAsync(UserScope scope, CompletenessReport report, CancellationToken ct)
    {
        var today = clock.Today();
        var points = await db.ServicePoints.VisibleTo(db, scope, today)
            .Select(p => new { p.Id, p.Code, p.Name, p.Latitude, p.Longitude, p.CommuneCode }).ToListAsync(ct);
        var counts = new Dictionary<string, int>();
        var marks = points.Select(p =>
        {
            var key = report.ByPoint.TryGetValue(p.Id, out var s) ? s.ToString() : "NotExpected";
            counts[key] = counts.GetValueOrDefault(key) + 1;
            var word = text[$"Dashboard.Status.{key}"];
            return new MapMark(p.Id, p.Name, p.Latitude, p.Longitude, p.CommuneCode, PointMap.StatusColors[key],
                $"{p.Name} ({p.Code}): {word}");
        }).ToList();
        var legend = PointMap.StatusColors.Where(c => counts.ContainsKey(c.Key))
            .Select(c => new MapLegendClass(c.Value, text[$"Dashboard.Status.{c.Key}"], counts[c.Key])).ToList();
        var title = text.Format("Dashboard.MapTitleStatus", report.FormName, VnTime.Show(report.From), VnTime.Show(report.To));
        return await map.DrawAsync(scope, marks, legend, title, ct);
    }

    private static string Show(decimal? v) => v is null ? "–"
        : v.Value.ToString(v.Value == Math.Round(v.Value) ? "N0" : "N1", CultureInfo.CurrentCulture);
}
