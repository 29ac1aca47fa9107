using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

/// The equipment of a site with its status history, kiosk tokens, and the Internet line with its outages.
public sealed class EquipmentModel(Equipment equipment, Internet internet, AppDbContext db, TimeProvider clock, Text text) : AccessPage(db, clock)
{
    public IReadOnlyList<ComputerDto> List { get; private set; } = [];
    public Dictionary<int, IReadOnlyList<StatusChangeDto>> History { get; private set; } = [];
    public InternetDto? Line { get; private set; }
    public KioskTokenDto? Token { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? assetTag, EquipmentKind? kind, EquipmentSource? source, int? yearReceived, string? specs, CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        var result = await equipment.SaveAsync(null, null, new ComputerInput(Site?.Id, assetTag, kind, source, yearReceived, specs), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Added", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostEditAsync(int computerId, long version, string? assetTag, EquipmentKind? kind, EquipmentSource? source, int? yearReceived,
        string? specs, CancellationToken ct)
    {
        var result = await equipment.SaveAsync(computerId, version, new ComputerInput(null, assetTag, kind, source, yearReceived, specs), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Edited", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostStatusAsync(int computerId, EquipmentStatus? status, string? reason, CancellationToken ct)
    {
        var result = await equipment.ChangeStatusAsync(computerId, new StatusInput(status, reason), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.StatusChanged", result.Value!.AssetTag, text.Enum(result.Value.Status)) : "", () => LoadAsync(ct));
    }

    /// The token is shown on this answer only: it is not stored anywhere it could be read back.
    public async Task<IActionResult> OnPostTokenAsync(int computerId, CancellationToken ct)
    {
        var result = await equipment.IssueTokenAsync(computerId, Scope, ct);
        if (!result.IsOk) return await OutcomeAsync(result, "", () => LoadAsync(ct));
        Token = result.Value;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInternetAsync(string? provider, int? bandwidthMbps, long? monthlyCostVnd, DateOnly? since, CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return NotFound();
        var result = await internet.SaveAsync(Site.Id, new ConnectionInput(provider, bandwidthMbps, monthlyCostVnd, since), Scope, ct);
        return await OutcomeAsync(result, text["Common.Saved"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostOutageAsync(DateTime? startedAt, DateTime? endedAt, string? note, CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return NotFound();
        var result = await internet.RecordAsync(Site.Id, new OutageInput(Local(startedAt), Local(endedAt), note), Scope, ct);
        return await OutcomeAsync(result, text["Access.OutageLogged"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostEndOutageAsync(int outageId, DateTime? endedAt, CancellationToken ct)
    {
        var result = await internet.EndAsync(outageId, new EndOutageInput(Local(endedAt)), Scope, ct);
        return await OutcomeAsync(result, text["Access.OutageEndedNow"], () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return;
        List = await equipment.ListAsync(new ComputerQuery(Site.Id, null, null), Scope, ct);
        History = await equipment.HistoriesAsync(List.Select(c => c.Id).ToList(), ct);
        Line = (await internet.GetAsync(Site.Id, Scope, ct)).Value;
    }

    /// The statuses a person may move equipment to by hand from here (tickets do the rest).
    public static IEnumerable<EquipmentStatus> ManualMoves(EquipmentStatus from) =>
        Enum.GetValues<EquipmentStatus>().Where(to => EquipmentStates.CanMove(from, to) && to != EquipmentStatus.UnderRepair);
}
