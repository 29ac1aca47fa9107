using Bookpost.Web.Features.Evaluation.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Evaluation.Pages;

/// The history import: download the template, upload the filled file, read the per-row preview, import all rows or none.
/// As the points import: the previewed file waits under a token tied to the user, so the commit imports exactly it.
[RequestSizeLimit(ImportHistory.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportHistory.MaxBytes + 64 * 1024)]
public sealed class HistoryModel(ImportHistory import, HistoryTemplate template, HistoryUploads uploads, Text text) : PageModel
{
    public HistoryPreview? Preview { get; private set; }
    public string? Token { get; private set; }
    public bool Replace { get; private set; }
    public HistoryCommitted? Committed { get; private set; }

    private UserScope Scope => UserScope.FromPrincipal(User)!;

    public IActionResult OnGet() => Scope.Is(ImportHistory.Importers) ? Page() : Forbid();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) => Scope.Is(ImportHistory.Importers)
        ? File(await template.BuildAsync(Scope, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            HistoryTemplate.FileName)
        : Forbid();

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, bool replace, CancellationToken ct)
    {
        if (!Scope.Is(ImportHistory.Importers)) return Forbid();
        Replace = replace;
        if (file is null || file.Length == 0)
        {
            Preview = new HistoryPreview([text["History.Empty"]], []);
            return Page();
        }
        if (file.Length > ImportHistory.MaxBytes)
        {
            Preview = new HistoryPreview([text.Format("History.TooLarge", ImportHistory.MaxBytes / 1024 / 1024)], []);
            return Page();
        }
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        Preview = await import.PreviewAsync(stream, file.FileName, replace, Scope, ct);
        if (Preview.CanCommit)
        {
            stream.Position = 0;
            Token = await uploads.SaveAsync(stream, Scope, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string? token, bool replace, CancellationToken ct)
    {
        if (!Scope.Is(ImportHistory.Importers)) return Forbid();
        if (uploads.Find(token, Scope) is not { } path)
        {
            Preview = new HistoryPreview([text["History.Expired"]], []);
            return Page();
        }
        Result<HistoryCommitted> result;
        try
        {
            await using var source = System.IO.File.OpenRead(path);
            result = await import.CommitAsync(source, path, replace, Scope, ct);
        }
        finally
        {
            HistoryUploads.Delete(path); // the upload is not kept once the import has run, well or not
        }
        if (result.IsOk) Committed = result.Value;
        else Preview = new HistoryPreview(result.Errors.SelectMany(e => e.Value).ToList(), []);
        return Page();
    }

    /// A column key's words for the preview (the form's Vietnamese name; the figures as one word).
    public string ColumnName(string key) => key == "figures" ? text["History.Figures"]
        : HistoryFile.Columns.FirstOrDefault(c => c.Key == key).Heading ?? key;
}
