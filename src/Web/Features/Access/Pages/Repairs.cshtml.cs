using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access.Pages;

/// Repair tickets of a site, moved on step by step, and the share of working computers of every site in scope,
/// flagged below the threshold.
/// The forms are for the roles that keep a site's records, as on the API; the handlers still check the site itself.
public sealed class RepairsModel(ListTickets tickets, ReportBroken report, AssignRepair assign, ResolveRepair resolve,
    ListComputers computers, ListWorkingShares shares, AppDbContext db, TimeProvider clock, Text text,
    IOptions<AccessOptions> options) : AccessPage(db, clock)
{
    public IReadOnlyList<TicketDto> Tickets { get; private set; } = [];
    public IReadOnlyList<SiteShare> Shares { get; private set; } = [];
    public IReadOnlyList<ComputerDto> Reportable { get; private set; } = [];
    public int Threshold => options.Value.WorkingShareThreshold;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(int computerId, string? problem, DateTime? reportedAt, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await report.HandleAsync(new ReportInput(computerId, problem, Local(reportedAt)), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Reported", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostStepAsync(int ticketId, TicketStep step, string? assignedTo, DateTime? at, string? note,
        string? replacementAssetTag, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var input = new TicketStepInput(assignedTo, Local(at), note, replacementAssetTag);
        var result = step == TicketStep.Assign
            ? await assign.HandleAsync(ticketId, input, Scope, ct)
            : await resolve.HandleAsync(ticketId, step, input, Scope, ct);
        var done = result.IsOk ? text.Format("Access.TicketNow", result.Value!.Id, text.Enum(result.Value.Status)) : "";
        return await OutcomeAsync(result, done, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        Shares = await shares.HandleAsync(Scope, null, ct);
        if (Site is null) return;
        Tickets = await tickets.HandleAsync(new TicketQuery(Site.Id, null), Scope, ct);
        Reportable = (await computers.HandleAsync(new ComputerQuery(Site.Id, null, null), Scope, ct))
            .Where(c => c.OpenTicketId is null && c.Status is EquipmentStatus.Working or EquipmentStatus.Broken).ToList();
    }
}
