namespace Bookpost.Web.Features.Circulation;

/// Copies on their way back to their set after a return elsewhere, from or to the points in the caller's area.
public sealed class ListTransfers(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TransferDto>> HandleAsync(bool open, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var rows = db.Transfers.Where(t => points.Contains(t.FromPointId) || points.Contains(t.ToPointId));
        if (open) rows = rows.Where(t => t.Status != TransferStatus.Received);
        return await rows.OrderBy(t => t.CreatedAt).Take(500).ToDtos().ToListAsync(ct);
    }
}
