using Bookpost.Web.Features.Evaluation.Documents;
using Bookpost.Web.Features.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Evaluation.Pages;

/// The report documents of the caller's scope, newest first, and the form that makes a new draft from a template and a
/// period (the same period fields as the indicator page).
[Authorize(Roles = "Admin,Monitor,District,Commune")]
public sealed class DocumentsModel(DocumentService service) : PageModel
{
    public IReadOnlyList<DocumentSummary> List { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public string? Template { get; set; }
    [BindProperty] public PeriodKind? Period { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => List = await service.ListAsync(UserScope.FromPrincipal(User)!, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var result = await service.CreateAsync(new CreateDocumentInput(Template, Period, Year, Number, From, To), scope, ct);
        if (result.IsOk) return RedirectToPage("/Evaluation/Pages/Document", new { id = result.Value!.Id });
        Errors = result.Errors;
        List = await service.ListAsync(scope, ct);
        return Page();
    }
}
