using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Access;

public static class AccessModule
{
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddKioskAuthentication();
        // Equipment
        s.AddScoped<ListComputers>();
        s.AddScoped<GetComputer>();
        s.AddScoped<RegisterComputer>();
        s.AddScoped<EditComputer>();
        s.AddScoped<ChangeComputerStatus>();
        s.AddScoped<IssueKioskToken>();
        s.AddScoped<ListWorkingShares>();
        // Internet
        s.AddScoped<GetInternet>();
        s.AddScoped<SaveConnection>();
        s.AddScoped<RecordOutage>();
        s.AddScoped<EndOutage>();
        // Repairs
        s.AddScoped<ListTickets>();
        s.AddScoped<ReportBroken>();
        s.AddScoped<AssignRepair>();
        s.AddScoped<ResolveRepair>();
        // Sessions
        s.AddScoped<ShowBoard>();
        s.AddScoped<ListSessions>();
        s.AddScoped<StartSession>();
        s.AddScoped<EndSession>();
        s.AddScoped<EnterSession>();
        // Trainings
        s.AddScoped<ListTrainings>();
        s.AddScoped<GetTraining>();
        s.AddScoped<RecordTraining>();
        s.AddScoped<EditTraining>();
        // Anonymises old attendance lists at start (after the database is ready) and then daily.
        s.AddSingleton<AttendeeRetention>();
        s.AddHostedService(sp => sp.GetRequiredService<AttendeeRetention>());
        // Kiosk
        s.AddScoped<GetKioskStatus>();
        s.AddScoped<IIndicatorSource, AccessIndicators>();
        s.AddScoped<DemoAccessSeeder>();
        s.AddStartupTask(700, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoAccessSeeder>().SeedAsync(ct));
        s.AddStartupTask(800, StartupWhen.Always, (sp, ct) => AccessDays.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        return builder;
    }
}
