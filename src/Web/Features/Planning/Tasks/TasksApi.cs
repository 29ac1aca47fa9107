using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The Tasks part of Planning (issue 19): tasks per unit: lead and supporting units, deadlines, progress updates with
/// evidence, lists, the calendar feed.
public static class TasksApi
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskReads>();
        services.AddScoped<ListTasks>();
        services.AddScoped<CreateTask>();
        services.AddScoped<PostTaskUpdate>();
        services.AddScoped<MoveTask>();
        services.AddScoped<TaskEvidence>();
        services.AddScoped<TaskFeed>();
        return services;
    }

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", async ([AsParameters] TaskQuery query, UserScope scope, ListTasks handler, CancellationToken ct) =>
                (await handler.HandleAsync(query, scope, ct)).ToHttp())
            .WithName("ListTasks")
            .WithSummary("Nhiệm vụ trong phạm vi (lọc theo đơn vị chủ trì, kế hoạch, trạng thái, quá hạn, hạn trước ngày) / Tasks in scope")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/tasks", async (CreateTaskInput input, UserScope scope, CreateTask handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(input, scope, ct)).ToCreated(http, d => $"/api/v1/tasks/{d.Task.Id}", d => d.Version))
            .WithName("CreateTask")
            .WithSummary("Giao nhiệm vụ cho đơn vị (Sở) / Give a unit a task (the department)")
            .RequireScope(ScopeRule.Area, TaskReads.Department)
            .AcceptsIdempotencyKey();
        api.MapGet("/tasks/{id:int}", async (int id, UserScope scope, TaskReads reads, HttpContext http, CancellationToken ct) =>
                await reads.FindAsync(id, scope, ct) is { } task
                    ? Result<TaskDetail>.Ok(await reads.DetailAsync(task, scope, ct)).ToHttp(http, d => d.Version)
                    : Result<TaskDetail>.NotFound().ToHttp())
            .WithName("GetTask")
            .WithSummary("Một nhiệm vụ: đơn vị phối hợp, lịch sử, minh chứng / One task with its history and evidence")
            .RequireScope(ScopeRule.Area);
        api.MapPost("/tasks/{id:int}/updates", UpdateAsync)
            .WithName("PostTaskUpdate")
            .WithSummary("Báo cáo tiến độ (đơn vị chủ trì, kèm minh chứng) hoặc ý kiến (đơn vị phối hợp); JSON hoặc multipart / "
                + "Progress with evidence (lead unit) or a comment (supporting unit)")
            .Accepts<TaskUpdateInput>("application/json", "multipart/form-data")
            .RequireScope(ScopeRule.Area)
            .AcceptsIdempotencyKey()
            .DisableAntiforgery();
        Move(api, "reassign", MoveTask.Step.Reassign, "ReassignTask", "Giao lại đơn vị chủ trì và phối hợp / Reassign lead and supports");
        Move(api, "deadline", MoveTask.Step.Reschedule, "RescheduleTask", "Đổi hạn hoàn thành / Change the deadline");
        Move(api, "close", MoveTask.Step.Close, "CloseTask", "Kết thúc nhiệm vụ (hoàn thành) / Close a task as done");
        Move(api, "cancel", MoveTask.Step.Cancel, "CancelTask", "Hủy nhiệm vụ, nêu lý do / Cancel a task with a reason");
        Move(api, "reopen", MoveTask.Step.Reopen, "ReopenTask", "Mở lại nhiệm vụ đã kết thúc hoặc đã hủy / Reopen a task");
        api.MapGet("/tasks/{id:int}/evidence/{fileId:int}", async (int id, int fileId, UserScope scope, TaskEvidence evidence,
                CancellationToken ct) => await evidence.OpenAsync(id, fileId, scope, ct) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found"))
            .WithName("TaskEvidence")
            .WithSummary("Tải tệp minh chứng của nhiệm vụ / Download a task's evidence file")
            .RequireScope(ScopeRule.Area);
        api.MapGet("/tasks/calendar/{secret}", async (string secret, TaskFeed feed, HttpContext http, CancellationToken ct) =>
            {
                var name = secret.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? secret[..^4] : secret;
                var calendar = await feed.CalendarAsync(name, $"{http.Request.Scheme}://{http.Request.Host}", ct);
                if (calendar is null)
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
                http.Response.Headers.CacheControl = "private, max-age=900";
                return Results.Text(calendar, "text/calendar; charset=utf-8");
            })
            .WithName("TaskCalendar")
            .WithSummary("Lịch hạn nhiệm vụ của đơn vị (.ics) qua đường dẫn bí mật của người dùng / "
                + "The unit's deadlines as a calendar feed")
            .RequireScope(ScopeRule.Anonymous);
        return api;
    }

    private static void Move(RouteGroupBuilder api, string path, MoveTask.Step step, string name, string summary) =>
        api.MapPost($"/tasks/{{id:int}}/{path}", async (int id, TaskMoveInput? input, [AsParameters] IfMatch ifMatch, UserScope scope,
                MoveTask handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, step, input ?? new TaskMoveInput(null, null, null, null), ifMatch.Version, scope, ct))
                .ToHttp(http, d => d.Version))
            .WithName(name)
            .WithSummary(summary + "; cần If-Match / needs If-Match")
            .RequireScope(ScopeRule.Area, TaskReads.Department)
            .AcceptsIdempotencyKey();

    private static async Task<Results<Ok<TaskDetail>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id,
        [AsParameters] IfMatch ifMatch, UserScope scope, PostTaskUpdate handler, HttpContext http, Text text, CancellationToken ct)
    {
        string? note;
        int? progress = null;
        var uploads = new List<EvidenceUpload>();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            note = form["text"].ToString();
            var raw = form["progress"].ToString().Trim();
            if (raw.Length > 0)
            {
                if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture,
                        out var p))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["progress"] = [text["Tasks.ProgressRange"]],
                    });
                progress = p;
            }
            foreach (var file in form.Files.Take(PostTaskUpdate.MaxFiles + 1))
            {
                await using var stream = file.OpenReadStream();
                uploads.Add(new EvidenceUpload(file.FileName, await Infrastructure.Files.FileStore.ReadLimitedAsync(stream,
                    PostTaskUpdate.MaxFileBytes, ct)));
            }
        }
        else
        {
            TaskUpdateInput? input;
            try
            {
                var options = http.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>();
                input = await http.Request.ReadFromJsonAsync<TaskUpdateInput>(options.Value.SerializerOptions, ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [text["Tasks.UnreadableBody"]] });
            }
            catch (InvalidOperationException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [text["Tasks.UnreadableBody"]] });
            }
            note = input?.Text;
            progress = input?.Progress;
            foreach (var file in (input?.Files ?? []).Take(PostTaskUpdate.MaxFiles + 1))
            {
                // A null in the list is a malformed request, not a file.
                if (file is null)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [text["Tasks.NotBase64"]] });
                byte[]? bytes = null;
                if (file.Content is { Length: <= (int)(PostTaskUpdate.MaxFileBytes / 3 * 4 + 8) } b64)
                    try { bytes = Convert.FromBase64String(b64); }
                    catch (FormatException)
                    {
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [text["Tasks.NotBase64"]] });
                    }
                uploads.Add(new EvidenceUpload(file.Name, bytes));
            }
        }
        return (await handler.HandleAsync(id, note, progress, uploads, ifMatch.Version, scope, ct)).ToHttp(http, d => d.Version);
    }
}
