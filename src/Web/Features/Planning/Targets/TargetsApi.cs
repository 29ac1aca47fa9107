using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Planning.Targets;

/// The Targets part of Planning (issue 19): a plan's targets (indicator × unit × period × value) against live figures,
/// with the projection to the period's end.
public static class TargetsApi
{
    public static IServiceCollection AddTargets(this IServiceCollection services)
    {
        services.AddScoped<TargetAccess>();
        services.AddScoped<IndicatorTargetProgress>();
        services.AddScoped<ITargetProgress>(sp => sp.GetRequiredService<IndicatorTargetProgress>());
        services.AddScoped<PlanTargets>();
        services.AddScoped<PlanTargetsViews>();
        return services;
    }

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/targets", async (int id, UserScope scope, PlanTargets handler, CancellationToken ct) =>
                (await handler.ListAsync(id, scope, ct)).ToHttp())
            .WithName("ListPlanTargets")
            .WithSummary("Chỉ tiêu của kế hoạch: chỉ tiêu, thực hiện (từ hệ thống chỉ tiêu, gồm báo cáo đã duyệt), % đạt, dự báo cuối kỳ "
                + "theo tiến độ, chậm tiến độ / A plan's targets against live figures, with the projection to the period's end")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/plans/{id:int}/targets", async (int id, TargetInput input, UserScope scope, PlanTargets handler,
                CancellationToken ct) =>
                (await handler.AddAsync(id, input, scope, ct)).ToCreated(r => $"/api/v1/plans/{id}/targets/{r.Id}"))
            .WithName("AddPlanTarget")
            .WithSummary("Thêm chỉ tiêu (kế hoạch dự thảo hoặc đã trình); unit: mã tỉnh/huyện cũ/xã hoặc mã điểm; "
                + "period: Year|HalfYear|NineMonths|Quarter|Month / Add a target while the plan is a draft or submitted")
            .RequireScope(ScopeRule.Area);
        api.MapGet("/plans/{id:int}/targets/{targetId:int}", async (int id, int targetId, UserScope scope, PlanTargets handler,
                CancellationToken ct) =>
                (await handler.GetAsync(id, targetId, scope, ct)).ToHttp())
            .WithName("GetPlanTarget")
            .WithSummary("Một chỉ tiêu của kế hoạch / One target of a plan")
            .RequireScope(ScopeRule.Area);
        api.MapPut("/plans/{id:int}/targets/{targetId:int}", async (int id, int targetId, TargetInput input, UserScope scope,
                PlanTargets handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, targetId, input, scope, ct)).ToHttp())
            .WithName("UpdatePlanTarget")
            .WithSummary("Sửa chỉ tiêu (trước khi ban hành) / Edit a target before the plan is issued")
            .RequireScope(ScopeRule.Area);
        api.MapDelete("/plans/{id:int}/targets/{targetId:int}", DeleteAsync)
            .WithName("DeletePlanTarget")
            .WithSummary("Xoá chỉ tiêu (trước khi ban hành) / Remove a target before the plan is issued")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, int targetId, UserScope scope,
        PlanTargets handler, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(id, targetId, scope, ct);
        return result.IsOk ? TypedResults.NoContent() : ApiResults.Problem(result);
    }
}
