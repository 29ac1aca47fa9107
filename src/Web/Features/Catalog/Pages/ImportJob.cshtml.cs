using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Catalog.Pages;

/// The progress of an import. Its state lives in the database, so the page can be reloaded, or left and found again.
[Authorize(Roles = SaveTitle.WriterRoles)]
public sealed class ImportJobModel(GetImport get, ListImportIssues issues) : PageModel
{
    public ImportJobDto Job { get; private set; } = null!;
    public IReadOnlyList<ImportIssueDto> Issues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var job = await get.HandleAsync(id, scope, ct);
        if (!job.IsOk) return NotFound();
        Job = job.Value!;
        Issues = (await issues.HandleAsync(id, scope, ct)).Value ?? [];
        return Page();
    }
}
