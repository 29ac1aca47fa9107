namespace Bookpost.Web.Features.Network.Points;

public sealed class GetPoint(AppDbContext db, TimeProvider clock)
{
    /// A point outside the user's scope is reported exactly like one that does not exist.
    public async Task<Result<PointDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var point = await db.ServicePoints.Where(p => p.Id == id).VisibleTo(db, scope, today).ToDtos(db, today).SingleOrDefaultAsync(ct);
        if (point is null) return Result<PointDetailDto>.NotFound();
        var history = await db.ServicePointStatusChanges
            .Where(c => c.ServicePointId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new StatusChangeDto(c.From, c.To, c.ChangedAt, c.ChangedBy, c.Reason))
            .ToListAsync(ct);
        return new PointDetailDto(point, history);
    }
}
