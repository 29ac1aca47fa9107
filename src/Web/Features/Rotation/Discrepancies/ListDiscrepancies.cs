namespace Bookpost.Web.Features.Rotation;

public sealed class ListDiscrepancies(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<DiscrepancyDto>>> HandleAsync(bool? open, int? page, int? pageSize, UserScope scope,
        CancellationToken ct)

    {
        var errors = new FieldErrors();
        var request = Paging.Validate(page, pageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<DiscrepancyDto>>();
        var shipments = RotationScope.Shipments(db, scope, clock.Today()).Select(s => s.Id);
        var rows = db.Discrepancies.Where(d => shipments.Contains(d.ShipmentId));
        if (open != false) rows = rows.Where(d => d.Resolution == null);
        return await rows.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id).ToDtos().ToPagedAsync(request, ct);
    }
}
