using Bookpost.Web.Features.Planning.Inspections;
using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// One inspection: what passed and what failed, the remarks and the photos; beside each failed item a "Giao việc" button
/// that opens a small form (who leads, by when) and makes the task in one step.
[RequestSizeLimit(RecordInspection.MaxPhotoBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RecordInspection.MaxPhotoBytes + 64 * 1024)]
public sealed class InspectionModel(InspectionReads reads, RecordInspection record, InspectionTasks tasks, TimeProvider clock, Text text)
    : ActionPage
{
    public InspectionDetail? Detail { get; private set; }
    public DateOnly Today { get; private set; }
    /// The item whose task form failed, opened again with its message.
    public string? FailedItem { get; private set; }
    public bool Inspects => InspectionScope.Inspects(Scope);
    public override string Back => $"/Planning/Inspections/{RouteData.Values["id"]}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTaskAsync(int id, string? item, string? lead, DateOnly? deadline, string? title,
        CancellationToken ct)
    {
        if (!Inspects) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await tasks.CreateAsync(id, item ?? "", new InspectionTaskInput(lead, deadline, title, null), Scope, ct);
        FailedItem = result.IsOk ? null : item;
        var done = result.IsOk ? text.Format("Inspections.TaskMade", result.Value!.LeadName, VnTime.Show(result.Value.Deadline)) : "";
        if (result.Failure == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        return await OutcomeAsync(result, done, () => LoadAsync(id, ct));
    }

    public async Task<IActionResult> OnPostPhotoAsync(int id, IFormFile? photo, CancellationToken ct)
    {
        if (!Inspects) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        byte[]? bytes = null;
        if (photo is { Length: > 0 })
        {
            await using var stream = photo.OpenReadStream();
            bytes = await FileStore.ReadLimitedAsync(stream, RecordInspection.MaxPhotoBytes, ct);
            if (bytes is null)
                return await OutcomeAsync(Result<InspectionPhotoDto>.Invalid("file",
                    text.Format("Files.TooLarge", RecordInspection.MaxPhotoBytes / (1024 * 1024))), "", () => LoadAsync(id, ct));
        }
        var result = bytes is null
            ? Result<InspectionPhotoDto>.Invalid("file", text["Files.Empty"])
            : await record.AddPhotoAsync(id, new PhotoUpload(bytes, photo!.FileName), Scope, ct);
        return await OutcomeAsync(result, text["Inspections.PhotoAdded"], () => LoadAsync(id, ct));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Today = clock.Today();
        var result = await reads.GetAsync(id, Scope, ct);
        Detail = result.Value;
        return result.IsOk;
    }
}
