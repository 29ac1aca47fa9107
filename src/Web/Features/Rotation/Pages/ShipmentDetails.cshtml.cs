using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

/// One journey. At the destination, the receipt form: scan every copy into the box (a keyboard-wedge scanner types
/// each code and Enter), list any damaged ones, and confirm. It works with no JavaScript at all.
public sealed class ShipmentDetailsModel(GetShipment get, ReceiveShipment receive, Text text) : RotationPage
{
    public ShipmentDetailDto Detail { get; private set; } = null!;
    public bool CanReceive { get; private set; }
    [BindProperty] public string? Barcodes { get; set; }
    [BindProperty] public string? Damaged { get; set; }
    [BindProperty] public long? Version { get; set; }
    [BindProperty] public HandoverPerson? People { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await receive.HandleAsync(id, new ReceiveInput([Barcodes ?? ""], [Damaged ?? ""], Version, People), Scope, ct);
        if (result.IsOk)
        {
            var open = result.Value!.Discrepancies.Count;
            TempData[FlashKey] = open == 0 ? text["Rotation.ReceivedAll"] : text.Format("Rotation.ReceivedWithDiscrepancies", open);
            return Redirect($"/Rotation/Shipments/{id}");
        }
        if (result.Failure == Infrastructure.Errors.FailureKind.NotFound) return NotFound();
        Error = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, Scope, ct);
        if (!result.IsOk) return false;
        Detail = result.Value!;
        CanReceive = Detail.Shipment.Status == ShipmentStatus.InTransit && RotationScope.IsAt(Scope, Detail.Shipment.ToId);
        return true;
    }
}
