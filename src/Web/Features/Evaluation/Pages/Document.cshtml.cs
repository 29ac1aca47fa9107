using Bookpost.Web.Features.Evaluation.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Evaluation.Pages;

/// One report document: its details and text sections to edit while it is a draft, a preview of its tables and charts,
/// Save and Issue, and its files. An issued document shows its frozen figures and what would differ today.
[Authorize(Roles = "Admin,Monitor,District,Commune")]
public sealed class DocumentModel(DocumentService service, Text text) : PageModel
{
    public DocumentDto? Doc { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public long Version { get; set; }
    [BindProperty] public int? DocumentNumber { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? SignerName { get; set; }
    [BindProperty] public string? SignerTitle { get; set; }
    [BindProperty] public bool SignsForHead { get; set; }
    [BindProperty] public string? Recipients { get; set; }
    [BindProperty] public Dictionary<string, string?> Sections { get; set; } = [];

    private UserScope Scope => UserScope.FromPrincipal(User)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await service.GetAsync(id, Scope, ct);
        if (!result.IsOk) return NotFound();
        Doc = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        var input = new EditDocumentInput(DocumentNumber, Date, Place ?? "", SignerName ?? "", SignerTitle ?? "", SignsForHead,
            [Recipients ?? ""], Sections);
        var result = await service.EditAsync(id, Version, input, Scope, ct);
        return await AfterAsync(id, result, text["Documents.Saved"], ct);
    }

    /// The Issue button sits in the same form as the fields: what was just typed is saved first, then issued.
    public async Task<IActionResult> OnPostIssueAsync(int id, CancellationToken ct)
    {
        var input = new EditDocumentInput(DocumentNumber, Date, Place ?? "", SignerName ?? "", SignerTitle ?? "", SignsForHead,
            [Recipients ?? ""], Sections);
        var saved = await service.EditAsync(id, Version, input, Scope, ct);
        if (!saved.IsOk) return await AfterAsync(id, saved, text["Documents.Saved"], ct);
        var result = await service.IssueAsync(id, saved.Value!.Version, Scope, ct);
        return await AfterAsync(id, result, text["Documents.IssuedDone"], ct);
    }

    public async Task<IActionResult> OnGetFileAsync(int id, string? format, CancellationToken ct)
    {
        var result = await service.FileAsync(id, format, Scope, ct);
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (!result.IsOk) return BadRequest();
        var (content, contentType, name) = result.Value;
        return File(content, contentType, name);
    }

    private async Task<IActionResult> AfterAsync(int id, Result<DocumentDto> result, string done, CancellationToken ct)
    {
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (result.IsOk)
        {
            // The layout shows the flash once, on the page the redirect leads to.
            TempData["Flash"] = done;
            return RedirectToPage(new { id });
        }
        Errors = result.Message is { } message ? new Dictionary<string, string[]> { [""] = [message] } : result.Errors;
        var current = await service.GetAsync(id, Scope, ct);
        Doc = current.Value;
        return Page();
    }
}
