using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Inspections;

/// A failed item of an inspection made into a task in one step, for the point (its own staff) or for the agency that
/// operates it (the post office of a Post-Culture point), through <see cref="TaskCreator"/>. A passed item has nothing to
/// put right (409), and an item makes one task: a second request for it, or a replay, is refused the same way.
public sealed class InspectionTasks(AppDbContext db, TimeProvider clock, Text text, TaskCreator creator, Units.PlanningUnits units)
{
    public const string LeadPoint = "point";
    public const string LeadOperator = "operator";

    public async Task<Result<InspectionTaskCreated>> CreateAsync(int id, string item, InspectionTaskInput input, UserScope scope,
        CancellationToken ct)
    {
        var points = InspectionScope.InspectablePoints(db, scope, clock.Today()).Select(p => p.Id);
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Checks)
            .FirstOrDefaultAsync(i => i.Id == id && points.Contains(i.PointId), ct);
        if (inspection is null) return Result<InspectionTaskCreated>.NotFound();
        item = item.Trim();
        if (!InspectionChecklist.Items.Contains(item))
            return Result<InspectionTaskCreated>.Invalid("item",
                text.Format("Inspections.UnknownItem", item.Length > 40 ? item[..40] + "…" : item,
                    string.Join(", ", InspectionChecklist.Items)));
        var check = inspection.Checks.FirstOrDefault(c => c.Item == item);
        var label = InspectionReads.ItemLabel(text, item);
        if (check is null) return Result<InspectionTaskCreated>.Conflict(text.Format("Inspections.ItemNotChecked", label));
        if (check.Passed) return Result<InspectionTaskCreated>.Conflict(text.Format("Inspections.ItemPassed", label));
        if (await db.PlanTasks.AnyAsync(t => t.InspectionId == id && t.InspectionCheck == item, ct))
            return Result<InspectionTaskCreated>.Conflict(text.Format("Inspections.TaskExists", label));

        var point = await db.ServicePoints.AsNoTracking().Where(p => p.Id == inspection.PointId)
            .Select(p => new { p.Id, p.Code, p.Name, OperatorCode = p.Operator == null ? null : p.Operator.Code,
                OperatorName = p.Operator == null ? null : p.Operator.Name })
            .FirstAsync(ct);
        var lead = (input.Lead?.Trim() ?? "") switch
        {
            "" or LeadPoint => (Key: point.Code, Name: point.Name, IsPoint: true),
            LeadOperator when point.OperatorCode is not null => (Key: point.OperatorCode, Name: point.OperatorName!, IsPoint: false),
            var key when key == point.Code => (Key: point.Code, Name: point.Name, IsPoint: true),
            var key when key == point.OperatorCode => (Key: point.OperatorCode, Name: point.OperatorName!, IsPoint: false),
            _ => default,
        };
        if (lead.Key is null)
            return Result<InspectionTaskCreated>.Invalid("lead", point.OperatorCode is null
                ? text.Format("Inspections.LeadPointOnly", point.Code)
                : text.Format("Inspections.LeadChoice", point.Code, point.OperatorCode));

        var title = string.IsNullOrWhiteSpace(input.Title)
            ? text.Format("Inspections.TaskTitle", label, point.Name, VnTime.Show(inspection.Date))
            : input.Title;
        if (title.Length > TaskCreator.MaxTitle && string.IsNullOrWhiteSpace(input.Title)) title = title[..TaskCreator.MaxTitle];
        var description = string.IsNullOrWhiteSpace(input.Description) ? check.Note : input.Description;
        // The inspecting office follows the task up: it supports it, so it reads it and comments even when the point's post
        // office leads it.
        var supports = new List<string>();
        if (await units.UnitOfAsync(scope, ct) is { OrganizationId: not null } mine
            && (await units.DescribeAsync([mine], ct)).GetValueOrDefault(mine) is { } office)
            supports.Add(office.Key);
        var result = await creator.AddAsync(new NewTask(title, description, lead.Key, supports, input.Deadline,
            InspectionId: id, InspectionCheck: item), scope, ct);
        if (!result.IsOk) return Result<InspectionTaskCreated>.Invalid(result.Errors);
        var task = result.Value!;
        // A point's code may also be an agency's (a library's "TV-TINH"): the lead is the one chosen, not the one the key
        // finds first.
        if (lead.IsPoint && task.LeadPointId != point.Id)
        {
            task.LeadPointId = point.Id;
            task.LeadOrganizationId = null;
            foreach (var u in task.Updates) u.Text = point.Name;
        }
        await db.SaveChangesAsync(ct);
        return new InspectionTaskCreated(task.Id, id, item, task.Title, lead.Key, lead.Name, task.Deadline);
    }
}
