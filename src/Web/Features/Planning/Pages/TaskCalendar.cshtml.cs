using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The user's calendar link: made here (shown once, since only its SHA-256 is kept), made again (the old one stops),
/// or revoked.
public sealed class TaskCalendarModel(TaskFeed feed, Text text) : ActionPage
{
    public TaskFeed.LinkState? State { get; private set; }

    /// The link just made, shown on this answer only.
    public string? NewLink { get; private set; }
    public override string Back => "/Planning/Tasks/Calendar";

    public async Task OnGetAsync(CancellationToken ct) => State = await feed.StateAsync(Scope, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var secret = await feed.CreateAsync(Scope, ct);
        NewLink = $"{Request.Scheme}://{Request.Host}{TaskFeed.Path}{secret}.ics";
        State = await feed.StateAsync(Scope, ct);
        // Not a redirect: the secret is never stored, so this answer is the only place it appears.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await feed.RevokeAsync(Scope, ct);
        TempData["Flash"] = text["Tasks.FeedRevoked"];
        return Redirect(Back);
    }
}
