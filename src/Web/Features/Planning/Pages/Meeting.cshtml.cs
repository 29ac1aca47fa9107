using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// One meeting: who chaired and who came, the agenda and minutes, and its conclusions with the tasks each became; under
/// each conclusion the department turns it into one or more tasks in one step; the conclusion notice as DOCX or PDF.
public sealed class MeetingModel(MeetingService meetings, MeetingNotice notice, Text text) : ActionPage
{
    /// Task rows offered under each conclusion; blank ones are left out.
    public const int TaskRows = 3;

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public List<TaskRow> Tasks { get; set; } = [];

    public MeetingDetail? Detail { get; private set; }
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];
    /// The conclusion whose task form was sent and refused: its form opens again with what was typed.
    public int? FailedConclusion { get; private set; }
    public override string Back => $"/Planning/Meetings/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTasksAsync(int n, CancellationToken ct)
    {
        if (!Scope.Is(MeetingService.Writers)) return Forbid();
        // Blank rows are not tasks; each kept row remembers its place on the form for the error messages.
        var kept = Tasks.Select((t, i) => (t, i)).Where(x => !x.t.IsBlank).ToList();
        var input = new ConclusionTasksInput(kept.Select(x => (ConclusionTaskInput?)new ConclusionTaskInput(x.t.Title, null, x.t.Lead,
            x.t.Supports, x.t.Deadline)).ToList());
        var result = await meetings.MakeTasksAsync(Id, n, input, Scope, ct);
        if (result.IsOk)
            return await OutcomeAsync(result, text.Format("Meetings.TasksMade", result.Value!.Tasks.Count, n), () => LoadAsync(ct));
        if (result.Failure == FailureKind.NotFound) return NotFound();
        FailedConclusion = n;
        var outcome = await OutcomeAsync(result, "", () => LoadAsync(ct));
        if (result.Failure == FailureKind.Invalid)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value.Select(m => RowOf(e.Key, kept.Select(k => k.i).ToList()) + m)));
            Response.Headers["X-Bookpost-Message"] = Uri.EscapeDataString(Error);
        }
        return outcome;
    }

    public async Task<IActionResult> OnGetNoticeAsync(string? format, CancellationToken ct)
    {
        var result = await notice.FileAsync(Id, format, Scope, ct);
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (!result.IsOk) return BadRequest(string.Join(" ", result.Errors.SelectMany(e => e.Value)));
        var (content, contentType, name) = result.Value;
        return File(content, contentType, name);
    }

    /// "Dòng 2: " for an error of the form's second row ("tasks[1].deadline" names the second task sent).
    private string RowOf(string key, List<int> rows)
    {
        var m = System.Text.RegularExpressions.Regex.Match(key, @"^tasks\[(\d+)\]");
        return m.Success && int.TryParse(m.Groups[1].Value, out var i) && i < rows.Count
            ? text.Format("Meetings.RowN", rows[i] + 1) + " " : "";
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await meetings.GetAsync(Id, Scope, ct);
        Detail = result.Value;
        if (Detail?.CanEdit == true) Agencies = (await meetings.AgenciesAsync(ct)).Where(a => a.EndedOn is null).ToList();
        return result.IsOk;
    }

    /// The rows to show under conclusion n: what was typed when its form was refused, else blank ones.
    public IReadOnlyList<TaskRow> RowsFor(int n)
    {
        var rows = FailedConclusion == n ? Tasks.Take(TaskRows).ToList() : [];
        while (rows.Count < TaskRows) rows.Add(new TaskRow());
        return rows;
    }
}

/// One row of a conclusion's task form.
public sealed class TaskRow
{
    public string? Title { get; set; }
    public string? Lead { get; set; }
    public List<string> Supports { get; set; } = [];
    public DateOnly? Deadline { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Lead) && Deadline is null
        && Supports.All(string.IsNullOrWhiteSpace);
}
