using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Catalog.Pages;

/// A plain form for a title: no MARC knowledge needed. The version read travels with the form. Only the catalogue
/// writers open or post it (SaveTitle leaves the role check to its callers).
[Authorize(Roles = SaveTitle.WriterRoles)]
public sealed class TitleEditModel(GetTitle get, SaveTitle save, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public TitleInput Input { get; set; } = new();

    /// ISBNs as the user types them, separated by commas, semicolons or spaces.
    [BindProperty]
    public string? IsbnText { get; set; }

    [BindProperty]
    public long? Version { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (Id is { } id)
        {
            var result = await get.HandleAsync(id, scope, ct);
            if (!result.IsOk) return NotFound();
            Input = result.Value!.Title.ToInput();
            IsbnText = string.Join(", ", result.Value.Title.Isbns);
            Version = result.Value.Title.Version;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (!ModelState.IsValid) return Page();
        var input = Input with { Isbns = (IsbnText ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) };
        var result = await save.HandleAsync(Id, Version, input, UserScope.FromPrincipal(User)!, ct);
        if (result.IsOk) return Redirect($"/Catalog/Titles/{result.Value!.Title.Id}");
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (result.Failure == FailureKind.Invalid)
        {
            PageErrors.AddTo(ModelState, result.Errors);
            if (ModelState.TryGetValue("Input.Isbns", out var isbns))
            {
                var messages = isbns.Errors.Select(e => e.ErrorMessage).ToList();
                ModelState.Remove("Input.Isbns");
                foreach (var m in messages) ModelState.AddModelError(nameof(IsbnText), m);
            }
        }
        else Message = result.Message;
        return Page();
    }
}
