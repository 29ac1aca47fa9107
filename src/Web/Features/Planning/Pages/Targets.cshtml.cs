using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// A plan's targets on a page of their own: the same table as the plan's page, and where the add and remove forms of the
/// targets partial post. A refused form comes back here with what was typed and each mistake under its field.
public sealed class TargetsModel(PlanTargets targets, PlanTargetsViews views, AppDbContext db, Text text) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public TargetForm Form { get; set; } = new();

    public PlanTargetsView? View { get; private set; }
    public string PlanTitle { get; private set; } = "";
    public override string Back => $"/Planning/Plans/{Id}/Targets";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var parse = new FieldErrors();
        var input = PlanTargetsViews.ToInput(Form, parse, text);
        var result = await targets.AddAsync(Id, input, Scope, ct);
        if (result.IsOk && !parse.Any)
        {
            TempData["Flash"] = text.Format("Targets.Added", result.Value!.Indicator, result.Value.Period);
            return Redirect(Back);
        }
        if (result.IsOk) throw new InvalidOperationException("A form with unreadable numbers cannot have been saved.");
        return await RefusedAsync(result, parse, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int targetId, CancellationToken ct)
    {
        var result = await targets.DeleteAsync(Id, targetId, Scope, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = text["Targets.Removed"];
            return Redirect(Back);
        }
        return await RefusedAsync(result, new FieldErrors(), ct);
    }

    /// A refusal: not found answers 404, a forbidden move 403; anything else comes back on the page with the message, and
    /// field errors under their fields (the numbers that could not be read first, as typed).
    private async Task<IActionResult> RefusedAsync<T>(Result<T> result, FieldErrors parse, CancellationToken ct)
    {
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (result.Failure == FailureKind.Forbidden) return Forbid();
        var errors = parse.ToDictionary().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (field, messages) in result.Errors) errors.TryAdd(field, messages);
        Error = result.Message ?? text["Targets.FormErrors"];
        Response.Headers["X-Bookpost-Outcome"] = "error";
        Response.Headers["X-Bookpost-Message"] = Uri.EscapeDataString(Error);
        return await LoadAsync(errors, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(IReadOnlyDictionary<string, string[]>? errors, CancellationToken ct)
    {
        var view = await views.ForAsync(Id, Scope, ct);
        if (view is null) return false;
        PlanTitle = await db.Plans.Where(p => p.Id == Id).Select(p => p.Title).FirstAsync(ct);
        View = view with { Form = Form, Errors = errors ?? new Dictionary<string, string[]>() };
        return true;
    }
}
