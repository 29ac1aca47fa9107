using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Features.Network.Organizations;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Features.Network.Units;

namespace Bookpost.Web.Features.Network;

public static class NetworkModule
{
    public static IHostApplicationBuilder AddNetwork(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
        s.AddScoped<ReferenceDataSeeder>();
        s.AddScoped<DemoNetworkSeeder>();
        s.AddStartupTask(150, StartupWhen.Always, (sp, ct) => RefoldNetwork.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        s.AddStartupTask(200, StartupWhen.Always, (sp, ct) => sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct));
        s.AddStartupTask(300, StartupWhen.Demo, (sp, ct) => sp.GetRequiredService<DemoNetworkSeeder>().SeedAsync(ct));
        s.AddScoped<ListAdminUnits>();
        s.AddScoped<RecordUnitChange>();
        s.AddScoped<ListSuccessions>();
        s.AddScoped<GetUnitHistory>();
        s.AddScoped<ListOrganizations>();
        s.AddScoped<PointValidator>();
        s.AddScoped<ListPoints>();
        s.AddScoped<PointOptions>();
        s.AddScoped<GetPoint>();
        s.AddScoped<CreatePoint>();
        s.AddScoped<UpdatePoint>();
        s.AddScoped<ExportPoints>();
        s.AddScoped<ListPointReview>();
        s.AddScoped<ConfirmPointCommune>();
        s.AddScoped<MovePoint>();
        s.AddScoped<ImportPoints>();
        s.AddSingleton<AdminMapCache>();
        s.AddCacheSignal(AdminMapChanges.Signal, _ => AdminMapChanges.Bump());
        s.AddScoped<Reports.IPointGroups, PointGroups>();
        return builder;
    }
}
