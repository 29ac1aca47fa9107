using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Tasks;

/// A new task as the department gives it: from a plan, a meeting's conclusion or an inspection's failed check.
/// Units are API keys (<see cref="UnitDto.Key"/>): an agency's registry code or a point's code.
public sealed record NewTask(string? Title, string? Description, string? Lead, IReadOnlyList<string>? Supports, DateOnly? Deadline,
    int? PlanId = null, int? MeetingId = null, int? ConclusionId = null, int? InspectionId = null, string? InspectionCheck = null);

/// The one way tasks are made (the tasks API, a meeting's conclusions, an inspection's failed items): it checks the
/// title, the units and the deadline (not before the day it is given), adds the task with its first history entry
/// ("Assigned") and audits it. The caller saves, so several tasks made in one step commit together or not at all.
public sealed class TaskCreator(AppDbContext db, PlanningUnits units, TimeProvider clock, Text text)
{
    public const int MaxTitle = 500;
    public const int MaxDescription = 4000;

    public async Task<Result<PlanTask>> AddAsync(NewTask input, UserScope scope, CancellationToken ct, string prefix = "")
    {
        var errors = new FieldErrors();
        var today = clock.Today();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors.Add(prefix + "title", text["Tasks.TitleRequired"]);
        else if (title.Length > MaxTitle) errors.Add(prefix + "title", text.Format("Tasks.TooLong", MaxTitle));
        else if (title.Any(char.IsControl)) errors.Add(prefix + "title", text["Validation.ControlCharacters"]);
        if (input.Description is { Length: > MaxDescription })
            errors.Add(prefix + "description", text.Format("Tasks.TooLong", MaxDescription));
        else if (input.Description?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true)
            errors.Add(prefix + "description", text["Validation.ControlCharacters"]);
        if (input.Deadline is not { } deadline) errors.Add(prefix + "deadline", text["Tasks.DeadlineRequired"]);
        else if (deadline < today) errors.Add(prefix + "deadline", text.Format("Tasks.DeadlineBeforeToday", VnTime.Show(today)));
        else if (deadline.Year > today.Year + 20) errors.Add(prefix + "deadline", text["Tasks.DeadlineTooFar"]);
        var lead = await units.FindAsync(input.Lead, ct);
        if (lead is null) errors.Add(prefix + "lead", text["Tasks.UnknownUnit"]);
        var supports = new List<UnitDto>();
        foreach (var key in (input.Supports ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().Take(50))
        {
            if (await units.FindAsync(key, ct) is { } unit)
            {
                if (unit.Key != lead?.Key) supports.Add(unit);
            }
            else errors.Add(prefix + "supports", text.Format("Tasks.UnknownUnitKey", key.Length > 40 ? key[..40] + "…" : key));
        }
        if (input.PlanId is { } planId && (planId < 1 || !await db.Plans.AnyAsync(p => p.Id == planId, ct)))
            errors.Add(prefix + "planId", text["Tasks.UnknownPlan"]);
        if (errors.Any) return errors.ToResult<PlanTask>();

        var now = db.UtcNow;
        var author = await TaskReads.AuthorAsync(db, scope, ct);
        var task = new PlanTask
        {
            Title = title, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            PlanId = input.PlanId, MeetingId = input.MeetingId, ConclusionId = input.ConclusionId,
            InspectionId = input.InspectionId, InspectionCheck = input.InspectionCheck,
            LeadOrganizationId = lead!.OrganizationId, LeadPointId = lead.PointId, Deadline = input.Deadline!.Value,
            Status = TaskStatus.Open, CreatedAt = now, CreatedBy = scope.UserName, UpdatedAt = now, Version = 1,
        };
        task.Supports.AddRange(supports.Select(s => new TaskUnit { OrganizationId = s.OrganizationId, PointId = s.PointId }));
        task.Updates.Add(new TaskUpdate
        {
            Kind = TaskUpdateKind.Assigned, Text = lead.Name, At = now, By = scope.UserId, ByName = author,
        });
        db.PlanTasks.Add(task);
        return task;
    }
}
