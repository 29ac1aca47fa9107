using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// The Dashboard part's services and endpoints (under /api/v1/reports).
public static class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(EvaluationOptions.Section);
        services.AddScoped<PointMap>();
        services.AddScoped<GetPointMap>();
        services.AddScoped<DashboardService>();
        return services;
    }

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/dashboard", DashboardAsync)
            .WithName("GetDashboard")
            .ReadsFromReplica()
            .WithSummary("Bảng điều khiển của tỉnh: các số liệu chính của kỳ so với cùng kỳ năm trước, xu hướng 12 tháng, so sánh "
                + "theo khu vực, đối tượng được phục vụ, tình hình báo cáo tháng trước (chỉ số đếm, trong phạm vi) / The province "
                + "dashboard's figures for a period (counts only, within the caller's scope)")
            .RequireScope(ScopeRule.Area);
        reports.MapGet("/map.svg", MapAsync)
            .WithName("GetPointMap")
            .ReadsFromReplica()
            .WithSummary("Bản đồ các điểm (SVG vẽ trên máy chủ, không cần Internet), tô màu theo giá trị một chỉ tiêu (code) hoặc "
                + "theo tình hình gửi báo cáo (status=true hoặc mã biểu mẫu) trong kỳ / The points' map as SVG, coloured by an "
                + "indicator or by reporting status")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .RequireScope(ScopeRule.Area);
        return reports;
    }

    private static async Task<Results<Ok<DashboardReport>, ValidationProblem, ProblemHttpResult>> DashboardAsync(
        [AsParameters] DashboardQuery query, UserScope scope, DashboardService service, CancellationToken ct) =>
        (await service.HandleAsync(query, scope, ct)).ToHttp();

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> MapAsync(
        [AsParameters] MapQuery query, UserScope scope, GetPointMap handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(query, scope, ct);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        if (!result.IsOk) return ApiResults.Problem(result);
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + result.Value!.Svg, "image/svg+xml; charset=utf-8");
    }
}
