namespace Bookpost.Web.Features.Planning.Meetings;

/// The Meetings part of Planning (issue 19): meetings, their conclusions turned into tasks, and the conclusion notice as DOCX and PDF.
public static class MeetingsApi
{
    public static IServiceCollection AddMeetings(this IServiceCollection services) => services;

    /// Maps this part's endpoints on the /api/v1 group.
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api) => api;
}
