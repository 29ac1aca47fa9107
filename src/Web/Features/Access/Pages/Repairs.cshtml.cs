using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access.Pages;

/// Repair tickets of a site, moved on step by step, and the share of working computers of every site in scope,
/// flagged below the threshold.
public sealed class RepairsModel(Repairs repairs, Equipment equipment, AppDbContext db, TimeProvider clock, Text text, IOptions<AccessOptions> options) : AccessPage(db, clock)
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
        var result = await repairs.ReportAsync(new ReportInput(computerId, problem, Local(reportedAt)), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Reported", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostStepAsync(int ticketId, TicketStep step, string? assignedTo, DateTime? at, string? note, string? replacementAssetTag, CancellationToken ct)
    {
        var result = await repairs.AdvanceAsync(ticketId, step, new TicketStepInput(assignedTo, Local(at), note, replacementAssetTag), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.TicketNow", result.Value!.Id, text.Enum(result.Value.Status)) : "", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        Shares = await equipment.SharesAsync(Scope, null, ct);
        if (Site is null) return;
        Tickets = await repairs.ListAsync(new TicketQuery(Site.Id, null), Scope, ct);
        Reportable = (await equipment.ListAsync(new ComputerQuery(Site.Id, null, null), Scope, ct))
            .Where(c => c.OpenTicketId is null && c.Status is EquipmentStatus.Working or EquipmentStatus.Broken).ToList();
    }
}
