using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Evaluation.History;

/// The History part's services and endpoints (under /api/v1/reports): the history template, its preview and commit.
public static class HistoryApi
{
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddScoped<ImportHistory>();
        services.AddScoped<HistoryTemplate>();
        services.AddScoped<HistoryUploads>();
        services.AddScoped<DemoHistorySeeder>();
        // After the other demo seeders (700 is the last), so it can see where their recorded activity starts.
        services.AddStartupTask(900, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoHistorySeeder>().SeedAsync(ct));
        return services;
    }

    /// The upload limit with room for the multipart envelope; a bigger body is refused before it is read.
    private const long BodyLimit = ImportHistory.MaxBytes + 64 * 1024;

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/history/template", async (UserScope scope, HistoryTemplate template, CancellationToken ct) =>
                TypedResults.File(await template.BuildAsync(scope, ct),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", HistoryTemplate.FileName))
            .WithName("GetHistoryTemplate")
            .WithSummary("Mẫu XLSX nhập số liệu lịch sử (báo cáo năm của điểm, từ 2013) / The history import template")
            .RequireScope(ScopeRule.Area, ImportHistory.Importers);
        reports.MapPost("/history/preview", PreviewAsync)
            .WithName("PreviewHistoryImport")
            .WithSummary("Xem trước tệp số liệu lịch sử: từng dòng, lỗi bằng lời (multipart: file, replace) / Per-row preview")
            .RequireScope(ScopeRule.Area, ImportHistory.Importers)
            .WithMetadata(new RequestSizeLimitAttribute(BodyLimit))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = BodyLimit })
            .DisableAntiforgery();
        reports.MapPost("/history/commit", CommitAsync)
            .WithName("CommitHistoryImport")
            .WithSummary("Nhập số liệu lịch sử, tất cả hoặc không dòng nào (multipart: file hoặc token, replace) "
                + "/ Import all rows or none")
            .RequireScope(ScopeRule.Area, ImportHistory.Importers)
            .WithMetadata(new RequestSizeLimitAttribute(BodyLimit))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = BodyLimit })
            .DisableAntiforgery();
        return reports;
    }

    /// The preview and, when every row is good, a token the commit may send instead of the file.
    public sealed record PreviewResponse(HistoryPreview Preview, bool CanCommit, string? Token);

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem>> PreviewAsync(IFormFile? file,
        [FromForm] string? replace, UserScope scope, ImportHistory import, HistoryUploads uploads, Text text, CancellationToken ct)
    {
        if (FileError(file, text) is { } error) return error;
        await using var stream = new MemoryStream();
        await file!.CopyToAsync(stream, ct);
        stream.Position = 0;
        var preview = await import.PreviewAsync(stream, file.FileName, IsYes(replace), scope, ct);
        if (preview.FileErrors.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. preview.FileErrors] });
        string? token = null;
        if (preview.CanCommit)
        {
            stream.Position = 0;
            token = await uploads.SaveAsync(stream, scope, ct);
        }
        return TypedResults.Ok(new PreviewResponse(preview, preview.CanCommit, token));
    }

    private static async Task<Results<Created<HistoryCommitted>, ValidationProblem>> CommitAsync(IFormFile? file,
        [FromForm] string? token, [FromForm] string? replace, UserScope scope, ImportHistory import, HistoryUploads uploads,
        Text text, CancellationToken ct)
    {
        Result<HistoryCommitted> result;
        if (file is null && token is not null)
        {
            if (uploads.Find(token, scope) is not { } path)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [text["History.Expired"]] });
            try
            {
                await using var saved = File.OpenRead(path);
                result = await import.CommitAsync(saved, path, IsYes(replace), scope, ct);
            }
            finally
            {
                HistoryUploads.Delete(path);
            }
        }
        else
        {
            if (FileError(file, text) is { } error) return error;
            await using var stream = new MemoryStream();
            await file!.CopyToAsync(stream, ct);
            stream.Position = 0;
            result = await import.CommitAsync(stream, file.FileName, IsYes(replace), scope, ct);
        }
        if (!result.IsOk) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Created("/Reports/History", result.Value!);
    }

    private static ValidationProblem? FileError(IFormFile? file, Text text) =>
        file is null || file.Length == 0
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text["History.Empty"]] })
        : file.Length > ImportHistory.MaxBytes ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            { ["file"] = [text.Format("History.TooLarge", ImportHistory.MaxBytes / 1024 / 1024)] })
        : null;

    private static bool IsYes(string? value) => value is "true" or "on" or "1" or "yes";
}
