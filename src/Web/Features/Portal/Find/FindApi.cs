using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Portal.Find;

public static class FindApi
{
    /// GET /api/v1/public/points: the same search and order as the page /tim-diem. lat and lon are read as text so that
    /// "abc" or 999 is a field error of this endpoint, not a binding failure.
    public static RouteGroupBuilder MapFind(this RouteGroupBuilder g)
    {
        g.MapGet("/points", async Task<Results<Ok<PointSearch>, ValidationProblem, ProblemHttpResult>> (string? q, string? lat,
                string? lon, int? page, int? pageSize, PointFinder finder, CancellationToken ct) =>
                (await finder.HandleAsync(new FindQuery(q, lat, lon, page, pageSize), ct)).ToHttp())
            .WithName("FindPublicPoints")
            .WithSummary("Tìm điểm theo tên xã (cả tên cũ trước sáp nhập), thôn, tên điểm hoặc gần một vị trí / "
                + "Find points by commune name (former names included), village, point name, or nearest to a place");
        return g;
    }
}
