using Bookpost.Web.Features.Planning.Units;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Features.Planning.Meetings;

/// A unit present at a meeting: the agency's registry code and the people who came for it ("Ông Lê Văn A, Phó Giám đốc").
public sealed record MeetingUnitInput(string? Unit, string? Attendees);

/// A meeting as the department writes it (POST creates, PUT replaces it whole). The conclusions are numbered 1..n in the
/// order given; a conclusion that tasks were made from keeps its number, so it cannot be dropped.
public sealed record MeetingInput(DateOnly? Date, string? Title, string? Place, string? ChairName, string? ChairPosition,
    IReadOnlyList<MeetingUnitInput>? Units, string? Agenda, string? Minutes, IReadOnlyList<string?>? Conclusions,
    string? NoticeNumber = null, DateOnly? NoticeDate = null);

/// GET /api/v1/meetings filters: the meeting's date from/to and words of its title.
public sealed record MeetingQuery(DateOnly? From, DateOnly? To, string? Q, int? Page, int? PageSize);

public sealed record MeetingRow(int Id, DateOnly Date, string Title, string? Place, string ChairName, string ChairPosition,
    int Units, int Conclusions, int Tasks, string? NoticeNumber);

public sealed record MeetingUnitDto(string Key, string Name, string? Attendees);

/// A task made from a conclusion, as the meeting's page and the notice show it.
public sealed record ConclusionTaskDto(int Id, string Title, UnitDto Lead, IReadOnlyList<UnitDto> Supports, DateOnly Deadline,
    TaskStatus Status, string StatusName, bool Overdue, int Progress);

public sealed record ConclusionDto(int Number, string Text, IReadOnlyList<ConclusionTaskDto> Tasks);

public sealed record MeetingDetail(int Id, DateOnly Date, string Title, string? Place, UnitDto? Organization, string ChairName,
    string ChairPosition, IReadOnlyList<MeetingUnitDto> Units, string Agenda, string Minutes, IReadOnlyList<ConclusionDto> Conclusions,
    string? NoticeNumber, DateOnly? NoticeDate, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, long Version, bool CanEdit);

/// One task to make from a conclusion: its title, lead unit key, supporting unit keys and deadline.
public sealed record ConclusionTaskInput(string? Title, string? Description, string? Lead, IReadOnlyList<string>? Supports,
    DateOnly? Deadline);

/// POST /api/v1/meetings/{id}/conclusions/{n}/tasks: one or more tasks, made together or not at all.
public sealed record ConclusionTasksInput(IReadOnlyList<ConclusionTaskInput?>? Tasks);

public sealed record ConclusionTasksMade(int MeetingId, int Number, IReadOnlyList<ConclusionTaskDto> Tasks);

/// An agency as the pages offer it; <see cref="EndedOn"/> is set for one that no longer exists (merged or dissolved).
public sealed record AgencyOption(string Code, string Name, DateOnly? EndedOn);
