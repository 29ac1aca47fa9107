using Bookpost.Web.Features.People;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

/// The live board of a site: which computers are in use and for how long (with a warning past the time limit), and
/// one form to start a session with the user's anonymous profile.
public sealed class BoardModel(ShowBoard board, StartSession start, EndSession end, ReportBroken report, AppDbContext db,
    TimeProvider clock, Text text)
    : AccessPage(db, clock)
{
    public Board? Board { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(int computerId, Sex? sex, AgeBand? ageBand, Occupation? occupation,
        bool ethnicMinority, bool poorHousehold, bool firstTime, int? limitMinutes, AccessPurpose[] purposes, DateTimeOffset? occurredAt,
        CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Desk)) return Forbid();
        var profile = new SessionProfile(sex, ageBand, ethnicMinority, poorHousehold, occupation, firstTime);
        var result = await start.HandleAsync(new StartInput(computerId, profile, purposes, limitMinutes, occurredAt), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Started", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostCloseAsync(long sessionId, AccessPurpose[] purposes, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Desk)) return Forbid();
        var result = await end.HandleAsync(sessionId, new CloseInput(null, purposes), Scope, ct);
        var done = result.IsOk ? text.Format("Access.Closed", result.Value!.AssetTag, result.Value.Minutes) : "";
        return await OutcomeAsync(result, done, () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostReportAsync(int computerId, string? problem, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await report.HandleAsync(new ReportInput(computerId, problem), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Reported", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is not null) Board = (await board.HandleAsync(Site.Id, Scope, ct)).Value;
    }
}
