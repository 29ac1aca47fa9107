namespace Bookpost.Web.Features.Rotation;

public sealed record ShipmentQuery(ShipmentStatus? Status = null, string? Direction = null, int? Set = null, int? Page = null,
    int? PageSize = null);

public sealed class ListShipments(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<ShipmentSummaryDto>>> HandleAsync(ShipmentQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (query.Direction is not (null or "" or "incoming" or "outgoing")) errors.Add("direction", text["Rotation.DirectionValues"]);
        if (errors.Any) return errors.ToResult<PagedList<ShipmentSummaryDto>>();
        var shipments = RotationScope.Shipments(db, scope, clock.Today());
        if (query.Status is { } status) shipments = shipments.Where(s => s.Status == status);
        if (query.Set is { } set) shipments = shipments.Where(s => s.SetId == set);
        if (scope.PointId is { } here && query.Direction == "incoming") shipments = shipments.Where(s => s.ToId == here);
        if (scope.PointId is { } there && query.Direction == "outgoing") shipments = shipments.Where(s => s.FromId == there);
        return await shipments.OrderByDescending(s => s.DispatchedAt).ThenByDescending(s => s.Id).ToSummaries().ToPagedAsync(page, ct);
    }
}
