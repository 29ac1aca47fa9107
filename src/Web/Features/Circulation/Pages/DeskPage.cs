using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Circulation.Pages;

/// What the desk pages share. They are the point operator's (Admin may open them for a point with ?point=ID).
/// Every action form carries a one-time key (a replay or a double tap is answered once) and, when the page queued it
/// offline, the time it really happened. A refused action re-renders with the message and says so in a header, so
/// the offline queue can tell the operator.
[Idempotent]
public abstract class DeskPage : PageModel
{
    public UserScope Scope => UserScope.FromPrincipal(User)!;

    [BindProperty(SupportsGet = true, Name = "point")]
    public int? RequestedPoint { get; set; }

    [BindProperty] public DateTimeOffset? OccurredAt { get; set; }

    public int? PointId => CirculationScope.DeskPoint(Scope, RequestedPoint);

    public string? Error { get; protected set; }

    /// A fresh key for each rendered form.
    public static string NewKey() => Guid.NewGuid().ToString("N");

    public string Back => PointId is { } p && Scope.Role == AppRole.Admin ? $"{Request.Path}?point={p}" : Request.Path.ToString();

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
