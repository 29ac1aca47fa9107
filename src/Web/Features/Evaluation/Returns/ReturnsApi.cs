namespace Bookpost.Web.Features.Evaluation.Returns;

/// The Returns part's services and endpoints (under /api/v1/reports).
public static class ReturnsApi
{
    public static IServiceCollection AddReturns(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder reports) => reports;
}
