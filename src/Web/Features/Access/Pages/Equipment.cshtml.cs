using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Access.Pages;

/// The equipment of a site with its status history, kiosk tokens, and the Internet line with its outages.
/// Every form here keeps a site's records: only the roles that may (the API's RequireScope) get past the role check,
/// and the handlers still check the site itself.
public sealed class EquipmentModel(ListComputers list, RegisterComputer register, EditComputer edit, ChangeComputerStatus changeStatus,
    IssueKioskToken token, GetInternet internet, SaveConnection connection, RecordOutage record, EndOutage endOutage, AppDbContext db,
    TimeProvider clock, Text text) : AccessPage(db, clock)
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

    public async Task<IActionResult> OnPostAddAsync(string? assetTag, EquipmentKind? kind, EquipmentSource? source, int? yearReceived,
        string? specs, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        await LoadSiteAsync(ct);
        var result = await register.HandleAsync(new ComputerInput(Site?.Id, assetTag, kind, source, yearReceived, specs), Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Added", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostEditAsync(int computerId, long version, string? assetTag, EquipmentKind? kind,
        EquipmentSource? source, int? yearReceived, string? specs, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await edit.HandleAsync(computerId, version, new ComputerInput(null, assetTag, kind, source, yearReceived, specs),
            Scope, ct);
        return await OutcomeAsync(result, result.IsOk ? text.Format("Access.Edited", result.Value!.AssetTag) : "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostStatusAsync(int computerId, EquipmentStatus? status, string? reason, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await changeStatus.HandleAsync(computerId, new StatusInput(status, reason), Scope, ct);
        var done = result.IsOk ? text.Format("Access.StatusChanged", result.Value!.AssetTag, text.Enum(result.Value.Status)) : "";
        return await OutcomeAsync(result, done, () => LoadAsync(ct));
    }

    /// The token is shown on this answer only: it is not stored anywhere it could be read back.
    public async Task<IActionResult> OnPostTokenAsync(int computerId, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await token.HandleAsync(computerId, Scope, ct);
        if (!result.IsOk) return await OutcomeAsync(result, "", () => LoadAsync(ct));
        Token = result.Value;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInternetAsync(string? provider, int? bandwidthMbps, long? monthlyCostVnd, DateOnly? since,
        CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        await LoadSiteAsync(ct);
        if (Site is null) return NotFound();
        var result = await connection.HandleAsync(Site.Id, new ConnectionInput(provider, bandwidthMbps, monthlyCostVnd, since), Scope, ct);
        return await OutcomeAsync(result, text["Common.Saved"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostOutageAsync(DateTime? startedAt, DateTime? endedAt, string? note, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        await LoadSiteAsync(ct);
        if (Site is null) return NotFound();
        var result = await record.HandleAsync(Site.Id, new OutageInput(Local(startedAt), Local(endedAt), note), Scope, ct);
        return await OutcomeAsync(result, text["Access.OutageLogged"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostEndOutageAsync(int outageId, DateTime? endedAt, CancellationToken ct)
    {
        if (!Scope.Is(AccessScope.Managers)) return Forbid();
        var result = await endOutage.HandleAsync(outageId, new EndOutageInput(Local(endedAt)), Scope, ct);
        return await OutcomeAsync(result, text["Access.OutageEndedNow"], () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadSiteAsync(ct);
        if (Site is null) return;
        List = await list.HandleAsync(new ComputerQuery(Site.Id, null, null), Scope, ct);
        History = await EquipmentStatusChange.HistoriesAsync(Db, List.Select(c => c.Id).ToList(), ct);
        Line = (await internet.HandleAsync(Site.Id, Scope, ct)).Value;
    }

    /// The statuses a person may move equipment to by hand from here (tickets do the rest).
    public static IEnumerable<EquipmentStatus> ManualMoves(EquipmentStatus from) =>
        Enum.GetValues<EquipmentStatus>().Where(to => EquipmentStates.CanMove(from, to) && to != EquipmentStatus.UnderRepair);
}
