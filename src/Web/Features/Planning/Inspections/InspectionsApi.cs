using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Inspections;

/// The Inspections part of Planning (issue 19): inspections of points against the checklist, with photos; a failed item becomes a task.
public static class InspectionsApi
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddScoped<InspectionReads>();
        services.AddScoped<RecordInspection>();
        services.AddScoped<InspectionTasks>();
        services.AddScoped<IIndicatorSource, InspectionIndicators>();
        return services;
    }

    /// One photo with room for the multipart envelope; a bigger body is refused before it is read.
    private const long PhotoBodyLimit = RecordInspection.MaxPhotoBytes + 64 * 1024;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapInspectionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspections");
        g.MapGet("", async ([AsParameters] InspectionQuery query, UserScope scope, InspectionReads reads, CancellationToken ct) =>
                (await reads.ListAsync(query, scope, ct)).ToHttp())
            .WithName("ListInspections")
            .WithSummary("Các lần kiểm tra điểm trong phạm vi, mới nhất trước (lọc: point, from, to) / Point inspections within scope")
            .RequireScope(ScopeRule.Area, InspectionScope.Readers);
        g.MapPost("", async (InspectionInput input, UserScope scope, RecordInspection record, InspectionReads reads,
                CancellationToken ct) =>
            {
                var created = await record.CreateAsync(input, [], scope, ct);
                if (!created.IsOk) return ApiFailure(created);
                var detail = await reads.GetAsync(created.Value!.Id, scope, ct);
                return detail.ToCreated(d => $"/api/v1/inspections/{d.Id}");
            })
            .WithName("CreateInspection")
            .WithSummary("Ghi kết quả kiểm tra một điểm theo danh mục (mục bỏ trống là không kiểm tra) / Record an inspection")
            .RequireScope(ScopeRule.Area, InspectionScope.Inspectors)
            .AcceptsIdempotencyKey();
        g.MapGet("/{id:int}", async (int id, UserScope scope, InspectionReads reads, HttpContext http, CancellationToken ct) =>
                (await reads.GetAsync(id, scope, ct)).ToHttp(http, d => d.Version))
            .WithName("GetInspection")
            .WithSummary("Một lần kiểm tra: các mục, ảnh, việc đã giao / One inspection with checks, photos and tasks")
            .RequireScope(ScopeRule.Area, InspectionScope.Readers);
        g.MapPost("/{id:int}/photos", AddPhotoAsync)
            .WithName("AddInspectionPhoto")
            .WithSummary("Thêm ảnh (multipart: file), tối đa 5 ảnh, thu nhỏ còn cạnh dài 1600 px / Add a photo, at most 5, resized")
            .RequireScope(ScopeRule.Area, InspectionScope.Inspectors)
            .WithMetadata(new RequestSizeLimitAttribute(PhotoBodyLimit))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = PhotoBodyLimit })
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery();
        g.MapGet("/{id:int}/photos/{photoId:int}", async (int id, int photoId, UserScope scope, InspectionReads reads,
                CancellationToken ct) =>
            {
                if (await reads.OpenPhotoAsync(id, photoId, scope, ct) is not { } photo)
                    return (IResult)TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
                return TypedResults.File(photo.Content, photo.ContentType, photo.FileName);
            })
            .WithName("GetInspectionPhoto")
            .WithSummary("Tải một ảnh kiểm tra (chỉ trong phạm vi) / Download an inspection photo within scope")
            .RequireScope(ScopeRule.Area, InspectionScope.Readers);
        g.MapPost("/{id:int}/checks/{item}/task", async (int id, string item, InspectionTaskInput input, UserScope scope,
                InspectionTasks tasks, CancellationToken ct) =>
                (await tasks.CreateAsync(id, item, input, scope, ct)).ToCreated(t => $"/api/v1/tasks/{t.TaskId}"))
            .WithName("CreateInspectionTask")
            .WithSummary("Giao việc khắc phục một mục không đạt (lead: point | operator), một bước / A failed item becomes a task")
            .RequireScope(ScopeRule.Area, InspectionScope.Inspectors)
            .AcceptsIdempotencyKey();
        return api;
    }

    private static async Task<IResult> AddPhotoAsync(int id, HttpContext http, UserScope scope, RecordInspection record, Text text,
        CancellationToken ct)
    {
        // The form is read here rather than bound, so a malformed multipart body (no boundary, cut short) is a 400 that
        // names the field, never a failure of the binder.
        IFormFile? file = null;
        if (http.Request.HasFormContentType)
        {
            try { file = (await http.Request.ReadFormAsync(ct)).Files.GetFile("file"); }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException) { file = null; }
        }
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text["Files.Empty"]] });
        await using var stream = file.OpenReadStream();
        var bytes = await FileStore.ReadLimitedAsync(stream, RecordInspection.MaxPhotoBytes, ct);
        if (bytes is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["file"] = [text.Format("Files.TooLarge", RecordInspection.MaxPhotoBytes / (1024 * 1024))] });
        var result = await record.AddPhotoAsync(id, new PhotoUpload(bytes, file.FileName), scope, ct);
        return result.IsOk ? TypedResults.Created(result.Value!.Url, result.Value) : ApiFailure(result);
    }

    private static IResult ApiFailure<T>(Result<T> result) =>
        result.Failure == FailureKind.Invalid ? TypedResults.ValidationProblem(result.Errors) : ApiResults.Problem(result);
}
