namespace Bookpost.Web.Features.Planning.Reminders;

/// The Reminders part of Planning (issue 19): the in-app inbox (due soon, overdue, assigned to me) and the daily e-mail digest.
public static class RemindersApi
{
    public static IServiceCollection AddReminders(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapRemindersApi(this RouteGroupBuilder api) => api;
}
