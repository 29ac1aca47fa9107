using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Catalog.Pages;

public sealed class TitleDetailsModel(GetTitle get) : PageModel
{
    public TitleDetailDto Detail { get; private set; } = null!;
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var result = await get.HandleAsync(id, scope, ct);
        if (!result.IsOk) return NotFound();
        Detail = result.Value!;
        CanWrite = scope.Is(SaveTitle.Writers);
        return Page();
    }
}
