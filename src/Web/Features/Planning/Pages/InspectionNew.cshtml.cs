using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Inspections;
using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// A new inspection, made for a phone at the point: pick the point, then each checklist item as two big buttons (đạt /
/// không đạt) with a note, the remarks, and up to five photos straight from the camera. Saving opens the inspection,
/// where a failed item becomes a task.
[RequestSizeLimit(RecordInspection.MaxPhotos * RecordInspection.MaxPhotoBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RecordInspection.MaxPhotos * RecordInspection.MaxPhotoBytes + 1024 * 1024)]
public sealed class InspectionNewModel(RecordInspection record, PointOptions pointOptions, AppDbContext db, TimeProvider clock, Text text)
    : ActionPage
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    [BindProperty] public int? PointId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Remarks { get; set; }
    /// Each item's answer (pass, fail, or nothing for not checked) and note, by the item's code.
    [BindProperty] public Dictionary<string, string?> Result { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Note { get; set; } = [];

    public IReadOnlyList<PointChoiceGroup> Points { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public int? CreatedId { get; private set; }
    public override string Back => CreatedId is { } id ? $"/Planning/Inspections/{id}" : "/Planning/Inspections";

    public async Task<IActionResult> OnGetAsync(int? point, CancellationToken ct)
    {
        if (!InspectionScope.Inspects(Scope)) return Forbid();
        PointId ??= point;
        await LoadAsync(ct);
        Date ??= Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? photos, CancellationToken ct)
    {
        if (!InspectionScope.Inspects(Scope)) return Forbid();
        var uploads = new List<PhotoUpload>();
        foreach (var file in (photos ?? []).Where(f => f.Length > 0))
        {
            await using var stream = file.OpenReadStream();
            var bytes = await FileStore.ReadLimitedAsync(stream, RecordInspection.MaxPhotoBytes, ct);
            if (bytes is null)
            {
                ModelState.AddModelError("photos", text.Format("Files.TooLarge", RecordInspection.MaxPhotoBytes / (1024 * 1024)));
                Error = text["Inspections.NotSaved"];
                await LoadAsync(ct);
                return Page();
            }
            uploads.Add(new PhotoUpload(bytes, file.FileName));
        }
        var checks = InspectionChecklist.Items
            .Where(item => Result.GetValueOrDefault(item) is Pass or Fail)
            .Select(item => new InspectionCheckInput(item, Result[item] == Pass, Note.GetValueOrDefault(item)))
            .ToList();
        var result = await record.CreateAsync(new InspectionInput(PointId, Date, checks, Remarks), uploads, Scope, ct);
        if (result.IsOk) CreatedId = result.Value!.Id;
        // Field errors go beside their fields ("checks[2].note" beside the third item's note).
        foreach (var (field, messages) in result.Errors)
            foreach (var m in messages) ModelState.AddModelError(FieldOf(field, checks), m);
        if (result.Failure == Infrastructure.Errors.FailureKind.NotFound)
        {
            ModelState.AddModelError(nameof(PointId), text["Inspections.PointOutside"]);
            Error = text["Inspections.PointOutside"];
            Response.StatusCode = StatusCodes.Status404NotFound;
            await LoadAsync(ct);
            return Page();
        }
        return await OutcomeAsync(result, text["Inspections.Saved"], () => LoadAsync(ct));
    }

    /// The form field an API field error belongs to.
    private static string FieldOf(string field, List<InspectionCheckInput> checks)
    {
        if (field.StartsWith("checks[", StringComparison.Ordinal) && field.IndexOf(']') is var end and > 7
            && int.TryParse(field[7..end], out var i) && i < checks.Count)
            return (field.EndsWith(".note", StringComparison.Ordinal) ? "Note[" : "Result[") + checks[i].Item + "]";
        return field switch { "pointId" => nameof(PointId), "date" => nameof(Date), "remarks" => nameof(Remarks), "checks" => "Result",
            _ => field };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today();
        var inspectable = InspectionScope.InspectablePoints(db, Scope, Today).Select(p => p.Id);
        Points = await pointOptions.ListAsync(Scope, p => inspectable.Contains(p.Id), ct);
    }

    public string? Errors(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;
}
