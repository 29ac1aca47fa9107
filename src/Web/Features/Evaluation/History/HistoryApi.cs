namespace Bookpost.Web.Features.Evaluation.History;

/// The History part's services and endpoints (under /api/v1/reports).
public static class HistoryApi
{
    public static IServiceCollection AddHistory(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder reports) => reports;
}
