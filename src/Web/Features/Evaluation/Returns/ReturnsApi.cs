using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// The Returns part's services and endpoints (under /api/v1/reports).
public static class ReturnsApi
{
    public static IServiceCollection AddReturns(this IServiceCollection services)
    {
        services.AddScoped<RecordedFigures>();
        services.AddScoped<ReturnReads>();
        services.AddScoped<ListReturns>();
        services.AddScoped<GetReturn>();
        services.AddScoped<OpenReturn>();
        services.AddScoped<SaveReturn>();
        services.AddScoped<MoveReturn>();
        services.AddScoped<ReviseReturn>();
        services.AddScoped<DueReturns>();
        return services;
    }

    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/returns", async ([AsParameters] ReturnQuery query, UserScope scope, ListReturns handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListReturns")
            .WithSummary("Báo cáo định kỳ của các điểm trong phạm vi / The points' periodic returns in scope")
            .RequireScope(ScopeRule.Area);
        reports.MapGet("/returns/{id:int}", async (int id, UserScope scope, GetReturn handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Version))
            .WithName("GetReturn")
            .WithSummary("Một báo cáo: chỉ tiêu theo mẫu, số ghi nhận, các lần sửa / One return with its fields")
            .RequireScope(ScopeRule.Area);
        reports.MapPost("/returns", OpenAsync)
            .WithName("OpenReturn")
            .WithSummary("Mở báo cáo của điểm cho một kỳ (bản nháp điền sẵn) / Open a point's return for a period")
            .RequireScope(ScopeRule.Area, ReturnRules.Writers)
            .AcceptsIdempotencyKey();
        reports.MapPut("/returns/{id:int}", SaveAsync)
            .WithName("SaveReturn")
            .WithSummary("Sửa số liệu và ghi chú của bản nháp; cần If-Match / Edit a draft's figures; needs If-Match")
            .RequireScope(ScopeRule.Area, ReturnRules.Writers)
            .AcceptsIdempotencyKey();
        reports.MapPost("/returns/{id:int}/submit", (int id, [AsParameters] IfMatch ifMatch, UserScope scope, MoveReturn handler,
                HttpContext http, CancellationToken ct) => MoveAsync(id, MoveReturn.Step.Submit, ifMatch, null, scope, handler, http, ct))
            .WithName("SubmitReturn")
            .WithSummary("Nộp báo cáo (sau khi hết kỳ) / Submit a return once its period has ended")
            .RequireScope(ScopeRule.Area, ReturnRules.Writers)
            .AcceptsIdempotencyKey();
        reports.MapPost("/returns/{id:int}/accept", (int id, [AsParameters] IfMatch ifMatch, UserScope scope, MoveReturn handler,
                HttpContext http, CancellationToken ct) => MoveAsync(id, MoveReturn.Step.Accept, ifMatch, null, scope, handler, http, ct))
            .WithName("AcceptReturn")
            .WithSummary("Duyệt báo cáo (khóa số liệu) / Accept a return (locks it)")
            .RequireScope(ScopeRule.Area, ReturnRules.Deciders)
            .AcceptsIdempotencyKey();
        reports.MapPost("/returns/{id:int}/reject", (int id, RejectReturnInput input, [AsParameters] IfMatch ifMatch, UserScope scope,
                MoveReturn handler, HttpContext http, CancellationToken ct) =>
                MoveAsync(id, MoveReturn.Step.Reject, ifMatch, input.Reason, scope, handler, http, ct))
            .WithName("RejectReturn")
            .WithSummary("Trả lại báo cáo kèm lý do / Send a return back with a reason")
            .RequireScope(ScopeRule.Area, ReturnRules.Deciders)
            .AcceptsIdempotencyKey();
        reports.MapPost("/returns/{id:int}/revise", ReviseAsync)
            .WithName("ReviseReturn")
            .WithSummary("Lập bản sửa của báo cáo đã duyệt (bản cũ được giữ) / Correct an accepted return")
            .RequireScope(ScopeRule.Area, ReturnRules.Writers)
            .AcceptsIdempotencyKey();
        return reports;
    }

    private static async Task<Results<Created<ReturnDetail>, Ok<ReturnDetail>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        OpenReturnInput input, UserScope scope, OpenReturn handler, HttpContext http, CancellationToken ct) =>
        Opened(await handler.HandleAsync(input, scope, ct), http);

    private static async Task<Results<Created<ReturnDetail>, Ok<ReturnDetail>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        int id, UserScope scope, ReviseReturn handler, HttpContext http, CancellationToken ct) =>
        Opened(await handler.HandleAsync(id, scope, ct), http);

    /// 201 with the new return, or 200 with the one already there.
    private static Results<Created<ReturnDetail>, Ok<ReturnDetail>, ValidationProblem, ProblemHttpResult> Opened(
        Result<OpenedReturn> result, HttpContext http)
    {
        if (!result.IsOk)
            return result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors) : ApiResults.Problem(result);
        var (detail, created) = result.Value!;
        http.Response.Headers.ETag = ETags.Format(detail.Version);
        return created ? TypedResults.Created($"/api/v1/reports/returns/{detail.Return.Id}", detail) : TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<ReturnDetail>, ValidationProblem, ProblemHttpResult>> SaveAsync(int id, SaveReturnInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, SaveReturn handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input.Texts(), input.Remarks, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Ok<ReturnDetail>, ValidationProblem, ProblemHttpResult>> MoveAsync(int id, MoveReturn.Step step,
        IfMatch ifMatch, string? reason, UserScope scope, MoveReturn handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, step, ifMatch.Version, reason, scope, ct)).ToHttp(http, d => d.Version);
}
