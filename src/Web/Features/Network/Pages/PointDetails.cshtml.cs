using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

public sealed class PointDetailsModel(GetPoint get) : PageModel
{
    public PointDetailDto Point { get; private set; } = null!;
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var result = await get.HandleAsync(id, scope, ct);
        if (!result.IsOk) return NotFound();
        Point = result.Value!;
        CanWrite = scope.Is(CreatePoint.Writers);
        return Page();
    }
}
