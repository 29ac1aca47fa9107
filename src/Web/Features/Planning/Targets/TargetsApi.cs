namespace Bookpost.Web.Features.Planning.Targets;

/// The Targets part of Planning (issue 19): a plan's targets (indicator × unit × period × value) against live figures, with the projection to the period's end.
public static class TargetsApi
{
    public static IServiceCollection AddTargets(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api) => api;
}
