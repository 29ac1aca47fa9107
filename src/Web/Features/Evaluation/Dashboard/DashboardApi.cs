namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// The Dashboard part's services and endpoints (under /api/v1/reports).
public static class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder reports) => reports;
}
