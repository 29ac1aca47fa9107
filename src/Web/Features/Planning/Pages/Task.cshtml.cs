using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// One task: where it comes from, its lead and supporting units, its deadline and progress, its history with the
/// evidence files (served only to those who read the task); the lead unit's progress form (a note, a percent, files or
/// photos from the phone), a supporting unit's comment form, and the department's moves.
public sealed class TaskModel(TaskReads reads, PostTaskUpdate post, MoveTask move, TaskEvidence evidence, AppDbContext db, Text text)
    : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public TaskDetail? Detail { get; private set; }
    public IReadOnlyList<UnitDto> Agencies { get; private set; } = [];
    public override string Back => $"/Planning/Tasks/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// An evidence file, for a user who reads the task.
    public async Task<IActionResult> OnGetFileAsync(int file, CancellationToken ct) =>
        await evidence.OpenAsync(Id, file, Scope, ct) is { } f ? File(f.Content, f.ContentType, f.FileName) : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(string? note, string? progress, List<IFormFile>? files, CancellationToken ct)
    {
        int? percent = null;
        if (!string.IsNullOrWhiteSpace(progress))
        {
            if (!int.TryParse(progress.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture,
                    out var p))
                return await OutcomeAsync(Result<TaskDetail>.Invalid("progress", text["Tasks.ProgressRange"]), "", () => LoadAsync(ct));
            percent = p;
        }
        var uploads = new List<EvidenceUpload>();
        foreach (var file in (files ?? []).Where(f => f.Length > 0).Take(PostTaskUpdate.MaxFiles + 1))
        {
            await using var stream = file.OpenReadStream();
            uploads.Add(new EvidenceUpload(file.FileName, await FileStore.ReadLimitedAsync(stream, PostTaskUpdate.MaxFileBytes, ct)));
        }
        // Entries add to the history: one posted since the page was read does not make this one stale.
        var result = await post.HandleAsync(Id, note, percent, uploads, null, Scope, ct);
        if (result.Failure == FailureKind.Forbidden) return Forbid();
        return await OutcomeAsync(result, text["Tasks.UpdateSaved"], () => LoadAsync(ct));
    }

    public Task<IActionResult> OnPostReassignAsync(string? lead, string? pointCode, List<string>? supports, string? note, long version,
        CancellationToken ct) =>
        MoveAsync(MoveTask.Step.Reassign, new TaskMoveInput(string.IsNullOrWhiteSpace(pointCode) ? lead : pointCode.Trim(), supports, null,
            note), version, ct);

    public Task<IActionResult> OnPostDeadlineAsync(DateOnly? deadline, string? note, long version, CancellationToken ct) =>
        MoveAsync(MoveTask.Step.Reschedule, new TaskMoveInput(null, null, deadline, note), version, ct);

    public Task<IActionResult> OnPostCloseAsync(string? note, long version, CancellationToken ct) =>
        MoveAsync(MoveTask.Step.Close, new TaskMoveInput(null, null, null, note), version, ct);

    public Task<IActionResult> OnPostCancelAsync(string? note, long version, CancellationToken ct) =>
        MoveAsync(MoveTask.Step.Cancel, new TaskMoveInput(null, null, null, note), version, ct);

    public Task<IActionResult> OnPostReopenAsync(DateOnly? deadline, string? note, long version, CancellationToken ct) =>
        MoveAsync(MoveTask.Step.Reopen, new TaskMoveInput(null, null, deadline, note), version, ct);

    private async Task<IActionResult> MoveAsync(MoveTask.Step step, TaskMoveInput input, long version, CancellationToken ct)
    {
        if (!Scope.Is(TaskReads.Department)) return Forbid();
        var result = await move.HandleAsync(Id, step, input, version, Scope, ct);
        return await OutcomeAsync(result, text["Tasks.Moved"], () => LoadAsync(ct));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var task = await reads.FindAsync(Id, Scope, ct);
        if (task is null) return false;
        Detail = await reads.DetailAsync(task, Scope, ct);
        if (Detail.Rights.Manage)
        {
            var today = reads.Today;
            Agencies = await db.Organizations.AsNoTracking().Where(o => o.ValidTo == null || o.ValidTo > today)
                .OrderBy(o => o.Name).Select(o => new UnitDto(o.Code, o.Name, false, o.Id, null)).ToListAsync(ct);
        }
        return true;
    }

    /// The page's own link to an evidence file (the API's link needs a token on a phone's browser too; this one the cookie).
    public string FileHref(EvidenceDto f) => $"/Planning/Tasks/{Id}?handler=File&file={f.Id}";
}
