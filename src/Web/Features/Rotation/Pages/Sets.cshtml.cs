using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class SetsModel(ListSets list, SaveSet save, Text text) : RotationPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public SetStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public SetInput Input { get; set; } = new();

    public PagedList<SetSummaryDto> Result { get; private set; } = new([], 0, 1, 50);
    public List<SelectListItem> Themes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Only planners make sets, as on the API route; the handler no longer checks the role.
        if (!IsPlanner) return Forbid();
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(null, null, Input, Scope, ct);
            if (result.IsOk) return Redirect($"/Rotation/Sets/{result.Value!.Set.Id}");
            if (result.Failure == Infrastructure.Errors.FailureKind.Invalid) PageErrors.AddTo(ModelState, result.Errors);
            else ModelState.AddModelError("", result.Message ?? "");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = (await list.HandleAsync(new SetQuery(Q, Status, Page: Math.Max(1, PageNumber)), Scope, ct)).Value ?? Result;
        Themes = Enum.GetValues<SetTheme>().Select(t => new SelectListItem(text.Enum(t), t.ToString())).ToList();
    }
}
