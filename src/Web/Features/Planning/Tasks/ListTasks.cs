using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The tasks a user reads, nearest deadline first: by lead unit, plan, status, overdue on today, deadline on or before a
/// day; or those the user's unit supports. Only tasks whose lead unit the user may read are listed (a library reads its
/// own, a commune office its own and the points in its commune, the department everything).
public sealed class ListTasks(AppDbContext db, TaskReads reads, PlanningUnits units, Text text)
{
    /// <paramref name="openOnly"/> keeps open and in-progress tasks (the pages' "due this week").
    public async Task<Result<TaskList>> HandleAsync(TaskQuery query, UserScope scope, CancellationToken ct, bool openOnly = false)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        var status = errors.Choice<TaskStatus>("status", query.Status, text);
        UnitDto? unit = null;
        if (!string.IsNullOrWhiteSpace(query.Unit) && (unit = await units.FindAsync(query.Unit, ct)) is null)
            errors.Add("unit", text["Tasks.UnknownUnit"]);
        if (query.Plan is < 1) errors.Add("plan", text["Tasks.UnknownPlan"]);
        if (query.DueBefore is { } due && DateRange.Outside(due)) errors.Add("dueBefore", DateRange.Message("dueBefore"));
        if (errors.Any) return errors.ToResult<TaskList>();

        var today = reads.Today;
        var visible = await units.VisibleToAsync(scope, ct);
        var q = db.PlanTasks.AsNoTracking();
        if (query.Supporting == true)
        {
            // Tasks the user's own unit supports, whoever leads them: the unit comments on them.
            if (await units.UnitOfAsync(scope, ct) is { } own) q = reads.SupportedBy(q, own);
            else q = q.Where(t => false);
        }
        else q = TaskReads.LedBy(q, visible);
        if (unit is not null)
            q = unit.OrganizationId is { } o ? q.Where(t => t.LeadOrganizationId == o) : q.Where(t => t.LeadPointId == unit.PointId);
        if (query.Plan is { } plan) q = q.Where(t => t.PlanId == plan);
        if (status is { } s) q = q.Where(t => t.Status == s);
        if (query.Overdue == true) q = TaskReads.OverdueOn(q, today);
        else if (query.Overdue == false)
            q = q.Where(t => !((t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress) && t.Deadline < today));
        if (query.DueBefore is { } before) q = q.Where(t => t.Deadline <= before);
        if (openOnly) q = q.Where(t => t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress);

        var byUnit = await q.GroupBy(t => new { t.LeadOrganizationId, t.LeadPointId })
            .Select(g => new
            {
                g.Key.LeadOrganizationId, g.Key.LeadPointId, Count = g.Count(),
                Overdue = g.Count(t => (t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress) && t.Deadline < today),
                Progress = g.Sum(t => t.Progress),
            }).ToListAsync(ct);
        var names = await units.DescribeAsync(byUnit.Select(g => new UnitRef(g.LeadOrganizationId, g.LeadPointId)), ct);
        var counts = byUnit
            .Select(g => (Unit: names.GetValueOrDefault(new UnitRef(g.LeadOrganizationId, g.LeadPointId)), g.Count, g.Overdue, g.Progress))
            .Where(g => g.Unit is not null)
            .Select(g => new TaskUnitCount(g.Unit!.Key, g.Unit.Name, g.Count, g.Overdue, g.Count == 0 ? 0 : g.Progress / g.Count))
            .OrderByDescending(c => c.Overdue).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

        var ordered = q.OrderBy(t => t.Deadline).ThenBy(t => t.Id);
        var total = byUnit.Sum(g => g.Count);
        var rows = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new TaskList(await reads.RowsAsync(rows, ct), total, page.Page, page.PageSize, counts);
    }
}
