using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Rotation.Pages;

/// What rotation pages share: the caller's scope, and the post-redirect-get of an action with its outcome shown
/// once on the next page (a success note, or the handler's message in the user's language).
public abstract class RotationPage : PageModel
{
    public const string FlashKey = "Flash";
    public const string FlashErrorKey = "FlashError";

    public UserScope Scope => UserScope.FromPrincipal(User)!;

    public bool IsPlanner => Scope.Is(RotationScope.Planners);

    protected IActionResult Done<T>(Result<T> result, string success, string back)
    {
        if (result.IsOk) TempData[FlashKey] = success;
        else if (result.Failure == FailureKind.NotFound) return NotFound();
        else TempData[FlashErrorKey] = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        return Redirect(back);
    }
}
