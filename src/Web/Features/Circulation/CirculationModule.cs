using Bookpost.Web.Data;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Circulation;

public static class CirculationModule
{
    public static IHostApplicationBuilder AddCirculation(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<CirculationOptions>().BindConfiguration(CirculationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddScoped<ListReaders>();
        s.AddScoped<GetReader>();
        s.AddScoped<SaveReader>();
        s.AddScoped<ReaderCard>();
        s.AddScoped<LoanRules>();
        s.AddScoped<CheckOut>();
        s.AddScoped<ReturnItems>();
        s.AddScoped<RenewLoan>();
        s.AddScoped<ListLoans>();
        s.AddScoped<Transfers>();
        s.AddScoped<Tallies>();
        s.AddScoped<Periodicals>();
        s.AddScoped<IIndicatorSource, CirculationIndicators>();
        s.AddScoped<DemoCirculationSeeder>();
        s.AddStartupTask(600, StartupWhen.DemoCatalog, (sp, ct) => sp.GetRequiredService<DemoCirculationSeeder>().SeedAsync(ct));
        return builder;
    }
}
