namespace Bookpost.Web.Features.Evaluation.Completeness;

/// The Completeness part's services and endpoints (under /api/v1/reports).
public static class CompletenessApi
{
    public static IServiceCollection AddCompleteness(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCompletenessApi(this RouteGroupBuilder reports) => reports;
}
