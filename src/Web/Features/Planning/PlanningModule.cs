using Bookpost.Web.Features.Planning.Inspections;
using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Reminders;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Infrastructure.Files;

namespace Bookpost.Web.Features.Planning;

/// The department's follow-up work (issue 19): the programmes and plans the province issues and their targets against
/// the live figures, the tasks given to each unit, the meetings whose conclusions become tasks, the inspections of the
/// points, and the reminders. Its API lives under /api/v1 (plans, tasks, meetings, inspections), tag Planning.
public static class PlanningModule
{
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<FileStore>();
        s.AddScoped<PlanningUnits>();
        s.AddScoped<TaskCreator>();
        s.AddPlans();
        s.AddTargets();
        s.AddTasks();
        s.AddMeetings();
        s.AddInspections();
        s.AddReminders();
        return builder;
    }

    public static RouteGroupBuilder MapPlanningApi(this RouteGroupBuilder api)
    {
        var planning = api.MapGroup("").WithTags("Planning");
        planning.MapPlansApi();
        planning.MapTargetsApi();
        planning.MapTasksApi();
        planning.MapMeetingsApi();
        planning.MapInspectionsApi();
        planning.MapRemindersApi();
        return api;
    }
}
