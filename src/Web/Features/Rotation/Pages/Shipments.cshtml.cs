namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class ShipmentsModel(ListShipments list) : RotationPage
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public ShipmentStatus? Status { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Direction { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public PagedList<ShipmentSummaryDto> Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new ShipmentQuery(Status, Direction is "incoming" or "outgoing" ? Direction : null, Page: Math.Max(1, PageNumber));
        Result = (await list.HandleAsync(query, Scope, ct)).Value ?? Result;
    }
}
