using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The programmes and plans a user may see: issued ones of their area, and the drafts of their own unit (all of them
/// for the department), filtered by status, kind, a year they cover and words of their title or number.
public sealed class PlansModel(PlanService plans) : ActionPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedList<PlanRow>? Rows { get; private set; }
    public bool MayDraft => Scope.Is(PlanAccess.Writers);
    public override string Back => "/Planning/Plans";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Error = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await plans.ListAsync(new PlanQuery(Status, Kind, Year, null, Q, PageNumber, 20), Scope, ct);
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Rows = result.Value;
        return Page();
    }
}
