using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// The Documents part's services and endpoints (under /api/v1/reports): report templates, and report documents made
/// from them, edited as drafts, issued (frozen) and downloaded as DOCX, PDF or XLSX.
public static class DocumentsApi
{
    /// Who makes report documents: the department (Admin, Monitor) for the province, the area offices for their area.
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.Monitor, AppRole.District, AppRole.Commune];

    public static IServiceCollection AddDocuments(this IServiceCollection services) => services.AddScoped<DocumentService>();

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/templates", () => TypedResults.Ok(DocumentService.Templates()))
            .WithName("ListReportTemplates")
            .WithSummary("Mẫu văn bản báo cáo: tên, định dạng tệp, các phần lời / Report templates: names, file formats, text sections")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapGet("/documents", async (UserScope scope, DocumentService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(scope, ct)))
            .WithName("ListReportDocuments")
            .WithSummary("Văn bản báo cáo trong phạm vi / Report documents in scope")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapPost("/documents", CreateAsync)
            .WithName("CreateReportDocument")
            .WithSummary("Tạo dự thảo báo cáo từ mẫu cho một kỳ (period, year, number, from, to như indicator-values) / "
                + "Create a draft report document for a period")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapGet("/documents/{id:int}", GetAsync)
            .WithName("GetReportDocument")
            .WithSummary("Văn bản báo cáo: thông tin, các phần lời, số liệu đã dùng; văn bản đã ban hành kèm danh sách số liệu "
                + "sẽ khác nếu lập lại hôm nay / A document: metadata, sections, figures used and what would differ today")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapPut("/documents/{id:int}", EditAsync)
            .WithName("EditReportDocument")
            .WithSummary("Sửa dự thảo: các phần lời, số, người ký, nơi nhận (If-Match) / Edit a draft's text sections, "
                + "number, signer and recipients (If-Match)")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapPost("/documents/{id:int}/issue", IssueAsync)
            .WithName("IssueReportDocument")
            .WithSummary("Ban hành: lưu cố định số liệu, thời điểm, số và người ký / Issue: freeze the figures, time, number "
                + "and signer")
            .RequireScope(ScopeRule.Area, Writers);
        reports.MapGet("/documents/{id:int}/file", FileAsync)
            .WithName("ReportDocumentFile")
            .WithSummary("Tệp văn bản: format=docx|pdf|xlsx (đã ban hành: số liệu cố định) / The document's file; issued "
                + "documents use their frozen figures")
            .RequireScope(ScopeRule.Area, Writers);
        return reports;
    }

    private static async Task<Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateDocumentInput input, UserScope scope, DocumentService service, HttpContext http, CancellationToken ct) =>
        (await service.CreateAsync(input, scope, ct)).ToCreated(http, d => $"/api/v1/reports/documents/{d.Id}", d => d.Version);

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> GetAsync(int id, UserScope scope,
        DocumentService service, HttpContext http, CancellationToken ct) =>
        (await service.GetAsync(id, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> EditAsync(int id, EditDocumentInput input,
        [AsParameters] IfMatch ifMatch, UserScope scope, DocumentService service, HttpContext http, CancellationToken ct) =>
        (await service.EditAsync(id, ifMatch.Version, input, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<Ok<DocumentDto>, ValidationProblem, ProblemHttpResult>> IssueAsync(int id,
        [AsParameters] IfMatch ifMatch, UserScope scope, DocumentService service, HttpContext http, CancellationToken ct) =>
        (await service.IssueAsync(id, ifMatch.Header is null ? null : ifMatch.Version, scope, ct)).ToHttp(http, d => d.Version);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> FileAsync(int id, string? format,
        UserScope scope, DocumentService service, CancellationToken ct)
    {
        var result = await service.FileAsync(id, format, scope, ct);
        if (result.Failure == FailureKind.Invalid) return TypedResults.ValidationProblem(result.Errors);
        if (!result.IsOk) return ApiResults.Problem(result);
        var (content, contentType, name) = result.Value;
        return TypedResults.File(content, contentType, name);
    }
}
