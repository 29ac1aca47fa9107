using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Evaluation.Completeness;

/// The Completeness part's services and endpoints (under /api/v1/reports).
public static class CompletenessApi
{
    public static IServiceCollection AddCompleteness(this IServiceCollection services) =>
        services.AddScoped<CompletenessService>();

    public static RouteGroupBuilder MapCompletenessApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/completeness", GetAsync)
            .WithName("GetCompleteness")
            .ReadsFromReplica()
            .WithSummary("Tình hình gửi báo cáo định kỳ của một kỳ: số điểm phải báo cáo, đã gửi, đúng hạn, tỷ lệ (%), danh sách "
                + "điểm gửi muộn và chưa gửi, theo huyện/khu vực/xã trong phạm vi; format=xlsx / Completeness and timeliness "
                + "of a form's returns for a period (DHIS2 definitions), with the late and missing points")
            .RequireScope(ScopeRule.Area);
        return reports;
    }

    private static async Task<Results<Ok<CompletenessReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        [AsParameters] CompletenessQuery query, UserScope scope, CompletenessService service, Text text, CancellationToken ct)
    {
        var result = await service.HandleAsync(query, scope, ct);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        if (!result.IsOk) return ApiResults.Problem(result);
        if (query.Format != CompletenessService.Xlsx) return TypedResults.Ok(result.Value!);
        return TypedResults.File(CompletenessService.ToXlsx(result.Value!, text),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", CompletenessService.FileName(result.Value!));
    }
}
