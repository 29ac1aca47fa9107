using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation;

/// <param name="ArrivedOn">The day the set reached the point (AtPoint rows).</param>
/// <param name="PastStayLimit">The set has been at the point longer than the stay limit (Rotation:MaxStayMonths).</param>
public sealed record OverdueDto(string Kind, int SetId, string SetCode, int PointId, string PointName, DateOnly DueOn, int DaysOverdue,
    int? ShipmentId, DateOnly? ArrivedOn = null, bool PastStayLimit = false);

/// Sets that should have left their point, and shipments past their expected date still in the post. A set is due
/// back on its planned date or when it has stayed the longest a set may stay at one point (Thông tư 33/2018: 6
/// months), whichever comes first: a set sent without a plan, or planned for longer, is overdue all the same.
public sealed class ListOverdue(AppDbContext db, TimeProvider clock, IOptions<RotationOptions> options)
{
    public async Task<IReadOnlyList<OverdueDto>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var limit = options.Value;
        var atPoints = await RotationScope.Sets(db, scope, today).Where(s => s.Status == SetStatus.AtPoint)
            .Select(s => new
            {
                s.Id, s.Code, s.LocationId, s.Location.Name,
                Arrived = db.SetEvents.Where(e => e.SetId == s.Id && e.LocationId == s.LocationId && e.Status == SetStatus.AtPoint)
                    .OrderByDescending(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefault(),
                DueBack = db.RotationAssignments.Where(a => a.SetId == s.Id && a.Status == AssignmentStatus.Received)
                    .OrderBy(a => a.DueBackOn).Select(a => (DateOnly?)a.DueBackOn).FirstOrDefault(),
            }).ToListAsync(ct);
        var stays = new List<OverdueDto>();
        foreach (var s in atPoints)
        {
            DateOnly? arrivedOn = s.Arrived is { } a ? DateOnly.FromDateTime(VnTime.ToLocal(a)) : null;
            DateOnly? limitOn = arrivedOn is { } on ? limit.StayEndsOn(on) : null;
            var due = (s.DueBack, limitOn) switch
            {
                ({ } planned, { } most) => planned < most ? planned : most,
                ({ } planned, null) => planned,
                (null, { } most) => most,
                _ => (DateOnly?)null,
            };
            if (due is not { } d || d >= today) continue;
            stays.Add(new OverdueDto("AtPoint", s.Id, s.Code, s.LocationId, s.Name, d, today.DayNumber - d.DayNumber, null, arrivedOn,
                limitOn < today));
        }
        var late = await RotationScope.Shipments(db, scope, today).Where(s => s.Status == ShipmentStatus.InTransit && s.ExpectedOn < today)
            .Select(s => new { s.Id, s.SetId, s.Set.Code, s.ToId, s.To.Name, s.ExpectedOn }).ToListAsync(ct);
        return stays
            .Concat(late.Select(s => new OverdueDto("InTransit", s.SetId, s.Code, s.ToId, s.Name, s.ExpectedOn!.Value,
                today.DayNumber - s.ExpectedOn!.Value.DayNumber, s.Id)))
            .OrderByDescending(o => o.DaysOverdue).ThenBy(o => o.SetCode, StringComparer.Ordinal).ToList();
    }
}
