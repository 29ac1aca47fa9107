using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Planning.Meetings;

/// The Meetings part of Planning (issue 19): meetings, their conclusions turned into tasks, and the conclusion notice as DOCX and PDF.
public static class MeetingsApi
{
    /// Everyone signed in for an office reads meetings; a point's operator those its agency attended (MeetingService).
    private static readonly AppRole[] s_readers = Enum.GetValues<AppRole>();

    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<MeetingService>();
        services.AddScoped<MeetingNotice>();
        return services;
    }

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/meetings", async ([AsParameters] MeetingQuery query, UserScope scope, MeetingService service, CancellationToken ct) =>
                (await service.ListAsync(query, scope, ct)).ToHttp())
            .WithName("ListMeetings")
            .WithSummary("Các cuộc họp, hội nghị (mới nhất trước; from, to, q) / Meetings, newest first")
            .RequireScope(ScopeRule.Area, s_readers);
        api.MapPost("/meetings", CreateAsync)
            .WithName("CreateMeeting")
            .WithSummary("Ghi một cuộc họp: ngày, chủ trì, đơn vị dự, nội dung, biên bản, kết luận / Record a meeting")
            .RequireScope(ScopeRule.Province, MeetingService.Writers)
            .AcceptsIdempotencyKey();
        api.MapGet("/meetings/{id:int}", async (int id, UserScope scope, MeetingService service, HttpContext http, CancellationToken ct) =>
                (await service.GetAsync(id, scope, ct)).ToHttp(http, d => d.Version))
            .WithName("GetMeeting")
            .WithSummary("Một cuộc họp với các kết luận và nhiệm vụ đã giao từ mỗi kết luận / A meeting with its conclusions and tasks")
            .RequireScope(ScopeRule.Area, s_readers);
        api.MapPut("/meetings/{id:int}", UpdateAsync)
            .WithName("UpdateMeeting")
            .WithSummary("Sửa cuộc họp (cả danh sách đơn vị dự và kết luận, đánh số 1..n); cần If-Match / Edit a meeting; needs If-Match")
            .RequireScope(ScopeRule.Province, MeetingService.Writers)
            .AcceptsIdempotencyKey();
        api.MapPost("/meetings/{id:int}/conclusions/{n:int}/tasks", MakeTasksAsync)
            .WithName("MakeConclusionTasks")
            .WithSummary("Giao một hoặc nhiều nhiệm vụ từ kết luận số n, tất cả hoặc không / Make one or more tasks from conclusion n, "
                + "all or none")
            .RequireScope(ScopeRule.Province, MeetingService.Writers)
            .AcceptsIdempotencyKey();
        api.MapGet("/meetings/{id:int}/notice", NoticeAsync)
            .WithName("MeetingNotice")
            .WithSummary("Thông báo kết luận của cuộc họp theo thể thức Nghị định 30: format=docx|pdf / The conclusion notice "
                + "(Decree 30 layout) as DOCX or PDF")
            .RequireScope(ScopeRule.Area, s_readers);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> NoticeAsync(int id, string? format,
        UserScope scope, MeetingNotice notice, CancellationToken ct)
    {
        var result = await notice.FileAsync(id, format, scope, ct);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        if (!result.IsOk) return ApiResults.Problem(result);
        var (content, contentType, name) = result.Value;
        return TypedResults.File(content, contentType, name);
    }

    private static async Task<Results<Created<MeetingDetail>, ValidationProblem, ProblemHttpResult>> CreateAsync(MeetingInput input,
        UserScope scope, MeetingService service, HttpContext http, CancellationToken ct) =>
        (await service.CreateAsync(input, scope, ct)).ToCreated(http, d => $"/api/v1/meetings/{d.Id}", d => d.Version);

    private static async Task<Results<Ok<MeetingDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, MeetingInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, MeetingService service, HttpContext http, CancellationToken ct) =>
        (await service.UpdateAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Created<ConclusionTasksMade>, ValidationProblem, ProblemHttpResult>> MakeTasksAsync(int id, int n,
        ConclusionTasksInput input, UserScope scope, MeetingService service, CancellationToken ct) =>
        (await service.MakeTasksAsync(id, n, input, scope, ct)).ToCreated(r => $"/api/v1/meetings/{r.MeetingId}");
}
