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
        return new PointDetailDto(point, history, await CommunesAsync(db, id, today, ct));
    }

    /// The point's commune history, latest first. A row's code is named by the unit version valid on the row's first day
    /// (its last day when it has no start): a code alone may name different units over time.
    public static async Task<IReadOnlyList<PointCommuneDto>> CommunesAsync(AppDbContext db, int pointId, DateOnly today,
        CancellationToken ct)
    {
        var rows = await db.PointCommunes.Where(l => l.ServicePointId == pointId).AsNoTracking().ToListAsync(ct);
        var codes = rows.Select(r => r.CommuneCode).Distinct().ToList();
        var versions = await db.AdminUnits.Where(u => codes.Contains(u.Code)).AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(r => r.ValidFrom ?? DateOnly.MinValue).Select(r =>
        {
            var day = r.ValidFrom ?? r.ValidTo?.AddDays(-1) ?? today;
            var name = versions.FirstOrDefault(u => u.Code == r.CommuneCode && u.IsValidOn(day))?.Name;
            return new PointCommuneDto(r.CommuneCode, name, r.ValidFrom, r.ValidTo, r.Note, r.NeedsReview, r.ReviewedBy, r.ReviewedAt);
        }).ToList();
    }
}
