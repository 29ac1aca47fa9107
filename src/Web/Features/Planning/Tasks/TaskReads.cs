using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Tasks;

/// How tasks are read: which ones a user sees (the lead unit or a supporting unit is one whose tasks the user may read,
/// <see cref="PlanningUnits.VisibleToAsync"/>), what the user may do with one, and the rows and details the API and the
/// pages show. Overdue is worked out here, on the day of the reading.
public sealed class TaskReads(AppDbContext db, PlanningUnits units, TimeProvider clock, Text text)
{
    /// Roles that give, move and close tasks: the department.
    public static readonly AppRole[] Department = [AppRole.Admin, AppRole.Monitor];

    public DateOnly Today => clock.Today();

    /// The tasks whose lead unit the user may read.
    public static IQueryable<PlanTask> LedBy(IQueryable<PlanTask> q, VisibleUnits visible)
    {
        if (visible.All) return q;
        var orgs = visible.OrganizationIds.ToList();
        var points = visible.PointIds.ToList();
        return q.Where(t => (t.LeadOrganizationId != null && orgs.Contains(t.LeadOrganizationId.Value))
            || (t.LeadPointId != null && points.Contains(t.LeadPointId.Value)));
    }

    /// The tasks a unit supports.
    public IQueryable<PlanTask> SupportedBy(IQueryable<PlanTask> q, UnitRef unit) => unit.OrganizationId is { } o
        ? q.Where(t => db.TaskUnits.Any(s => s.TaskId == t.Id && s.OrganizationId == o))
        : q.Where(t => db.TaskUnits.Any(s => s.TaskId == t.Id && s.PointId == unit.PointId));

    /// Overdue on a day, as a query: still open or in progress after its deadline.
    public static IQueryable<PlanTask> OverdueOn(IQueryable<PlanTask> q, DateOnly today) =>
        q.Where(t => (t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress) && t.Deadline < today);

    public static UnitRef LeadOf(PlanTask t) => new(t.LeadOrganizationId, t.LeadPointId);

    /// The task with its supports and history when the user may read it (its lead or one of its supporting units is
    /// in the user's sight); null otherwise, which the API answers 404.
    public async Task<PlanTask?> FindAsync(int id, UserScope scope, CancellationToken ct)
    {
        var task = await db.PlanTasks.Include(t => t.Supports).Include(t => t.Updates).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return null;
        var visible = await units.VisibleToAsync(scope, ct);
        if (visible.Contains(LeadOf(task))) return task;
        return task.Supports.Any(s => visible.Contains(new UnitRef(s.OrganizationId, s.PointId))) ? task : null;
    }

    /// What the user may do with a task they read.
    public async Task<TaskRights> RightsAsync(PlanTask task, UserScope scope, CancellationToken ct)
    {
        var own = await units.UnitOfAsync(scope, ct);
        var lead = own is { } u && u == LeadOf(task);
        var supports = own is { } s && task.Supports.Any(x => new UnitRef(x.OrganizationId, x.PointId) == s);
        var department = scope.Is(Department);
        var open = task.Status is TaskStatus.Open or TaskStatus.InProgress;
        return new TaskRights(open && lead, open && (supports || department) && !lead, department);
    }

    public string StatusName(TaskStatus status) => text.Enum(status);

    /// The name a history entry shows for its author: the account's full name, else its user name.
    public static async Task<string> AuthorAsync(AppDbContext db, UserScope scope, CancellationToken ct)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId).Select(u => u.FullName).FirstOrDefaultAsync(ct);
        name = string.IsNullOrWhiteSpace(name) ? scope.UserName : name.Trim();
        return name.Length > 256 ? name[..256] : name;
    }

    public async Task<IReadOnlyList<TaskRow>> RowsAsync(IReadOnlyList<PlanTask> tasks, CancellationToken ct)
    {
        var names = await units.DescribeAsync(tasks.Select(LeadOf), ct);
        var planIds = tasks.Where(t => t.PlanId.HasValue).Select(t => t.PlanId!.Value).Distinct().ToList();
        var plans = planIds.Count == 0 ? new Dictionary<int, string>()
            // Only an issued plan's title is public: a draft's stays with the department and its drafting unit.
            : await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id) && p.IssuedNumber != null)
                .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var ids = tasks.Select(t => t.Id).ToList();
        var supportCounts = ids.Count == 0 ? new Dictionary<int, int>()
            : await db.TaskUnits.AsNoTracking().Where(s => ids.Contains(s.TaskId)).GroupBy(s => s.TaskId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return tasks.Select(t => Row(t, names, plans, supportCounts.GetValueOrDefault(t.Id))).ToList();
    }

    private TaskRow Row(PlanTask t, IReadOnlyDictionary<UnitRef, UnitDto> names, IReadOnlyDictionary<int, string> plans, int supports)
    {
        var lead = names.GetValueOrDefault(LeadOf(t)) ?? new UnitDto("", text["Tasks.UnknownLead"], t.LeadPointId.HasValue,
            t.LeadOrganizationId, t.LeadPointId);
        var today = Today;
        var overdue = PlanTask.IsOverdue(t.Status, t.Deadline, today);
        return new TaskRow(t.Id, t.Title, lead, t.Deadline, t.Status, StatusName(t.Status), overdue,
            overdue ? today.DayNumber - t.Deadline.DayNumber : 0, t.Progress, t.PlanId,
            t.PlanId is { } p ? plans.GetValueOrDefault(p) : null, t.MeetingId, t.InspectionId, supports, t.Version);
    }

    public async Task<TaskDetail> DetailAsync(PlanTask task, UserScope scope, CancellationToken ct)
    {
        var row = (await RowsAsync([task], ct))[0];
        var supportRefs = task.Supports.Select(s => new UnitRef(s.OrganizationId, s.PointId)).ToList();
        var names = await units.DescribeAsync(supportRefs, ct);
        var supports = supportRefs.Where(names.ContainsKey).Select(r => names[r]).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var updateIds = task.Updates.Select(u => u.Id).ToList();
        var files = await db.Attachments.AsNoTracking()
            .Where(a => a.Owner == AttachmentOwner.TaskUpdate && updateIds.Contains(a.OwnerId)).OrderBy(a => a.Id).ToListAsync(ct);
        var byUpdate = files.ToLookup(f => f.OwnerId);
        var updates = task.Updates.OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
            .Select(u => new TaskUpdateDto(u.Id, u.Kind, text.Enum(u.Kind), u.Text, u.Progress, u.At, u.ByName,
                byUpdate[u.Id].Select(f => new EvidenceDto(f.Id, f.FileName, f.ContentType, f.Length,
                    $"/api/v1/tasks/{task.Id}/evidence/{f.Id}")).ToList()))
            .ToList();
        return new TaskDetail(row, task.Description, supports, updates, task.CreatedBy, task.CreatedAt, task.ClosedAt, task.ClosedBy,
            await RightsAsync(task, scope, ct), task.Version);
    }
}
