using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Infrastructure.Pages;

/// A page whose forms act: every form carries a one-time key (a replay or a double tap is answered once), a success
/// redirects back with a message, and a refusal re-renders the page with the message (and says so in a header, so
/// the offline queue can tell the operator).
[Idempotent]
public abstract class ActionPage : PageModel
{
    public UserScope Scope => UserScope.FromPrincipal(User)!;

    public string? Error { get; protected set; }

    /// A fresh key for each rendered form.
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// Where a successful action returns to.
    public abstract string Back { get; }

    protected async Task<IActionResult> OutcomeAsync<T>(Result<T> result, string success, Func<Task> reload)
    {
        if (result.IsOk)
        {
            TempData["Flash"] = success;
            return Redirect(Back);
        }
        if (result.Failure == FailureKind.NotFound) return NotFound();
        Error = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        Response.Headers["X-Bookpost-Outcome"] = "error";
        Response.Headers["X-Bookpost-Message"] = Uri.EscapeDataString(Error);
        await reload();
        return Page();
    }
}
