using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

/// The rotation home. A point's operator sees what is coming and what is here to send on; the library sees what
/// needs attention: overdue sets, open discrepancies, the newest cycles and journeys.
public sealed class HubModel(
    ListShipments shipments, ListSets sets, ListOverdue overdue, ListDiscrepancies discrepancies, ListCycles cycles) : RotationPage
{
    public IReadOnlyList<ShipmentSummaryDto> Incoming { get; private set; } = [];
    public IReadOnlyList<ShipmentSummaryDto> Recent { get; private set; } = [];
    public IReadOnlyList<SetSummaryDto> Here { get; private set; } = [];
    public IReadOnlyList<OverdueDto> Overdue { get; private set; } = [];
    public IReadOnlyList<CycleSummaryDto> Cycles { get; private set; } = [];
    public int OpenDiscrepancies { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = Scope;
        if (scope.PointId is { } here)
        {
            Incoming = (await shipments.HandleAsync(new ShipmentQuery(ShipmentStatus.InTransit, "incoming", PageSize: 50), scope, ct))
                .Value!.Items;
            Here = (await sets.HandleAsync(new SetQuery(Location: here, PageSize: 50), scope, ct)).Value!.Items
                .Where(s => s.Status is SetStatus.AtPoint or SetStatus.Home or SetStatus.Ready).ToList();
        }
        Recent = (await shipments.HandleAsync(new ShipmentQuery(PageSize: 10), scope, ct)).Value!.Items;
        Overdue = await overdue.HandleAsync(scope, ct);
        OpenDiscrepancies = (await discrepancies.HandleAsync(true, 1, 1, scope, ct)).Value!.Total;
        Cycles = (await cycles.HandleAsync(1, 5, scope, ct)).Value!.Items;
        return Page();
    }

    public static string Show(DateTime? at) => at is { } t ? VnTime.Show(t) : "";
}
