namespace Bookpost.Web.Features.Rotation;

public sealed record OverdueDto(string Kind, int SetId, string SetCode, int PointId, string PointName, DateOnly DueOn, int DaysOverdue,
    int? ShipmentId);

/// Sets past their due-back date at a point, and shipments past their expected date still in the post.
public sealed class ListOverdue(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<OverdueDto>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var sets = RotationScope.Sets(db, scope, today).Select(s => s.Id);
        var stays = await db.RotationAssignments
            .Where(a => a.Status == AssignmentStatus.Received && a.DueBackOn < today && sets.Contains(a.SetId))
            .Select(a => new { a.SetId, a.Set.Code, a.PointId, a.Point.Name, a.DueBackOn }).ToListAsync(ct);
        var late = await RotationScope.Shipments(db, scope, today).Where(s => s.Status == ShipmentStatus.InTransit && s.ExpectedOn < today)
            .Select(s => new { s.Id, s.SetId, s.Set.Code, s.ToId, s.To.Name, s.ExpectedOn }).ToListAsync(ct);
        return stays
            .Select(a => new OverdueDto("AtPoint", a.SetId, a.Code, a.PointId, a.Name, a.DueBackOn,
                today.DayNumber - a.DueBackOn.DayNumber, null))

            .Concat(late.Select(s => new OverdueDto("InTransit", s.SetId, s.Code, s.ToId, s.Name, s.ExpectedOn!.Value,
                today.DayNumber - s.ExpectedOn!.Value.DayNumber, s.Id)))
            .OrderByDescending(o => o.DaysOverdue).ThenBy(o => o.SetCode, StringComparer.Ordinal).ToList();
    }
}
