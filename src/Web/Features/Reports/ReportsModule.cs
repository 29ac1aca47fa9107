using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Reports;

public static class ReportsModule
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddScoped<IndicatorService>();
        s.AddScoped<ListIndicators>();
        s.AddScoped<GetIndicatorValues>();
        return builder;
    }

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/indicators", (ListIndicators handler) => TypedResults.Ok(handler.Handle()))
            .WithName("ListIndicators")
            .WithSummary("Danh mục chỉ tiêu / The indicators every feature publishes")
            .RequireScope(ScopeRule.ReferenceData);
        reports.MapGet("/indicator-values", ValuesAsync)
            .WithName("GetIndicatorValues")
            .ReadsFromReplica()
            .WithSummary("Giá trị chỉ tiêu theo kỳ (Nghị định 09/2019), nhóm theo huyện/khu vực/xã/điểm trên bản đồ của một ngày "
                + "(map), trong phạm vi; format=xlsx; compare=quarters|lastYear (các kỳ cạnh nhau, % thay đổi); "
                + "orientation=auto|groups|indicators (bố cục XLSX) / Indicator values; compare puts periods side by side")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    private static async Task<Results<Ok<IndicatorTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ValuesAsync(
        [AsParameters] IndicatorQuery query, UserScope scope, GetIndicatorValues handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(query, scope, ct);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        if (!result.IsOk) return ApiResults.Problem(result);
        if (query.Format != GetIndicatorValues.Xlsx) return TypedResults.Ok(result.Value!);
        var (content, contentType, name) = GetIndicatorValues.ToFile(result.Value!, query.Orientation);
        return TypedResults.File(content, contentType, name);
    }
}
