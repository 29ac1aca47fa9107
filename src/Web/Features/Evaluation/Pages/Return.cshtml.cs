using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Evaluation.Pages;

/// One return: the form itself, its fields by section with what Bookpost recorded beside each, saved and submitted by the
/// point (through the offline queue on a phone), accepted or sent back by the office, and its revisions.
public sealed class ReturnModel(GetReturn get, SaveReturn save, MoveReturn move, ReviseReturn revise, Text text) : ActionPage
{
    /// Form fields holding figures are named with this prefix and the field's key.
    public const string ValuePrefix = "v:";

    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public ReturnDetail? Detail { get; private set; }
    public override string Back => $"/Reports/Returns/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(long version, string? remarks, string? act, CancellationToken ct)
    {
        if (!Scope.Is(ReturnRules.Writers)) return Forbid();
        var values = Request.Form.Keys.Where(k => k.StartsWith(ValuePrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[ValuePrefix.Length..], k => (string?)Request.Form[k].ToString(), StringComparer.Ordinal);
        var result = await save.HandleAsync(Id, version, values, remarks, Scope, ct);
        if (result.IsOk && act == "submit")
        {
            result = await move.HandleAsync(Id, MoveReturn.Step.Submit, null, null, Scope, ct);
            return await OutcomeAsync(result, text["Returns.Submitted"], () => LoadAsync(ct));
        }
        return await OutcomeAsync(result, text["Returns.Saved"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        if (!Scope.Is(ReturnRules.Deciders)) return Forbid();
        var result = await move.HandleAsync(Id, MoveReturn.Step.Accept, null, null, Scope, ct);
        return await OutcomeAsync(result, text["Returns.AcceptedFlash"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostRejectAsync(string? reason, CancellationToken ct)
    {
        if (!Scope.Is(ReturnRules.Deciders)) return Forbid();
        var result = await move.HandleAsync(Id, MoveReturn.Step.Reject, null, reason, Scope, ct);
        return await OutcomeAsync(result, text["Returns.RejectedFlash"], () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostReviseAsync(CancellationToken ct)
    {
        if (!Scope.Is(ReturnRules.Writers)) return Forbid();
        var result = await revise.HandleAsync(Id, Scope, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = text["Returns.RevisionOpened"];
            return Redirect($"/Reports/Returns/{result.Value!.Detail.Return.Id}");
        }
        return await OutcomeAsync(result, "", () => LoadAsync(ct));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await get.HandleAsync(Id, Scope, ct);
        Detail = result.Value;
        return result.IsOk;
    }

    public string PeriodName => Detail is { } d ? ReturnRules.PeriodName(text, ReturnForms.Find(d.Return.Form), d.Return.Year,
        d.Return.Number) : "";

    /// A figure as the form shows it: whole numbers without decimals.
    public static string Show(decimal value) => value == decimal.Truncate(value)
        ? decimal.Truncate(value).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
