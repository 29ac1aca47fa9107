namespace Bookpost.Web.Features.Planning.Plans;

/// The Plans part of Planning (issue 19): programmes and plans: drafting, submitting, issuing (frozen; a change is a new version), closing; legal bases; attachments; the plan as DOCX and PDF.
public static class PlansApi
{
    public static IServiceCollection AddPlans(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api) => api;
}
