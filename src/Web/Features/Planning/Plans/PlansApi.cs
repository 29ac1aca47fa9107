using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Plans;

/// The Plans part of Planning (issue 19): programmes and plans: drafting, submitting, issuing (frozen; a change is a new
/// version), closing or withdrawing; legal bases; attachments; the plan as DOCX and PDF.
public static class PlansApi
{
    /// The upload limit with room for the multipart envelope; a bigger body is refused before it is read.
    private const long BodyLimit = PlanAttachments.MaxBytes + 256 * 1024;

    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanAccess>();
        services.AddScoped<PlanService>();
        services.AddScoped<PlanWorkflow>();
        services.AddScoped<PlanAttachments>();
        services.AddScoped<PlanDocument>();
        services.AddScoped<PlanForm>();
        return services;
    }

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", async ([AsParameters] PlanQuery query, UserScope scope, PlanService plans, CancellationToken ct) =>
                (await plans.ListAsync(query, scope, ct)).ToHttp())
            .WithName("ListPlans")
            .WithSummary("Chương trình, kế hoạch trong phạm vi (lọc: status, kind, year, area, q) / Plans in scope")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/plans", async (PlanInput input, UserScope scope, PlanService plans, HttpContext http, CancellationToken ct) =>
                (await plans.CreateAsync(input, scope, ct)).ToCreated(http, d => $"/api/v1/plans/{d.Plan.Id}", d => d.Version))
            .WithName("CreatePlan")
            .WithSummary("Dự thảo kế hoạch mới (kind, title, fromYear, toYear, areaCode, bases…) / Draft a new plan")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapGet("/plans/{id:int}", async (int id, UserScope scope, PlanService plans, HttpContext http, CancellationToken ct) =>
                (await plans.GetAsync(id, scope, ct)).ToHttp(http, d => d.Version))
            .WithName("GetPlan")
            .WithSummary("Một kế hoạch: nội dung, căn cứ, các bước, tệp đính kèm; ETag / One plan with its steps")
            .RequireScope(ScopeRule.Area);
        api.MapPut("/plans/{id:int}", async (int id, PlanInput input, [AsParameters] IfMatch ifMatch, UserScope scope, PlanService plans,
                HttpContext http, CancellationToken ct) =>
                (await plans.UpdateAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Version))
            .WithName("UpdatePlan")
            .WithSummary("Sửa dự thảo (cần If-Match); kế hoạch đã ban hành không sửa được (409) / Edit a draft; needs If-Match")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/plans/{id:int}/submit", (int id, PlanStepInput? input, [AsParameters] IfMatch ifMatch, UserScope scope,
                PlanWorkflow flow, HttpContext http, CancellationToken ct) =>
                MoveAsync(id, PlanWorkflow.Step.Submit, ifMatch, input?.Note, null, scope, flow, http, ct))
            .WithName("SubmitPlan")
            .WithSummary("Trình dự thảo lên cơ quan ban hành / Submit a draft to the issuing body")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/plans/{id:int}/issue", (int id, IssuePlanInput input, [AsParameters] IfMatch ifMatch, UserScope scope,
                PlanWorkflow flow, HttpContext http, CancellationToken ct) =>
                MoveAsync(id, PlanWorkflow.Step.Issue, ifMatch, input.Note, input, scope, flow, http, ct))
            .WithName("IssuePlan")
            .WithSummary("Ghi nhận ban hành: số, ngày văn bản (number, issuedOn, issuingUnit); khóa nội dung / Record the issuing")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/plans/{id:int}/close", (int id, PlanStepInput? input, [AsParameters] IfMatch ifMatch, UserScope scope,
                PlanWorkflow flow, HttpContext http, CancellationToken ct) =>
                MoveAsync(id, PlanWorkflow.Step.Close, ifMatch, input?.Note, null, scope, flow, http, ct))
            .WithName("ClosePlan")
            .WithSummary("Kết thúc kế hoạch đã ban hành / Close an issued plan")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/plans/{id:int}/withdraw", (int id, PlanStepInput? input, [AsParameters] IfMatch ifMatch, UserScope scope,
                PlanWorkflow flow, HttpContext http, CancellationToken ct) =>
                MoveAsync(id, PlanWorkflow.Step.Withdraw, ifMatch, input?.Note, null, scope, flow, http, ct))
            .WithName("WithdrawPlan")
            .WithSummary("Rút kế hoạch (note: lý do) / Withdraw a plan, with the reason")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/plans/{id:int}/amend", async (int id, AmendPlanInput input, UserScope scope, PlanWorkflow flow, HttpContext http,
                CancellationToken ct) =>
                (await flow.AmendAsync(id, input.Note, scope, ct)).ToCreated(http, d => $"/api/v1/plans/{d.Plan.Id}", d => d.Version))
            .WithName("AmendPlan")
            .WithSummary("Lập phiên bản sửa đổi của kế hoạch đã ban hành (note: sửa gì) / A new version amending an issued plan")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .AcceptsIdempotencyKey();
        api.MapGet("/plans/{id:int}/attachments", async (int id, UserScope scope, PlanAttachments files, CancellationToken ct) =>
                (await files.ListAsync(id, scope, ct)).ToHttp())
            .WithName("ListPlanAttachments")
            .WithSummary("Tệp đính kèm của kế hoạch / A plan's attachments")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/plans/{id:int}/attachments", UploadAsync)
            .WithName("UploadPlanAttachment")
            .WithSummary("Đính kèm tệp PDF, DOCX hoặc XLSX tối đa 20 MB (multipart: file, caption) / Attach a file")
            .RequireScope(ScopeRule.Area, PlanAccess.Writers)
            .WithMetadata(new RequestSizeLimitAttribute(BodyLimit))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = BodyLimit })
            .DisableAntiforgery();
        api.MapGet("/plans/{id:int}/attachments/{attachmentId:int}", DownloadAsync)
            .WithName("GetPlanAttachment")
            .WithSummary("Tải tệp đính kèm (chỉ người được xem kế hoạch) / Download an attachment")
            .RequireScope(ScopeRule.Area);
        api.MapGet("/plans/{id:int}/file", PlanFiles.GetAsync)
            .WithName("GetPlanFile")
            .WithSummary("Kế hoạch dạng văn bản hành chính: format=docx|pdf / The plan as DOCX or PDF")
            .RequireScope(ScopeRule.Area);
        return api;
    }

    private static async Task<Results<Ok<PlanDetail>, ValidationProblem, ProblemHttpResult>> MoveAsync(int id, PlanWorkflow.Step step,
        IfMatch ifMatch, string? note, IssuePlanInput? issue, UserScope scope, PlanWorkflow flow, HttpContext http, CancellationToken ct) =>
        (await flow.MoveAsync(id, step, ifMatch.Header is null ? null : ifMatch.Version ?? IfMatch.NoVersion, note, issue, scope, ct))
            .ToHttp(http, d => d.Version);

    private static async Task<Results<Created<PlanAttachmentDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(int id,
        IFormFile? file, [FromForm] string? caption, UserScope scope, PlanAttachments files, Text text, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text["Files.Empty"]] });
        byte[]? content;
        await using (var stream = file.OpenReadStream()) content = await FileStore.ReadLimitedAsync(stream, PlanAttachments.MaxBytes, ct);
        return (await files.AddAsync(id, content, file.FileName, caption, scope, ct))
            .ToCreated(a => a.Url);
    }

    private static async Task<IResult> DownloadAsync(int id, int attachmentId, UserScope scope, PlanAttachments files, CancellationToken ct)
    {
        var result = await files.OpenAsync(id, attachmentId, scope, ct);
        if (!result.IsOk) return ApiResults.Problem(result);
        var d = result.Value!;
        return TypedResults.Stream(d.Content, d.ContentType, d.FileName);
    }
}
