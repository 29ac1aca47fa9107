using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class CyclesModel(ListCycles list, CreateCycle create, AppDbContext db, TimeProvider clock, Text text) : RotationPage
{
    [BindProperty] public CycleInput Input { get; set; } = new();
    public IReadOnlyList<CycleSummaryDto> Cycles { get; private set; } = [];
    public List<SelectListItem> Libraries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(3);
        var q = (quarterStart.Month - 1) / 3 + 1;
        Input = new CycleInput
        {
            Name = text.Format("Rotation.DefaultCycleName", q, quarterStart.Year), StartsOn = quarterStart,
            EndsOn = quarterStart.AddMonths(3).AddDays(-1), RepeatWindow = 2,
            LibraryId = Scope.Role == Infrastructure.Auth.AppRole.Library ? Scope.PointId : null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Only planners open cycles, as on the API route; the handler no longer checks the role.
        if (!IsPlanner) return Forbid();
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (ModelState.IsValid)
        {
            var result = await create.HandleAsync(Input, Scope, ct);
            if (result.IsOk) return Redirect($"/Rotation/Cycles/{result.Value!.Cycle.Id}");
            if (result.Failure == Infrastructure.Errors.FailureKind.Invalid) PageErrors.AddTo(ModelState, result.Errors);
            else ModelState.AddModelError("", result.Message ?? "");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Cycles = (await list.HandleAsync(1, 100, Scope, ct)).Value?.Items ?? [];
        var libraries = db.ServicePoints
            .Where(p => p.Kind == Network.ServicePointKind.ProvincialLibrary || p.Kind == Network.ServicePointKind.DistrictLibrary);
        if (Scope.Role == Infrastructure.Auth.AppRole.Library) libraries = libraries.Where(p => p.Id == Scope.PointId);
        Libraries = await libraries.OrderBy(p => p.Kind).ThenBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString()))
            .ToListAsync(ct);
    }
}
