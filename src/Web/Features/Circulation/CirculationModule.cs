using Bookpost.Web.Infrastructure.Operations;
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
        s.AddScoped<ReaderPurpose>();
        s.AddScoped<ReaderViews>();
        s.AddScoped<ReaderPersonalData>();
        s.AddScoped<EraseReader>();
        s.AddScoped<ReaderRetention>();
        // After the database start-up (registered earlier, in AddWebPlatform), then daily.
        s.AddHostedService<ReaderRetentionWorker>();
        s.AddSingleton<LoanRuleCache>();
        s.AddCacheSignal(LoanRuleCache.Signal, sp => sp.GetRequiredService<LoanRuleCache>().Clear());
        s.AddScoped<LoanRules>();
        s.AddScoped<SaveLoanRules>();
        s.AddScoped<CheckOut>();
        s.AddScoped<ReturnItems>();
        s.AddScoped<RenewLoan>();
        s.AddScoped<ListLoans>();
        s.AddScoped<ListTransfers>();
        s.AddScoped<AdvanceTransfer>();
        s.AddScoped<TallyDays>();
        s.AddScoped<RecordTally>();
        s.AddScoped<ListTallies>();
        s.AddScoped<ListPeriodicals>();
        s.AddScoped<SavePeriodical>();
        s.AddScoped<RecordReceipt>();
        s.AddScoped<ListReceipts>();
        s.AddScoped<ListMissingDeliveries>();
        s.AddScoped<IIndicatorSource, CirculationIndicators>();
        s.AddScoped<DemoCirculationSeeder>();
        s.AddStartupTask(150, StartupWhen.Always, (sp, ct) => RefoldReaders.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        s.AddStartupTask(600, StartupWhen.DemoCatalog, (sp, ct) => sp.GetRequiredService<DemoCirculationSeeder>().SeedAsync(ct));
        // After every seeder that writes loans in bulk: the loan rollups of a database that has none yet.
        s.AddStartupTask(810, StartupWhen.Always, (sp, ct) => LoanRollups.EnsureAsync(sp.GetRequiredService<AppDbContext>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportsOptions>>().Value.CutoffDay, ct));
        return builder;
    }
}
