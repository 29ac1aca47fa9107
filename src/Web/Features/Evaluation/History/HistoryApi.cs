namespace Bookpost.Web.Features.Evaluation.History;

/// The History part's services and endpoints (under /api/v1/reports).
public static class HistoryApi
{
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddScoped<DemoHistorySeeder>();
        // After the other demo seeders (700 is the last), so it can see where their recorded activity starts.
        services.AddStartupTask(900, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoHistorySeeder>().SeedAsync(ct));
        return services;
    }

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder reports) => reports;
}
