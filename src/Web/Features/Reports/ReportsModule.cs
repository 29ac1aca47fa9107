using System.Globalization;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Reports;

public sealed record IndicatorDto(string Code, string Feature, string Name, string Unit, Aggregation Aggregation, string? Breakdown);

/// The query of the indicator page and API: a period by kind and number (or explicit dates), a grouping level,
/// and whether to group by today's map.
public sealed record IndicatorQuery(PeriodKind? Period = null, int? Year = null, int? Number = null, bool? Calendar = null, DateOnly? From = null, DateOnly? To = null,
    GroupLevel? Level = null, bool? TodaysMap = null, string? Codes = null, string? Format = null);

public static class ReportsModule
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<IndicatorService>();
        return builder;
    }

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("Reports");
        g.MapGet("/indicators", (IndicatorService service) =>
            {
                var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
                return TypedResults.Ok(service.Catalogue.Select(i => new IndicatorDto(i.Code, i.Feature, i.Name(english), i.Unit(english), i.Aggregation,
                    english ? i.BreakdownEn : i.BreakdownVi)).ToList());
            })
            .WithName("ListIndicators").WithSummary("Danh mục chỉ tiêu / The indicators every feature publishes").RequireScope(ScopeRule.ReferenceData);
        g.MapGet("/indicator-values", ValuesAsync)
            .WithName("GetIndicatorValues")
            .WithSummary("Giá trị chỉ tiêu theo kỳ (Nghị định 09/2019) và huyện/điểm, trong phạm vi; format=xlsx / Indicator values")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    /// Turns a query into a period, or field errors.
    public static Period? ResolvePeriod(IndicatorQuery q, int cutoffDay, DateOnly today, Dictionary<string, string[]> errors, Text text)
    {
        var kind = q.Period ?? PeriodKind.Year;
        if (kind == PeriodKind.Custom)
        {
            if (q.From is null || q.To is null || q.To < q.From) { errors["from"] = [text["Reports.CustomDates"]]; return null; }
            if (q.To.Value.DayNumber - q.From.Value.DayNumber > 3660) { errors["to"] = [text["Reports.RangeTooLong"]]; return null; }
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
            errors["number"] = [text["Reports.PeriodNumber"]];
            return null;
        }
    }

    private static async Task<IResult> ValuesAsync([AsParameters] IndicatorQuery query, UserScope scope, IndicatorService service, IOptions<ReportsOptions> options,
        TimeProvider clock, Text text, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var period = ResolvePeriod(query, options.Value.CutoffDay, Infrastructure.VnTime.Today(clock), errors, text);
        if (query.Format is not (null or "" or "json" or "xlsx")) errors["format"] = ["json | xlsx"];
        if (period is null || errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var codes = (query.Codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = codes.Where(c => service.Catalogue.All(i => i.Code != c)).ToList();
        if (unknown.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["codes"] = [text.Format("Reports.UnknownIndicator", string.Join(", ", unknown))] });
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var table = await service.ComputeAsync(scope, period.Value, query.Level ?? GroupLevel.District, query.TodaysMap ?? false, codes, english, ct);
        if (query.Format == "xlsx")
            return TypedResults.File(IndicatorService.ToXlsx(table, english), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"chi-tieu-{period.Value.From:yyyyMMdd}-{period.Value.To:yyyyMMdd}.xlsx");
        return TypedResults.Ok(table);
    }
}
