using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// A new plan: the department drafts for any area and agency, an area or commune office for its own area.
[Authorize(Roles = "Admin,Monitor,District,Commune")]
public sealed class PlanNewModel(PlanService plans, PlanForm forms, TimeProvider clock, Text text) : ActionPage
{
    public PlanFormView Form { get; private set; } = null!;
    public override string Back => "/Planning/Plans";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = clock.Today().Year;
        Form = await forms.ViewAsync(Scope, new PlanInput("Plan", null, year, year, null, null, null, null, null, null, []), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var badDates = new List<string>();
        var input = PlanForm.Read(Request.Form, badDates);
        if (badDates.Count > 0)
        {
            Error = text["Plans.BasisDate"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Form = await forms.ViewAsync(Scope, input, ct);
            return Page();
        }
        var result = await plans.CreateAsync(input, Scope, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = text["Plans.Created"];
            return Redirect($"/Planning/Plans/{result.Value!.Plan.Id}");
        }
        return await OutcomeAsync(result, "", async () => Form = await forms.ViewAsync(Scope, input, ct));
    }
}
