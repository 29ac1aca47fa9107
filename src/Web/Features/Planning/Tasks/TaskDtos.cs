using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The filters of GET /api/v1/tasks. `unit` is a unit's key (the lead unit), `plan` a plan's id, `status` one of
/// Open, InProgress, Done, Cancelled, `overdue=true` the open ones past their deadline (false: the others),
/// `dueBefore` a deadline on or before that day. `supporting=true` keeps the tasks the caller's unit supports instead of
/// those it reads as lead.
public sealed record TaskQuery(string? Unit, int? Plan, string? Status, bool? Overdue, DateOnly? DueBefore, bool? Supporting,
    int? Page, int? PageSize);

/// A task in a list: its lead unit, deadline, where it stands (overdue is derived on the day asked) and its progress.
public sealed record TaskRow(int Id, string Title, UnitDto Lead, DateOnly Deadline, TaskStatus Status, string StatusName, bool Overdue,
    int DaysLate, int Progress, int? PlanId, string? PlanTitle, int? MeetingId, int? InspectionId, int SupportCount, long Version);

/// A list of tasks, with the same tasks counted by lead unit (how many, how many overdue, their average progress), so
/// `?overdue=true` reads as "overdue tasks by unit" and `?plan=ID` as a plan's tasks with their progress.
public sealed record TaskList(IReadOnlyList<TaskRow> Items, int Total, int Page, int PageSize, IReadOnlyList<TaskUnitCount> ByUnit)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record TaskUnitCount(string Key, string Name, int Tasks, int Overdue, int AverageProgress);

/// One evidence file of a progress update; <see cref="Url"/> serves it to those who may read the task.
public sealed record EvidenceDto(int Id, string FileName, string ContentType, long Length, string Url);

/// One entry of a task's history.
public sealed record TaskUpdateDto(int Id, TaskUpdateKind Kind, string KindName, string Text, int? Progress, DateTime At, string ByName,
    IReadOnlyList<EvidenceDto> Files);

/// What the caller may do with the task: report progress (its lead unit), comment (a supporting unit, the department),
/// move it (the department).
public sealed record TaskRights(bool Progress, bool Comment, bool Manage);

/// A task with its supporting units, its history and the caller's rights. <see cref="Version"/> is its ETag.
public sealed record TaskDetail(TaskRow Task, string? Description, IReadOnlyList<UnitDto> Supports, IReadOnlyList<TaskUpdateDto> Updates,
    string CreatedBy, DateTime CreatedAt, DateTime? ClosedAt, string? ClosedBy, TaskRights Rights, long Version);

/// POST /api/v1/tasks: a task the department gives. Units are keys; the deadline a day (yyyy-MM-dd).
public sealed record CreateTaskInput(string? Title, string? Description, string? Lead, IReadOnlyList<string>? Supports, DateOnly? Deadline,
    int? PlanId);

/// An evidence file sent in a JSON update: its name and its bytes in base64.
public sealed record EvidenceInput(string? Name, string? Content);

/// POST /api/v1/tasks/{id}/updates as JSON (multipart sends the same fields and the files as "files").
public sealed record TaskUpdateInput(string? Text, int? Progress, IReadOnlyList<EvidenceInput>? Files);

/// The department's moves: reassign (lead and supports), a new deadline, close, cancel, reopen; each with a note.
public sealed record TaskMoveInput(string? Lead, IReadOnlyList<string>? Supports, DateOnly? Deadline, string? Note);
