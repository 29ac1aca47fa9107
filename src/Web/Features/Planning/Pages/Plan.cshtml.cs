using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Infrastructure.Files;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// One plan: its text and legal bases, its targets against the live figures, its steps with who and when, its files,
/// and what the reader may do: edit the draft, submit it, record its issuing, close or withdraw it, amend it by a new
/// version, attach files. The DOCX and PDF come from the API (signed-in cookies reach it).
[RequestFormLimits(MultipartBodyLengthLimit = PlanAttachments.MaxBytes + 256 * 1024)]
[RequestSizeLimit(PlanAttachments.MaxBytes + 256 * 1024)]
public sealed class PlanModel(PlanService plans, PlanWorkflow flow, PlanAttachments files, PlanForm forms, PlanTargetsViews targets,
    Tasks.ListTasks tasks, TimeProvider clock, Text text)
    : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public PlanDetail? Detail { get; private set; }
    public PlanFormView? Form { get; private set; }
    public PlanTargetsView? Targets { get; private set; }

    /// The plan's tasks the reader may see, with the same tasks counted by lead unit (how many, how many overdue, progress).
    public Tasks.TaskList? PlanTasks { get; private set; }
    public IReadOnlyList<PlanOption> Agencies { get; private set; } = [];
    public DateOnly Today => clock.Today();
    public override string Back => $"/Planning/Plans/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(long version, CancellationToken ct)
    {
        var badDates = new List<string>();
        var input = PlanForm.Read(Request.Form, badDates);
        var result = badDates.Count > 0
            ? Result<PlanDetail>.Invalid("bases", text["Plans.BasisDate"])
            : await plans.UpdateAsync(Id, version, input, Scope, ct);
        return await OutcomeAsync(result, text["Plans.Saved"], async () =>
        {
            await LoadAsync(ct);
            if (Detail?.CanEdit == true) Form = await forms.ViewAsync(Scope, input, ct);
        });
    }

    public Task<IActionResult> OnPostSubmitAsync(long version, string? note, CancellationToken ct) =>
        MoveAsync(PlanWorkflow.Step.Submit, version, note, null, "Plans.SubmittedFlash", ct);

    public Task<IActionResult> OnPostIssueAsync(long version, string? number, string? issuedOn, string? issuingUnit, CancellationToken ct)
    {
        DateOnly? day = DateOnly.TryParseExact(issuedOn?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
        return MoveAsync(PlanWorkflow.Step.Issue, version, null, new IssuePlanInput(number, day, issuingUnit, null), "Plans.IssuedFlash",
            ct);
    }

    public Task<IActionResult> OnPostCloseAsync(long version, string? note, CancellationToken ct) =>
        MoveAsync(PlanWorkflow.Step.Close, version, note, null, "Plans.ClosedFlash", ct);

    public Task<IActionResult> OnPostWithdrawAsync(long version, string? note, CancellationToken ct) =>
        MoveAsync(PlanWorkflow.Step.Withdraw, version, note, null, "Plans.WithdrawnFlash", ct);

    public async Task<IActionResult> OnPostAmendAsync(string? note, CancellationToken ct)
    {
        var result = await flow.AmendAsync(Id, note, Scope, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = text["Plans.AmendedFlash"];
            return Redirect($"/Planning/Plans/{result.Value!.Plan.Id}");
        }
        return await OutcomeAsync(result, "", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostAttachAsync(IFormFile? file, string? caption, CancellationToken ct)
    {
        Result<PlanAttachmentDto> result;
        if (file is null) result = Result<PlanAttachmentDto>.Invalid("file", text["Files.Empty"]);
        else
        {
            byte[]? content;
            await using (var stream = file.OpenReadStream())
                content = await FileStore.ReadLimitedAsync(stream, PlanAttachments.MaxBytes, ct);
            result = await files.AddAsync(Id, content, file.FileName, caption, Scope, ct);
        }
        return await OutcomeAsync(result, text["Plans.AttachedFlash"], () => LoadAsync(ct));
    }

    private async Task<IActionResult> MoveAsync(PlanWorkflow.Step step, long version, string? note, IssuePlanInput? issue, string flash,
        CancellationToken ct)
    {
        var result = await flow.MoveAsync(Id, step, version, note, issue, Scope, ct);
        return await OutcomeAsync(result, text[flash], () => LoadAsync(ct));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await plans.GetAsync(Id, Scope, ct);
        Detail = result.Value;
        if (Detail is null) return false;
        if (Detail.CanEdit) Form ??= await forms.ViewAsync(Scope, PlanForm.Of(Detail), ct);
        if (Detail.CanIssue) Agencies = (Form ?? await forms.ViewAsync(Scope, PlanForm.Of(Detail), ct)).Agencies;
        Targets = await targets.ForAsync(Id, Scope, ct);
        PlanTasks = (await tasks.HandleAsync(new Tasks.TaskQuery(null, Id, null, null, null, null, 1, 50), Scope, ct)).Value;
        return true;
    }
}
