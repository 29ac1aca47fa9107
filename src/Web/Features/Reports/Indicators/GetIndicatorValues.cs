using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Reports;

/// The query of the indicator page and API: a period by kind and number (or explicit dates), a grouping level
/// (Province, District, Area, Commune, Point), and the map that groups the points: `period` (the map of the period's last
/// day, the default), `today`, or a day (yyyy-MM-dd). `todaysMap=true` is the first version's way to say `map=today`.
/// Level and map are read as text so that a wrong value gets the same field error as every other mistake.
/// `compare=quarters` adds the four quarters of the period's year side by side, `compare=lastYear` the period against the
/// same days a year earlier, each with the change in percent; `orientation=auto|groups|indicators` lays out the XLSX.
public sealed record IndicatorQuery(PeriodKind? Period = null, int? Year = null, int? Number = null, bool? Calendar = null,
    DateOnly? From = null, DateOnly? To = null, string? Level = null, string? Map = null, bool? TodaysMap = null,
    string? Codes = null, string? Format = null, string? Compare = null, string? Orientation = null);

/// Indicator values for a period, grouped by district, area, commune or point on the map of a day, within the caller's
/// scope. Every field of the query is checked here, so the API and the page refuse the same things with the same
/// localized messages.
public sealed class GetIndicatorValues(IndicatorService service, IOptions<ReportsOptions> options, TimeProvider clock, Text text)
{
    public const string Xlsx = "xlsx";

    public async Task<Result<IndicatorTable>> HandleAsync(IndicatorQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.Today();
        var period = ResolvePeriod(query, options.Value.CutoffDay, today, errors, text);
        if (query.Format is not (null or "" or "json" or Xlsx)) errors.Add("format", text["Reports.Format"]);
        var codes = SplitCodes(query.Codes);
        var unknown = codes.Where(c => service.Catalogue.All(i => i.Code != c)).ToList();
        if (unknown.Count > 0) errors.Add("codes", text.Format("Reports.UnknownIndicator", string.Join(", ", unknown)));
        var map = ResolveMap(query, today, errors, text);
        var level = errors.Choice<GroupLevel>("level", query.Level, text);
        var compare = Choose<PeriodComparison>(errors, "compare", query.Compare, "Reports.CompareValue");
        var orientation = Choose<TableOrientation>(errors, "orientation", query.Orientation, "Reports.OrientationValue");
        if (period is null || map is null || errors.Any) return errors.ToResult<IndicatorTable>();

        // District columns exist only on a map that has districts; elsewhere the former districts are areas.
        var mapDay = map.DayFor(period.Value, today);
        var hasDistricts = await service.MapHasDistrictsAsync(mapDay, ct);
        if (level == GroupLevel.District && !hasDistricts)
        {
            errors.Add("level", text.Format("Reports.NoDistrictsOnMap", VnTime.Show(mapDay)));
            return errors.ToResult<IndicatorTable>();
        }
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var table = await service.ComputeAsync(scope, period.Value, level ?? DefaultLevel(scope, hasDistricts), map,
            codes, english, ct);
        if (compare is { } kind)
            table = table with
            {
                Comparison = await service.CompareAsync(scope, period.Value, kind, query.Calendar ?? false, options.Value.CutoffDay,
                    map, codes, english, ct),
            };
        return table;
    }

    /// One of an enum's names in any case, or the field's own message naming the field and its values.
    private T? Choose<T>(FieldErrors errors, string field, string? value, string message) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var scratch = new FieldErrors();
        if (scratch.Choice<T>(field, value, text) is { } parsed) return parsed;
        errors.Add(field, text.Format(message, value.Length > 40 ? value[..40] + "…" : value));
        return null;
    }

    /// Reads the map: "period" or nothing, "today", or a day written yyyy-MM-dd between 1900 and today (no map of a day
    /// to come is known). The old flag todaysMap=true means today when no map is named.
    public static ReportMap? ResolveMap(IndicatorQuery q, DateOnly today, FieldErrors errors, Text text)
    {
        var value = q.Map?.Trim();
        if (string.IsNullOrEmpty(value)) return q.TodaysMap == true ? ReportMap.OfToday : ReportMap.OfPeriod;
        if (value.Equals(ReportMap.PeriodName, StringComparison.OrdinalIgnoreCase)) return ReportMap.OfPeriod;
        if (value.Equals(ReportMap.TodayName, StringComparison.OrdinalIgnoreCase)) return ReportMap.OfToday;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year < 1900)
        {
            errors.Add("map", text["Reports.MapValue"]);
            return null;
        }
        if (day > today)
        {
            errors.Add("map", text.Format("Reports.MapFuture", VnTime.Show(today)));
            return null;
        }
        return new ReportMap(ReportMap.Kind.Day, day);
    }

    /// The XLSX file of a computed table, named after its period.
    public static (byte[] Content, string ContentType, string Name) ToFile(IndicatorTable table, string? orientation = null)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var layout = Enum.TryParse<TableOrientation>(orientation, ignoreCase: true, out var o) ? o : TableOrientation.Indicators;
        return (IndicatorService.ToXlsx(table, english, layout), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"chi-tieu-{table.Period.From:yyyyMMdd}-{table.Period.To:yyyyMMdd}.xlsx");
    }

    public static string[] SplitCodes(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// Turns a query into a period, or field errors.
    public static Period? ResolvePeriod(IndicatorQuery q, int cutoffDay, DateOnly today, FieldErrors errors, Text text)
    {
        var kind = q.Period ?? PeriodKind.Year;
        if (kind == PeriodKind.Custom)
        {
            if (q.From is null || q.To is null || q.To < q.From)
            {
                errors.Add("from", text["Reports.CustomDates"]);
                return null;
            }
            if (q.To.Value.DayNumber - q.From.Value.DayNumber > 3660)
            {
                errors.Add("to", text["Reports.RangeTooLong"]);
                return null;
            }
            return new Period(q.From.Value, q.To.Value);
        }
        var calendar = q.Calendar ?? false;
        var (year, number) = ReportingPeriods.Containing(kind, today, calendar, cutoffDay);
        year = q.Year ?? year;
        number = q.Number ?? number;
        try
        {
            return ReportingPeriods.Resolve(kind, year, number, calendar, cutoffDay);
        }
        catch (ArgumentOutOfRangeException)
        {
            errors.Add("number", text["Reports.PeriodNumber"]);
            return null;
        }
    }

    /// With no level asked for: a commune's own office reads its commune; others their districts where the map has
    /// them, and the former districts' areas on the two-tier map.
    public static GroupLevel DefaultLevel(UserScope scope, bool hasDistricts) =>
        scope.Area == AreaLevel.Commune ? GroupLevel.Commune : hasDistricts ? GroupLevel.District : GroupLevel.Area;
}
