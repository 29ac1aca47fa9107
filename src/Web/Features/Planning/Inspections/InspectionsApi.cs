namespace Bookpost.Web.Features.Planning.Inspections;

/// The Inspections part of Planning (issue 19): inspections of points against the checklist, with photos; a failed item becomes a task.
public static class InspectionsApi
{
    public static IServiceCollection AddInspections(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapInspectionsApi(this RouteGroupBuilder api) => api;
}
