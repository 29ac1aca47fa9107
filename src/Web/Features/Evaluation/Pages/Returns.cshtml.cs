using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Evaluation.Pages;

/// The periodic returns: a point sees what it still owes (with a button to make it) and its returns by period; an office
/// sees the returns of its area, by default those waiting for its decision, filtered by form, period and status.
public sealed class ReturnsModel(ListReturns list, DueReturns due, OpenReturn open, Text text) : ActionPage
{
    [BindProperty(SupportsGet = true)] public string? Form { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Waiting { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public IReadOnlyList<DueReturn> Due { get; private set; } = [];
    public PagedList<ReturnRow>? Rows { get; private set; }
    public bool IsPoint => Scope.Role == AppRole.Point;
    public bool Decides => ReturnRules.MayDecideQuery(Scope);
    public override string Back => "/Reports/Returns";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // An office opens on what waits for it; any filter shows the list as asked.
        if (Decides && Waiting is null && Form is null && Year is null && Number is null && Status is null) Waiting = true;
        if (!await LoadAsync(ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Rows = null;
        }
        return Page();
    }

    /// Makes (or opens) the point's return for a period and goes to it.
    public async Task<IActionResult> OnPostOpenAsync(string? form, int? year, int? number, CancellationToken ct)
    {
        if (!Scope.Is(ReturnRules.Writers)) return Forbid();
        var result = await open.HandleAsync(new OpenReturnInput(form, year, number, null), Scope, ct);
        if (result.IsOk) return Redirect($"/Reports/Returns/{result.Value!.Detail.Return.Id}");
        return await OutcomeAsync(result, "", async () => await LoadAsync(ct));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Due = await due.HandleAsync(Scope, ct);
        var result = await list.HandleAsync(new ReturnQuery(Form, null, Year, Number, null, Status, Waiting, PageNumber, 25), Scope, ct);
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            return false;
        }
        Rows = result.Value;
        return true;
    }

    public string PeriodName(ReturnRow r) => ReturnRules.PeriodName(text, ReturnForms.Find(r.Form), r.Year, r.Number);

    public string PageHref(int page) =>
        $"/Reports/Returns?Form={Uri.EscapeDataString(Form ?? "")}&Year={Year}&Number={Number}&Status={Uri.EscapeDataString(Status ?? "")}"
        + $"&Waiting={(Waiting == true ? "true" : "false")}&p={page}";
}
