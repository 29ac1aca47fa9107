namespace Bookpost.Web.Features.Planning.Tasks;

/// The Tasks part of Planning (issue 19): tasks per unit: lead and supporting units, deadlines, progress updates with evidence, lists, the calendar feed.
public static class TasksApi
{
    public static IServiceCollection AddTasks(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api) => api;
}
