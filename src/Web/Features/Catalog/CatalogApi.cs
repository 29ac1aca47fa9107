using System.Globalization;
using Bookpost.Marc;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Catalog;

public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/catalog").WithTags("Catalog");

        g.MapGet("/titles", SearchTitlesAsync)
            .WithName("SearchTitles")
            .ReadsFromReplica()
            .WithSummary("Tìm đầu sách: không phân biệt dấu, khớp tiền tố, \"cụm từ\", bộ lọc / Search titles")
            .RequireScope(ScopeRule.ReferenceData);
        g.MapGet("/titles/{id:int}", GetTitleAsync)
            .WithName("GetTitle")
            .WithSummary("Một đầu sách và các bản sách trong phạm vi / One title with the copies in scope")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/titles", CreateTitleAsync)
            .WithName("CreateTitle")
            .WithSummary("Tạo đầu sách / Create a title")
            .RequireScope(ScopeRule.Province, SaveTitle.Writers);
        g.MapPut("/titles/{id:int}", UpdateTitleAsync)
            .WithName("UpdateTitle")
            .WithSummary("Sửa đầu sách; cần If-Match / Replace a title; needs If-Match")
            .RequireScope(ScopeRule.Province, SaveTitle.Writers);
        g.MapGet("/titles/export", (string[] ids, string? format, ExportTitles handler, CancellationToken ct) =>
                handler.HandleAsync(Joined(ids), format, ct))
            .WithName("ExportTitles")
            .ReadsFromReplica()
            .WithSummary("Xuất đầu sách ra MARC (mrc), MARCXML (xml) hoặc CSV; ids=1,2,3 / Export titles")
            .RequireScope(ScopeRule.ReferenceData);

        g.MapGet("/items", ListItemsAsync)
            .WithName("ListItems")
            .WithSummary("Bản sách trong phạm vi / Copies in the caller's scope")
            .RequireScope(ScopeRule.Area);
        g.MapGet("/items/{id:int}", GetItemAsync)
            .WithName("GetItem")
            .WithSummary("Một bản sách / One copy")
            .RequireScope(ScopeRule.Area);
        g.MapPost("/items", CreateItemAsync)
            .WithName("CreateItem")
            .WithSummary("Tạo bản sách / Create a copy")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers);
        g.MapPut("/items/{id:int}", UpdateItemAsync)
            .WithName("UpdateItem")
            .WithSummary("Sửa bản sách; cần If-Match / Replace a copy; needs If-Match")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers);
        g.MapGet("/items/labels", (string[] ids, UserScope scope, PrintLabels handler, CancellationToken ct) =>
                handler.HandleAsync(Joined(ids), scope, ct))
            .WithName("PrintLabels")
            .WithSummary("Tờ nhãn mã vạch Code 128 khổ A4 (PDF); ids=1,2,3 / A4 sheet of Code 128 labels")
            .RequireScope(ScopeRule.Area);

        g.MapPost("/imports", StartImportAsync)
            .WithName("StartImport")
            .WithSummary("Nhập .mrc/.iso/.xml/.csv (multipart: file, library, encoding, items, copies); chạy nền"
                + " / Start a background import")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers)
            .WithMetadata(new RequestSizeLimitAttribute(CatalogOptions.MaxUploadBytes))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = CatalogOptions.MaxUploadBytes })
            .DisableAntiforgery();
        g.MapGet("/imports", async (UserScope scope, ListImports handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(scope, ct)))
            .WithName("ListImports")
            .WithSummary("Các lần nhập gần đây / Recent imports")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers);
        g.MapGet("/imports/{id:int}", async (int id, UserScope scope, GetImport handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, scope, ct)).ToHttp())
            .WithName("GetImport")
            .WithSummary("Tiến độ và kết quả một lần nhập / Progress and summary of an import")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers);
        g.MapGet("/imports/{id:int}/issues", GetIssuesAsync)
            .WithName("GetImportIssues")
            .WithSummary("Báo cáo lỗi theo bản ghi (JSON hoặc format=csv) / Per-record error report")
            .RequireScope(ScopeRule.Area, SaveTitle.Writers);
        return api;
    }

    /// Ids may come as one list (ids=1,2) or repeated (ids=1&amp;ids=2); the handlers read them as one list.
    private static string Joined(string[] ids) => string.Join(',', ids);

    private static async Task<Results<Ok<PagedList<TitleSummaryDto>>, ValidationProblem, ProblemHttpResult>> SearchTitlesAsync(
        [AsParameters] TitleSearchQuery query, SearchTitles handler, CancellationToken ct) =>
        (await handler.HandleAsync(query, ct)).ToHttp();

    private static async Task<Results<Ok<TitleDetailDto>, ValidationProblem, ProblemHttpResult>> GetTitleAsync(
        int id, UserScope scope, GetTitle handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Title.Version);

    private static async Task<Results<Created<TitleDetailDto>, ValidationProblem, ProblemHttpResult>> CreateTitleAsync(
        TitleInput input, UserScope scope, SaveTitle handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(null, null, input, scope, ct))
            .ToCreated(http, d => $"/api/v1/catalog/titles/{d.Title.Id}", d => d.Title.Version);

    private static async Task<Results<Ok<TitleDetailDto>, ValidationProblem, ProblemHttpResult>> UpdateTitleAsync(
        int id, TitleInput input, [AsParameters] IfMatch ifMatch, UserScope scope, SaveTitle handler, HttpContext http,
        CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Title.Version);

    private static async Task<Results<Ok<PagedList<ItemDto>>, ValidationProblem, ProblemHttpResult>> ListItemsAsync(
        [AsParameters] ItemQuery query, UserScope scope, ListItems handler, CancellationToken ct) =>
        (await handler.HandleAsync(query, scope, ct)).ToHttp();

    private static async Task<Results<Ok<ItemDto>, ValidationProblem, ProblemHttpResult>> GetItemAsync(
        int id, UserScope scope, GetItem handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(id, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Created<ItemDto>, ValidationProblem, ProblemHttpResult>> CreateItemAsync(
        ItemInput input, UserScope scope, SaveItem handler, HttpContext http, CancellationToken ct) =>
        (await handler.HandleAsync(null, null, input, scope, ct)).ToCreated(http, d => $"/api/v1/catalog/items/{d.Id}", d => d.Version);

    private static async Task<Results<Ok<ItemDto>, ValidationProblem, ProblemHttpResult>> UpdateItemAsync(
        int id, ItemInput input, [AsParameters] IfMatch ifMatch, UserScope scope, SaveItem handler, HttpContext http,
        CancellationToken ct) =>
        (await handler.HandleAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Accepted<ImportJobDto>, ValidationProblem, ProblemHttpResult>> StartImportAsync(
        IFormFile? file, [FromForm] string? library, [FromForm] string? encoding, [FromForm] string? items, [FromForm] string? copies,
        UserScope scope, StartImport handler, Text text, CancellationToken ct)
    {
        // The choices arrive as text and are read here, so a wrong one gets a field message rather than a bare 400.
        var errors = new FieldErrors();
        if (file is null || file.Length == 0) errors.Add("file", "Chọn tệp để nhập. / Choose a file.");
        var chosenEncoding = errors.Choice<MarcEncoding>("encoding", encoding, text) ?? MarcEncoding.Auto;
        var chosenItems = errors.Choice<ItemSource>("items", items, text) ?? ItemSource.Holdings952;
        var copiesEach = 1;
        if (!string.IsNullOrWhiteSpace(copies) && !int.TryParse(copies, NumberStyles.None, CultureInfo.InvariantCulture, out copiesEach))
            errors.Add("copies", text["Catalog.CopiesRange"]);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        await using var stream = file!.OpenReadStream();
        var request = new StartImportRequest(file.FileName, library, chosenEncoding, chosenItems, copiesEach);
        var result = await handler.HandleAsync(stream, request, scope, enqueue: true, ct);
        if (result.IsOk) return TypedResults.Accepted($"/api/v1/catalog/imports/{result.Value!.Id}", result.Value);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        return ApiResults.Problem(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<ImportIssueDto>>, FileContentHttpResult, ProblemHttpResult>> GetIssuesAsync(
        int id, string? format, UserScope scope, ListImportIssues handler, CancellationToken ct) =>
        await handler.HandleAsync(id, scope, ct) is var issues && !issues.IsOk ? ApiResults.Problem(issues)
        : !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? TypedResults.Ok(issues.Value!)
        : TypedResults.File(ListImportIssues.ToCsv(issues.Value!), "text/csv; charset=utf-8", $"import-{id}-issues.csv");
}
