using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Home;

/// The counts at the top of the home page, each read through the handler of the list it links to, so the figure and
/// the list cannot disagree. "With computers" counts the equipment registry (sites with a desktop or laptop not retired,
/// the working-share table of /Access/Repairs), not the has-computers flag typed on a point's form.
public sealed class HomeFigures(ListPoints points, ListWorkingShares shares, Text text)
{
    public async Task<IReadOnlyList<HomeFigure>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        async Task<int> Count(ListPointsQuery q) => (await points.HandleAsync(q with { PageSize = 1 }, scope, ct)).Value!.Total;
        return
        [
            new("points", text["Home.Points"], await Count(new()), "/Network/Points"),
            new("active", text["Home.Active"], await Count(new(Status: ServicePointStatus.Active)), "/Network/Points?status=Active"),
            new("post-culture", text["Home.PostCulture"], await Count(new(Kind: ServicePointKind.PostCulturePoint)),
                "/Network/Points?kind=PostCulturePoint"),
            new("with-computers", text["Home.WithComputers"], (await shares.HandleAsync(scope, null, ct)).Count, "/Access/Repairs#shares"),
        ];
    }
}
