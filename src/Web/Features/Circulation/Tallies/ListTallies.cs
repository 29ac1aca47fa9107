namespace Bookpost.Web.Features.Circulation;

/// The daily counts of one point (counts only, so districts and the province see them too).
public sealed class ListTallies(AppDbContext db, TimeProvider clock, Text text, TallyDays days)
{
    public async Task<Result<IReadOnlyList<TallyDay>>> HandleAsync(
        int? pointId, DateOnly? from, DateOnly? to, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var point = scope.Role == AppRole.Point ? scope.PointId : pointId;
        if (point is null) return Result<IReadOnlyList<TallyDay>>.Invalid("pointId", text["Circulation.PointRequired"]);
        if (!await CirculationScope.Points(db, scope, today).AnyAsync(p => p == point, ct))
            return Result<IReadOnlyList<TallyDay>>.NotFound();
        var end = to ?? today;
        var start = from ?? end.AddDays(-13);
        if (start > end || end.DayNumber - start.DayNumber > 366)
            return Result<IReadOnlyList<TallyDay>>.Invalid("from", text["Reports.CustomDates"]);
        return Result<IReadOnlyList<TallyDay>>.Ok(await days.HandleAsync(point.Value, start, end, ct));
    }
}
