using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Rotation.Pages;

public sealed class DiscrepanciesModel(ListDiscrepancies list, ResolveDiscrepancy resolve, Text text) : RotationPage
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    public PagedList<DiscrepancyDto> Result { get; private set; } = new([], 0, 1, 200);

    public async Task OnGetAsync(CancellationToken ct) => Result = (await list.HandleAsync(!All, 1, 200, Scope, ct)).Value ?? Result;

    public async Task<IActionResult> OnPostAsync(int discrepancyId, DiscrepancyResolution? resolution, string? note, long? version,
        CancellationToken ct) =>
        Done(await resolve.HandleAsync(discrepancyId, new ResolveInput(resolution, note, version), Scope, ct),
            text["Rotation.ResolvedNote"], "/Rotation/Discrepancies");
}
