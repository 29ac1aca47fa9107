using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Features.Planning.Reminders;

/// One task in the inbox: enough to read it in a list or an e-mail and open it. <see cref="IsLead"/> is false when the
/// user's unit only supports it (phối hợp). <see cref="DaysLate"/> counts from the deadline to today; <see cref="DaysLeft"/>
/// from today to the deadline.
public sealed record InboxTask(int Id, string Title, DateOnly Deadline, int Progress, bool InProgress, string LeadKey, string LeadName,
    bool IsLead, int DaysLate, int DaysLeft, DateTime? AssignedAt, string Href);

/// The overdue tasks of one lead unit, for the department's view of the whole province.
public sealed record InboxUnitOverdue(string Key, string Name, int Count, int OldestDaysLate);

/// What needs the user's attention today, for their unit: overdue first, then what is due within
/// <see cref="PlanningInbox.SoonDays"/> days, then what was given to the unit in the last <see cref="PlanningInbox.RecentDays"/>
/// days. <see cref="Unit"/> is null when the user acts for no unit in the registry (the lists are then empty).
/// <see cref="OverdueByUnit"/> is filled for the department only (Admin, Monitor), who follows up everyone's tasks.
public sealed record InboxDto(UnitDto? Unit, DateOnly Today, IReadOnlyList<InboxTask> Overdue, IReadOnlyList<InboxTask> DueSoon,
    IReadOnlyList<InboxTask> Assigned, IReadOnlyList<InboxUnitOverdue> OverdueByUnit)
{
    /// The things to act on: overdue and due soon (a task assigned recently is in one of those or not yet pressing).
    public int ActionCount => Overdue.Count + DueSoon.Count;

    /// Whether there is anything to say at all (a digest is sent only then).
    public bool IsEmpty => Overdue.Count == 0 && DueSoon.Count == 0 && Assigned.Count == 0;
}

/// Builds a user's inbox from the tasks whose lead or supporting unit is the user's unit (<see cref="PlanningUnits.UnitOfAsync"/>).
/// The same inbox feeds the page, the API, the home to-do and the daily e-mail digest, so they never disagree.
public sealed class PlanningInbox(AppDbContext db, PlanningUnits units, TimeProvider clock)
{
    /// "Due soon": the deadline is today or within this many days.
    public const int SoonDays = 3;

    /// "Assigned recently": given to the unit (or reassigned to it) within this many days.
    public const int RecentDays = 7;

    /// A list keeps at most this many tasks; a unit with more has a deeper problem than a list can show.
    public const int MaxRows = 200;

    public async Task<InboxDto> ForAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var unit = await units.UnitOfAsync(scope, ct);
        var byUnit = scope.Is(AppRole.Admin, AppRole.Monitor) ? await OverdueByUnitAsync(today, ct) : [];
        if (unit is not { } own) return new InboxDto(null, today, [], [], [], byUnit);

        var org = own.OrganizationId;
        var point = own.PointId;
        var supported = db.TaskUnits.Where(u => org != null && u.OrganizationId == org || point != null && u.PointId == point)
            .Select(u => u.TaskId);
        var mine = db.PlanTasks.AsNoTracking()
            .Where(t => org != null && t.LeadOrganizationId == org || point != null && t.LeadPointId == point || supported.Contains(t.Id));
        var soon = today.AddDays(SoonDays);
        var since = VnTime.StartOfDayUtc(today.AddDays(-RecentDays));
        var open = await mine.Where(t => (t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress) && t.Deadline <= soon)
            .OrderBy(t => t.Deadline).ThenBy(t => t.Id).Take(MaxRows * 2)
            .Select(t => new Row(t.Id, t.Title, t.Deadline, t.Status, t.Progress, t.LeadOrganizationId, t.LeadPointId, null))
            .ToListAsync(ct);
        var recentIds = db.TaskUpdates
            .Where(u => (u.Kind == TaskUpdateKind.Assigned || u.Kind == TaskUpdateKind.Reassigned) && u.At >= since).Select(u => u.TaskId);
        var recent = await mine.Where(t => recentIds.Contains(t.Id) && t.Status != TaskStatus.Cancelled)
            .Select(t => new Row(t.Id, t.Title, t.Deadline, t.Status, t.Progress, t.LeadOrganizationId, t.LeadPointId,
                db.TaskUpdates.Where(u => u.TaskId == t.Id && (u.Kind == TaskUpdateKind.Assigned || u.Kind == TaskUpdateKind.Reassigned))
                    .Max(u => (DateTime?)u.At)))
            .ToListAsync(ct);
        recent = recent.OrderByDescending(r => r.AssignedAt).ThenByDescending(r => r.Id).Take(MaxRows).ToList();

        var names = await units.DescribeAsync(open.Concat(recent).Select(r => new UnitRef(r.LeadOrg, r.LeadPoint))
            .Where(u => u.IsValid), ct);
        InboxTask Show(Row r)
        {
            var lead = new UnitRef(r.LeadOrg, r.LeadPoint);
            var dto = names.GetValueOrDefault(lead);
            return new InboxTask(r.Id, r.Title, r.Deadline, r.Progress, r.Status == TaskStatus.InProgress, dto?.Key ?? "", dto?.Name ?? "",
                lead == own, Math.Max(0, today.DayNumber - r.Deadline.DayNumber), Math.Max(0, r.Deadline.DayNumber - today.DayNumber),
                r.AssignedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, $"/Planning/Tasks/{r.Id}");
        }

        var overdue = open.Where(r => PlanTask.IsOverdue(r.Status, r.Deadline, today)).Take(MaxRows).Select(Show).ToList();
        var dueSoon = open.Where(r => r.Deadline >= today).Take(MaxRows).Select(Show).ToList();
        var unitDto = (await units.DescribeAsync([own], ct)).GetValueOrDefault(own);
        return new InboxDto(unitDto, today, overdue, dueSoon, recent.Select(Show).ToList(), byUnit);
    }

    /// Every lead unit with overdue tasks, most overdue first: the department's follow-up list.
    private async Task<IReadOnlyList<InboxUnitOverdue>> OverdueByUnitAsync(DateOnly today, CancellationToken ct)
    {
        var rows = await db.PlanTasks.AsNoTracking()
            .Where(t => (t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress) && t.Deadline < today)
            .GroupBy(t => new { t.LeadOrganizationId, t.LeadPointId })
            .Select(g => new { g.Key.LeadOrganizationId, g.Key.LeadPointId, Count = g.Count(), Oldest = g.Min(t => t.Deadline) })
            .ToListAsync(ct);
        var names = await units.DescribeAsync(rows.Select(r => new UnitRef(r.LeadOrganizationId, r.LeadPointId)).Where(u => u.IsValid), ct);
        return rows.Select(r => (Row: r, Unit: names.GetValueOrDefault(new UnitRef(r.LeadOrganizationId, r.LeadPointId))))
            .Where(x => x.Unit is not null)
            .Select(x => new InboxUnitOverdue(x.Unit!.Key, x.Unit.Name, x.Row.Count, today.DayNumber - x.Row.Oldest.DayNumber))
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.OldestDaysLate).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
    }

    private sealed record Row(int Id, string Title, DateOnly Deadline, TaskStatus Status, int Progress, int? LeadOrg, int? LeadPoint,
        DateTime? AssignedAt);
}
