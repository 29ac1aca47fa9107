using Bookpost.Web.Data;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Access;

public static class AccessModule
{
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddKioskAuthentication();
        s.AddScoped<Equipment>();
        s.AddScoped<Internet>();
        s.AddScoped<Repairs>();
        s.AddScoped<Sessions>();
        s.AddScoped<Trainings>();
        s.AddScoped<KioskDesk>();
        s.AddScoped<IIndicatorSource, AccessIndicators>();
        s.AddScoped<DemoAccessSeeder>();
        s.AddStartupTask(700, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoAccessSeeder>().SeedAsync(ct));
        s.AddStartupTask(800, StartupWhen.Always, (sp, ct) => AccessDays.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        return builder;
    }
}
