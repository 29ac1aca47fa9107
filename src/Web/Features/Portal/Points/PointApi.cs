using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Computers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Portal.Points;

/// One point's public facts as GET /api/v1/public/points/{code} answers them: what the point page shows, without the
/// titles (GET …/titles has those). NextChange is Vietnam time with its offset; Computers null when none is registered.
public sealed record PublicPointDto(string Code, string Name, ServicePointKind Kind, ServicePointStatus Status, string? Address,
    string CommuneCode, string? CommuneName, string? Phone, string? OpeningHours, bool? OpenNow, DateTimeOffset? NextChange,
    IReadOnlyList<DayOfWeek> ClosedDays, double? Latitude, double? Longitude, bool PositionApproximate, bool HasComputers,
    bool HasInternet, ComputerCounts? Computers, string Path)
{
    public static PublicPointDto Of(PointView v) => new(v.Point.Code, v.Point.Name, v.Point.Kind, v.Point.Status, v.Point.Address,
        v.Point.CommuneCode, v.CommuneName, v.Point.Phone, v.Point.OpeningHours, v.Open.OpenNow,
        v.Open.NextChange is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), TimeSpan.FromHours(7)) : null,
        v.Open.ClosedDays, v.Latitude, v.Longitude, v.Approximate, v.Point.HasComputers, v.Point.HasInternet, v.Computers, v.Point.Path);
}

public static class PointApi
{
    public static RouteGroupBuilder MapPoint(this RouteGroupBuilder g)
    {
        g.MapGet("/points/{code}", async Task<Results<Ok<PublicPointDto>, ProblemHttpResult>> (string code, PointFacts facts,
                CancellationToken ct) =>
                await facts.FindAsync(code, ct) is { } view
                    ? TypedResults.Ok(PublicPointDto.Of(view))
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found"))
            .WithName("GetPublicPoint")
            .WithSummary("Một điểm cho công chúng: địa chỉ, giờ mở cửa, đang mở hay đóng, máy tính công cộng (chỉ số lượng) / "
                + "One point for the public: address, hours, open now, public computers (counts only)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return g;
    }
}
