using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Portal.Desk;

/// The holds placed on the public portal, at the desk: the point's operator (and Admin, every point) sees the open
/// holds with name and number and marks them ready, collected or cancelled; every other role sees how many holds each
/// point in its scope has open, never who asked.
public sealed class HoldsModel(ListHolds list, ChangeHold change, Text text) : ActionPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedList<HoldDto>? Rows { get; private set; }
    public IReadOnlyList<HoldCount> Counts { get; private set; } = [];
    public bool AtDesk => Scope.Is(HoldScope.Desk);
    public override string Back => "/Circulation/Holds" + (string.IsNullOrEmpty(Status) ? "" : $"?Status={Uri.EscapeDataString(Status)}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostReadyAsync(long id, long? version, CancellationToken ct) =>
        MoveAsync(id, ChangeHold.Step.Ready, version, null, "Portal.Holds.MarkedReady", ct);

    public Task<IActionResult> OnPostCollectedAsync(long id, long? version, CancellationToken ct) =>
        MoveAsync(id, ChangeHold.Step.Collected, version, null, "Portal.Holds.MarkedCollected", ct);

    public Task<IActionResult> OnPostCancelAsync(long id, long? version, string? reason, CancellationToken ct) =>
        MoveAsync(id, ChangeHold.Step.Cancel, version, reason, "Portal.Holds.MarkedCancelled", ct);

    private async Task<IActionResult> MoveAsync(long id, ChangeHold.Step step, long? version, string? reason, string done,
        CancellationToken ct)
    {
        if (!AtDesk) return Forbid();
        var result = await change.HandleAsync(id, step, version, reason, Scope, ct);
        return await OutcomeAsync(result, text[done], async () => await LoadAsync(ct));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!AtDesk)
        {
            Counts = await list.CountsAsync(Scope, ct);
            return true;
        }
        var result = await list.HandleAsync(new HoldQuery(null, Status, PageNumber, 50), Scope, ct);
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            return false;
        }
        Rows = result.Value;
        return true;
    }

    public string PageHref(int page) => $"/Circulation/Holds?Status={Uri.EscapeDataString(Status ?? "")}&p={page}";
}
