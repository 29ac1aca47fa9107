using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

/// The newspapers and magazines the points in the caller's area receive. Points and the post office keep the list;
/// counts are visible across the area.
public sealed class ListPeriodicals(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<PeriodicalDto>> HandleAsync(int? pointId, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        var rows = db.Periodicals.Where(p => points.Contains(p.PointId));
        if (pointId is { } only) rows = rows.Where(p => p.PointId == only);
        return await rows.OrderBy(p => p.Point.Name).ThenBy(p => p.Title).Take(2000)
            .Select(p => new PeriodicalDto(p.Id, p.PointId, p.Point.Name, p.Title, p.Frequency, p.CopiesExpected, p.Active, p.Version))
            .ToListAsync(ct);
    }
}
