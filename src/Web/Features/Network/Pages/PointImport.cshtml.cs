using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Network.Pages;

/// Upload → preview with per-row errors → commit. The uploaded file waits in the data folder under a random
/// token tied to the user, so the commit imports exactly the file that was previewed.
[RequestSizeLimit(ImportPoints.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportPoints.MaxBytes + 64 * 1024)]
public sealed class PointImportModel(ImportPoints import, IOptions<DatabaseOptions> database, Text text) : PageModel
{
    public ImportPreview? Preview { get; private set; }
    public string? Token { get; private set; }
    public int? Committed { get; private set; }

    public IActionResult OnGet() => UserScope.FromPrincipal(User)!.Is(CreatePoint.Writers) ? Page() : Forbid();

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        if (file is null || file.Length == 0)
        {
            Preview = new ImportPreview([text["Import.Empty"]], []);
            return Page();
        }
        if (file.Length > ImportPoints.MaxBytes)
        {
            Preview = new ImportPreview([text.Format("Import.TooLarge", ImportPoints.MaxBytes / 1024 / 1024)], []);
            return Page();
        }
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        var token = $"{Guid.NewGuid():N}{extension}";
        var path = PendingPath(scope, token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Previews that were never committed are not kept past a day.
        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(path)!)
                     .Where(f => DateTime.UtcNow - System.IO.File.GetLastWriteTimeUtc(f) > TimeSpan.FromDays(1)).ToList())
            System.IO.File.Delete(stale);
        await using (var target = System.IO.File.Create(path)) await file.CopyToAsync(target, ct);
        try
        {
            await using (var source = System.IO.File.OpenRead(path)) Preview = await import.PreviewAsync(source, file.FileName, scope, ct);
        }
        finally
        {
            if (Preview?.CanCommit != true) System.IO.File.Delete(path);
        }
        if (Preview.CanCommit) Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string? token, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        if (token is null || token.Length > 60 || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.')) return BadRequest();
        var path = PendingPath(scope, token);
        if (!System.IO.File.Exists(path))
        {
            Preview = new ImportPreview([text["Import.Expired"]], []);
            return Page();
        }
        Bookpost.Web.Infrastructure.Errors.Result<ImportPreview> result;
        try
        {
            await using (var source = System.IO.File.OpenRead(path)) result = await import.CommitAsync(source, token, scope, ct);
        }
        finally
        {
            System.IO.File.Delete(path); // the upload is not kept once the import has run, well or not
        }
        if (result.IsOk) Committed = result.Value!.Rows.Count;
        else Preview = new ImportPreview(result.Errors.SelectMany(e => e.Value).ToList(), []);
        return Page();
    }

    private string PendingPath(UserScope scope, string token) =>
        Path.Combine(database.Value.FilesRoot, "imports", scope.UserId, token);
}
