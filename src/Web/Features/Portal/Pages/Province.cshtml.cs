using Bookpost.Web.Features.Portal.Province;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// /tinh: the network in figures for the public (points open by kind, this year's rotation and computer sessions, from
/// the indicators), the map of all points as a separate cached image with a text alternative, and the way to the list.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ProvinceModel(ProvinceFacts facts) : PageModel
{
    public ProvinceFigures Figures { get; private set; } = null!;
    public ProvinceMap Map { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var points = await facts.PointsAsync(ct);
        Figures = await facts.FiguresAsync(points, ct);
        Map = new ProvinceMap(points);
    }
}
