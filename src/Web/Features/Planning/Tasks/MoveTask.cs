using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The department's moves on a task after giving it: reassign (a new lead unit and supporting units), a new deadline,
/// close (done), cancel, reopen. Done and cancelled are final until reopened: any other move on them, or closing twice,
/// answers 409. Every move needs the version read (If-Match: missing 428, stale 412) and leaves an entry in the history.
public sealed class MoveTask(AppDbContext db, TaskReads reads, PlanningUnits units, Text text)
{
    public enum Step { Reassign, Reschedule, Close, Cancel, Reopen }

    public const int MaxNote = 2000;

    public async Task<Result<TaskDetail>> HandleAsync(int id, Step step, TaskMoveInput input, long? version, UserScope scope,
        CancellationToken ct)
    {
        var task = await reads.FindAsync(id, scope, ct);
        if (task is null) return Result<TaskDetail>.NotFound();
        if (!scope.Is(TaskReads.Department)) return Result<TaskDetail>.Forbidden(text["Tasks.DepartmentOnly"]);

        var terminal = task.Status is TaskStatus.Done or TaskStatus.Cancelled;
        if (step == Step.Reopen ? !terminal : terminal)
            return Result<TaskDetail>.Conflict(step == Step.Reopen ? text["Tasks.NotClosed"]
                : text.Format("Tasks.Terminal", reads.StatusName(task.Status)));

        var errors = new FieldErrors();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxNote }) errors.Add("note", text.Format("Tasks.TooLong", MaxNote));
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add("note", text["Validation.ControlCharacters"]);
        if (step == Step.Cancel && note is null) errors.Add("note", text["Tasks.CancelReason"]);
        var today = reads.Today;
        DateOnly? deadline = null;
        if (step == Step.Reschedule || (step == Step.Reopen && input.Deadline is not null))
        {
            if (input.Deadline is not { } d) errors.Add("deadline", text["Tasks.DeadlineRequired"]);
            else if (d < today || d < VnTime.DayOf(task.CreatedAt))
                errors.Add("deadline", text.Format("Tasks.DeadlineBeforeToday", VnTime.Show(today)));
            else if (d.Year > today.Year + 20) errors.Add("deadline", text["Tasks.DeadlineTooFar"]);
            else deadline = d;
        }
        UnitDto? lead = null;
        var supports = new List<UnitDto>();
        if (step == Step.Reassign)
        {
            if ((lead = await units.FindAsync(input.Lead, ct)) is null) errors.Add("lead", text["Tasks.UnknownUnit"]);
            foreach (var key in (input.Supports ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().Take(50))
            {
                if (await units.FindAsync(key, ct) is { } unit) { if (unit.Key != lead?.Key) supports.Add(unit); }
                else errors.Add("supports", text.Format("Tasks.UnknownUnitKey", key.Length > 40 ? key[..40] + "…" : key));
            }
            if (input.Supports is { Count: > 50 }) errors.Add("supports", text["Tasks.TooManySupports"]);
        }
        if (errors.Any) return errors.ToResult<TaskDetail>();
        if (text.CheckVersion<TaskDetail>(version, task.Version) is { } stale) return stale;

        var now = db.UtcNow;
        var (kind, entry) = step switch
        {
            Step.Reassign => (TaskUpdateKind.Reassigned, Reassign(task, lead!, supports)),
            Step.Reschedule => (TaskUpdateKind.Rescheduled, text.Format("Tasks.RescheduledText", VnTime.Show(task.Deadline),
                VnTime.Show(deadline!.Value))),
            Step.Close => (TaskUpdateKind.Closed, ""),
            Step.Cancel => (TaskUpdateKind.Cancelled, ""),
            _ => (TaskUpdateKind.Reopened, deadline is { } nd ? text.Format("Tasks.RescheduledText", VnTime.Show(task.Deadline),
                VnTime.Show(nd)) : ""),
        };
        switch (step)
        {
            case Step.Close:
                task.Status = TaskStatus.Done;
                task.Progress = 100;
                (task.ClosedAt, task.ClosedBy) = (now, scope.UserName);
                break;
            case Step.Cancel:
                task.Status = TaskStatus.Cancelled;
                (task.ClosedAt, task.ClosedBy) = (now, scope.UserName);
                break;
            case Step.Reopen:
                task.Status = task.Progress > 0 ? TaskStatus.InProgress : TaskStatus.Open;
                (task.ClosedAt, task.ClosedBy) = (null, null);
                if (task.Progress == 100) task.Progress = 90;
                break;
        }
        if (deadline is { } newDeadline) task.Deadline = newDeadline;
        task.UpdatedAt = now;
        var line = string.Join(" — ", new[] { entry, note }.Where(s => !string.IsNullOrEmpty(s)));
        task.Updates.Add(new TaskUpdate
        {
            TaskId = task.Id, Kind = kind, Text = line.Length > 4000 ? line[..4000] : line, At = now, By = scope.UserId,
            ByName = await TaskReads.AuthorAsync(db, scope, ct),
        });
        if (await db.TrySaveAsync<TaskDetail>(text, version, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await reads.DetailAsync(task, scope, ct);
    }

    /// Puts the new lead and supports in place; the history says who leads now.
    private string Reassign(PlanTask task, UnitDto lead, List<UnitDto> supports)
    {
        (task.LeadOrganizationId, task.LeadPointId) = (lead.OrganizationId, lead.PointId);
        db.TaskUnits.RemoveRange(task.Supports);
        task.Supports.Clear();
        task.Supports.AddRange(supports.Select(s =>
            new TaskUnit { TaskId = task.Id, OrganizationId = s.OrganizationId, PointId = s.PointId }));
        var names = supports.Count == 0 ? lead.Name
            : $"{lead.Name} ({text["Tasks.SupportedBy"]} {string.Join(", ", supports.Select(s => s.Name))})";
        return text.Format("Tasks.ReassignedText", names);
    }
}
