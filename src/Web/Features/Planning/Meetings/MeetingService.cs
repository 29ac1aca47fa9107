using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Features.Planning.Meetings;

/// Meetings and their conclusions: the department (Admin, Monitor) writes them and turns a conclusion into tasks; every
/// office role reads them (a meeting names officials acting for their agencies, no readers); a point's operator reads
/// only the meetings its operating agency attended.
public sealed class MeetingService(AppDbContext db, PlanningUnits units, TaskCreator creator, TimeProvider clock, Text text)
{
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.Monitor];
    public const int MaxTitle = 500, MaxPlace = 200, MaxChairName = 100, MaxChairPosition = 200, MaxAgenda = 20000,
        MaxMinutes = 50000, MaxConclusion = 4000, MaxConclusions = 50, MaxUnits = 60, MaxAttendees = 1000, MaxNoticeNumber = 60,
        MaxTasksPerCall = 20;
    /// Meetings are recorded from the programme's start; a meeting may be entered ahead, up to a year.
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    private DateOnly Today => clock.Today();

    /// The meetings the user may read.
    public async Task<IQueryable<Meeting>> VisibleAsync(UserScope scope, CancellationToken ct)
    {
        if (scope.Role != AppRole.Point) return db.Meetings.AsNoTracking();
        var op = scope.PointId is { } p
            ? await db.ServicePoints.Where(x => x.Id == p).Select(x => x.OperatorId).FirstOrDefaultAsync(ct)
            : null;
        return op is { } o
            ? db.Meetings.AsNoTracking().Where(m => m.Units.Any(u => u.OrganizationId == o))
            : db.Meetings.AsNoTracking().Where(m => false);
    }

    public async Task<Result<PagedList<MeetingRow>>> ListAsync(MeetingQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        var q = query.Q?.Trim();
        if (q is { Length: > 100 }) errors.Add("q", text.Format("Validation.MaxLength", 100));
        if (query.From is { } f && query.To is { } t && f > t) errors.Add("to", text["Validation.DateRange"]);
        if (errors.Any) return errors.ToResult<PagedList<MeetingRow>>();
        var meetings = await VisibleAsync(scope, ct);
        if (query.From is { } from) meetings = meetings.Where(m => m.Date >= from);
        if (query.To is { } to) meetings = meetings.Where(m => m.Date <= to);
        if (!string.IsNullOrEmpty(q)) meetings = meetings.Where(m => m.Title.Contains(q));
        return await meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
            .Select(m => new MeetingRow(m.Id, m.Date, m.Title, m.Place, m.ChairName, m.ChairPosition, m.Units.Count, m.Conclusions.Count,
                db.PlanTasks.Count(t => t.MeetingId == m.Id), m.NoticeNumber))
            .ToPagedAsync(page, ct);
    }

    public async Task<Result<MeetingDetail>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var meeting = await (await VisibleAsync(scope, ct)).Include(m => m.Units).Include(m => m.Conclusions)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        return meeting is null ? Result<MeetingDetail>.NotFound() : await DetailAsync(meeting, scope, ct);
    }

    public async Task<Result<MeetingDetail>> CreateAsync(MeetingInput? input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(Writers)) return Result<MeetingDetail>.Forbidden(text["Meetings.WritersOnly"]);
        var (valid, errors) = await ValidateAsync(input, ct);
        if (errors.Any) return errors.ToResult<MeetingDetail>();
        var now = db.UtcNow;
        var meeting = new Meeting { CreatedAt = now, CreatedBy = scope.UserName, Version = 1 };
        Apply(meeting, valid!, now);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return await DetailAsync(meeting, scope, ct);
    }

    public async Task<Result<MeetingDetail>> UpdateAsync(int id, long? version, MeetingInput? input, UserScope scope, CancellationToken ct)
    {
        var meeting = await (await VisibleAsync(scope, ct)).AsTracking().Include(m => m.Units).Include(m => m.Conclusions)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return Result<MeetingDetail>.NotFound();
        if (!scope.Is(Writers)) return Result<MeetingDetail>.Forbidden(text["Meetings.WritersOnly"]);
        var (valid, errors) = await ValidateAsync(input, ct);
        if (errors.Any) return errors.ToResult<MeetingDetail>();
        if (text.CheckVersion<MeetingDetail>(version, meeting.Version) is { } stale) return stale;
        // A conclusion that tasks came from keeps its place: the tasks point at it, and the notice lists them under it.
        var dropped = meeting.Conclusions.Where(c => c.Number > valid!.Conclusions.Count).Select(c => c.Id).ToList();
        if (dropped.Count > 0 && await db.PlanTasks.Where(t => t.ConclusionId != null && dropped.Contains(t.ConclusionId.Value))
                .Select(t => (int?)t.ConclusionId).FirstOrDefaultAsync(ct) is { } used)
        {
            var number = meeting.Conclusions.First(c => c.Id == used).Number;
            return Result<MeetingDetail>.Conflict(text.Format("Meetings.ConclusionHasTasks", number));
        }
        Apply(meeting, valid!, db.UtcNow);
        if (await db.TrySaveAsync<MeetingDetail>(text, version, ct) is { } failed)
        {
            db.ChangeTracker.Clear();
            return failed;
        }
        return await DetailAsync(meeting, scope, ct);
    }

    /// Makes each task of the request from conclusion <paramref name="number"/>: all of them, or none when any is refused
    /// (its errors are named "tasks[i].field"). A task the conclusion already gave the same unit under the same title is a
    /// duplicate (a second tap, a replay without its key): 409, nothing made.
    public async Task<Result<ConclusionTasksMade>> MakeTasksAsync(int id, int number, ConclusionTasksInput? input, UserScope scope,
        CancellationToken ct)
    {
        var meeting = await (await VisibleAsync(scope, ct)).Include(m => m.Conclusions).FirstOrDefaultAsync(m => m.Id == id, ct);
        var conclusion = meeting?.Conclusions.FirstOrDefault(c => c.Number == number);
        if (meeting is null || conclusion is null) return Result<ConclusionTasksMade>.NotFound();
        if (!scope.Is(Writers)) return Result<ConclusionTasksMade>.Forbidden(text["Meetings.WritersOnly"]);
        var list = input?.Tasks ?? [];
        if (list.Count == 0) return Result<ConclusionTasksMade>.Invalid("tasks", text["Meetings.NoTasks"]);
        if (list.Count > MaxTasksPerCall)
            return Result<ConclusionTasksMade>.Invalid("tasks", text.Format("Meetings.TooManyTasks", MaxTasksPerCall));

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, IEnumerable<string> messages)
        {
            if (!errors.TryGetValue(field, out var l)) errors[field] = l = [];
            l.AddRange(messages);
        }
        var made = new List<PlanTask>();
        var seen = new HashSet<(string, int?, int?)>();
        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"tasks[{i}].";
            if (list[i] is not { } t)
            {
                Add($"tasks[{i}]", [text["Meetings.TaskMissing"]]);
                continue;
            }
            var result = await creator.AddAsync(new NewTask(t.Title, t.Description, t.Lead, t.Supports, t.Deadline, meeting.PlanId,
                meeting.Id, conclusion.Id), scope, ct, prefix);
            if (!result.IsOk)
            {
                foreach (var (field, messages) in result.Errors) Add(field, messages);
                continue;
            }
            var task = result.Value!;
            if (!seen.Add((task.Title.ToUpperInvariant(), task.LeadOrganizationId, task.LeadPointId)))
                Add(prefix + "title", [text["Meetings.DuplicateTask"]]);
            made.Add(task);
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<ConclusionTasksMade>.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        var existing = await db.PlanTasks.AsNoTracking().Where(t => t.ConclusionId == conclusion.Id)
            .Select(t => new { t.Title, t.LeadOrganizationId, t.LeadPointId }).ToListAsync(ct);
        if (made.FirstOrDefault(m => existing.Any(e => string.Equals(e.Title, m.Title, StringComparison.OrdinalIgnoreCase)
                && e.LeadOrganizationId == m.LeadOrganizationId && e.LeadPointId == m.LeadPointId)) is { } twice)
        {
            db.ChangeTracker.Clear();
            return Result<ConclusionTasksMade>.Conflict(text.Format("Meetings.TaskExists", number, twice.Title));
        }
        await db.SaveChangesAsync(ct);
        var tasks = await TasksAsync([conclusion.Id], ct);
        var mine = made.Select(m => m.Id).ToHashSet();
        return new ConclusionTasksMade(meeting.Id, number,
            tasks.GetValueOrDefault(conclusion.Id, []).Where(t => mine.Contains(t.Id)).ToList());
    }

    /// A meeting's input once checked: trimmed texts, the units as registry ids, the conclusions in order.
    private sealed record Valid(DateOnly Date, string Title, string? Place, string ChairName, string ChairPosition,
        IReadOnlyList<(int OrganizationId, string? Attendees)> Units, string Agenda, string Minutes, IReadOnlyList<string> Conclusions,
        string? NoticeNumber, DateOnly? NoticeDate, int OrganizationId);

    private async Task<(Valid?, FieldErrors)> ValidateAsync(MeetingInput? input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input is null)
        {
            errors.Add("$", text["Meetings.BodyRequired"]);
            return (null, errors);
        }
        var latest = Today.AddYears(1);
        if (input.Date is not { } date) errors.Add("date", text["Meetings.DateRequired"]);
        else if (date < Earliest || date > latest)
            errors.Add("date", text.Format("Meetings.DateRange", VnTime.Show(Earliest), VnTime.Show(latest)));
        var title = Line(input.Title, "title", MaxTitle, true, false, errors);
        var place = Line(input.Place, "place", MaxPlace, false, false, errors);
        var chairName = Line(input.ChairName, "chairName", MaxChairName, true, false, errors);
        var chairPosition = Line(input.ChairPosition, "chairPosition", MaxChairPosition, true, false, errors);
        var agenda = Line(input.Agenda, "agenda", MaxAgenda, false, true, errors) ?? "";
        var minutes = Line(input.Minutes, "minutes", MaxMinutes, false, true, errors) ?? "";
        var notice = Line(input.NoticeNumber, "noticeNumber", MaxNoticeNumber, false, false, errors);
        if (input.NoticeDate is { } nd)
        {
            if (input.Date is { } d && nd < d) errors.Add("noticeDate", text["Meetings.NoticeBeforeMeeting"]);
            else if (nd < Earliest || nd > latest)
                errors.Add("noticeDate", text.Format("Meetings.DateRange", VnTime.Show(Earliest), VnTime.Show(latest)));
        }

        var present = new List<(int, string?)>();
        var unitInputs = input.Units ?? [];
        if (unitInputs.Count > MaxUnits) errors.Add("units", text.Format("Meetings.TooManyUnits", MaxUnits));
        else
            for (var i = 0; i < unitInputs.Count; i++)
            {
                var u = unitInputs[i];
                var unit = await units.FindAsync(u?.Unit, ct);
                if (unit?.OrganizationId is not { } orgId)
                {
                    var key = u?.Unit ?? "";
                    errors.Add($"units[{i}].unit", text.Format("Meetings.UnknownAgency", key.Length > 40 ? key[..40] + "…" : key));
                    continue;
                }
                if (present.Any(p => p.Item1 == orgId))
                {
                    errors.Add($"units[{i}].unit", text.Format("Meetings.UnitTwice", unit.Name));
                    continue;
                }
                present.Add((orgId, Line(u!.Attendees, $"units[{i}].attendees", MaxAttendees, false, true, errors)));
            }

        var conclusions = new List<string>();
        var conclusionInputs = input.Conclusions ?? [];
        if (conclusionInputs.Count > MaxConclusions) errors.Add("conclusions", text.Format("Meetings.TooManyConclusions", MaxConclusions));
        else
            for (var i = 0; i < conclusionInputs.Count; i++)
                if (Line(conclusionInputs[i], $"conclusions[{i}]", MaxConclusion, true, true, errors) is { } c) conclusions.Add(c);

        int? organization = input.Date is { } day ? await units.DepartmentAsync(day, ct) : null;
        if (input.Date is not null && organization is null) errors.Add("date", text["Meetings.NoDepartment"]);
        if (errors.Any) return (null, errors);
        return (new Valid(input.Date!.Value, title!, place, chairName!, chairPosition!, present, agenda, minutes, conclusions, notice,
            input.NoticeDate, organization!.Value), errors);
    }

    /// A trimmed text, null when blank; too long, blank when required, or holding control characters adds the field's error.
    private string? Line(string? value, string field, int max, bool required, bool multiline, FieldErrors errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(field, text["Meetings.Required"]);
            return null;
        }
        if (v.Length > max) errors.Add(field, text.Format("Validation.MaxLength", max));
        else if (v.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t') || c == '\uFFFE' || c == '\uFFFF'))
            errors.Add(field, text["Validation.ControlCharacters"]);
        else if (!IsWellFormed(v)) errors.Add(field, text["Validation.ControlCharacters"]);
        return v;
    }

    /// False for a lone half of a surrogate pair, which XML (the DOCX) cannot hold.
    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    private static void Apply(Meeting m, Valid v, DateTime now)
    {
        m.Date = v.Date;
        m.Title = v.Title;
        m.Place = v.Place;
        m.ChairName = v.ChairName;
        m.ChairPosition = v.ChairPosition;
        m.Agenda = v.Agenda;
        m.Minutes = v.Minutes;
        m.NoticeNumber = v.NoticeNumber;
        m.NoticeDate = v.NoticeDate;
        m.OrganizationId = v.OrganizationId;
        m.UpdatedAt = now;
        // Units present: keep the rows of those still present (their ids stay), drop the others, add the new.
        m.Units.RemoveAll(u => v.Units.All(x => x.OrganizationId != u.OrganizationId));
        foreach (var (org, attendees) in v.Units)
        {
            if (m.Units.FirstOrDefault(u => u.OrganizationId == org) is { } row) row.Attendees = attendees;
            else m.Units.Add(new MeetingUnit { OrganizationId = org, Attendees = attendees });
        }
        // Conclusions by number: the tasks made from conclusion 2 stay with conclusion 2 when its wording is corrected.
        m.Conclusions.RemoveAll(c => c.Number > v.Conclusions.Count);
        for (var i = 0; i < v.Conclusions.Count; i++)
        {
            if (m.Conclusions.FirstOrDefault(c => c.Number == i + 1) is { } row) row.Text = v.Conclusions[i];
            else m.Conclusions.Add(new MeetingConclusion { Number = i + 1, Text = v.Conclusions[i] });
        }
    }

    private async Task<MeetingDetail> DetailAsync(Meeting m, UserScope scope, CancellationToken ct)
    {
        var described = await units.DescribeAsync(m.Units.Select(u => UnitRef.Organization(u.OrganizationId))
            .Append(UnitRef.Organization(m.OrganizationId)), ct);
        var tasks = await TasksAsync(m.Conclusions.Select(c => c.Id).ToList(), ct);
        var present = m.Units.Select(u => (u, d: described.GetValueOrDefault(UnitRef.Organization(u.OrganizationId))))
            .OrderBy(x => x.d?.Name, StringComparer.Ordinal)
            .Select(x => new MeetingUnitDto(x.d?.Key ?? "", x.d?.Name ?? "", x.u.Attendees)).ToList();
        var conclusions = m.Conclusions.OrderBy(c => c.Number)
            .Select(c => new ConclusionDto(c.Number, c.Text, tasks.GetValueOrDefault(c.Id, []))).ToList();
        return new MeetingDetail(m.Id, m.Date, m.Title, m.Place, described.GetValueOrDefault(UnitRef.Organization(m.OrganizationId)),
            m.ChairName, m.ChairPosition, present, m.Agenda, m.Minutes, conclusions, m.NoticeNumber, m.NoticeDate, m.CreatedBy, m.CreatedAt,
            m.UpdatedAt, m.Version, scope.Is(Writers));
    }

    /// The tasks made from these conclusions, by conclusion, in the order they were given.
    private async Task<Dictionary<int, List<ConclusionTaskDto>>> TasksAsync(IReadOnlyCollection<int> conclusionIds, CancellationToken ct)
    {
        if (conclusionIds.Count == 0) return [];
        var rows = await db.PlanTasks.AsNoTracking().Where(t => t.ConclusionId != null && conclusionIds.Contains(t.ConclusionId.Value))
            .Include(t => t.Supports).OrderBy(t => t.Id).ToListAsync(ct);
        var refs = rows.Select(t => new UnitRef(t.LeadOrganizationId, t.LeadPointId))
            .Concat(rows.SelectMany(t => t.Supports.Select(s => new UnitRef(s.OrganizationId, s.PointId))));
        var described = await units.DescribeAsync(refs, ct);
        UnitDto Describe(UnitRef r) =>
            described.GetValueOrDefault(r) ?? new UnitDto("", "", r.PointId is not null, r.OrganizationId, r.PointId);
        var today = Today;
        return rows.GroupBy(t => t.ConclusionId!.Value).ToDictionary(g => g.Key, g => g.Select(t => new ConclusionTaskDto(t.Id, t.Title,
            Describe(new UnitRef(t.LeadOrganizationId, t.LeadPointId)),
            t.Supports.Select(s => Describe(new UnitRef(s.OrganizationId, s.PointId))).ToList(), t.Deadline, t.Status, StatusName(t.Status),
            PlanTask.IsOverdue(t.Status, t.Deadline, today), t.Progress)).ToList());
    }

    /// The agencies of the registry, for the pickers of the pages: those valid today first, then the former ones (a meeting
    /// of 2017 was attended by district offices that no longer exist).
    public async Task<IReadOnlyList<AgencyOption>> AgenciesAsync(CancellationToken ct)
    {
        var today = Today;
        var rows = await db.Organizations.AsNoTracking()
            .Select(o => new { o.Code, o.Name, o.ValidFrom, o.ValidTo, o.ParentId }).ToListAsync(ct);
        return rows.Select(o => new AgencyOption(o.Code, o.Name, o.ValidTo is { } to && to <= today ? to : null))
            .OrderBy(o => o.EndedOn is not null).ThenBy(o => o.Name.StartsWith("Phòng", StringComparison.Ordinal))
            .ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    public string StatusName(TaskStatus status) => text[$"Meetings.TaskStatus.{status}"];
}
