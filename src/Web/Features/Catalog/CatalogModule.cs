namespace Bookpost.Web.Features.Catalog;

public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddStartupTask(100, StartupWhen.Always, (sp, ct) => SearchIndex.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        s.AddStartupTask(110, StartupWhen.Always, (sp, ct) => RefoldTitles.EnsureAsync(sp.GetRequiredService<AppDbContext>(), ct));
        s.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddScoped<SearchTitles>();
        s.AddScoped<GetTitle>();
        s.AddScoped<SaveTitle>();
        s.AddScoped<ExportTitles>();
        s.AddScoped<ListItems>();
        s.AddScoped<GetItem>();
        s.AddScoped<SaveItem>();
        s.AddScoped<ItemMovements>();
        s.AddScoped<ItemCustodyHistory>();
        s.AddScoped<Reports.IIndicatorSource, CatalogIndicators>();
        s.AddScoped<AvailableCopies>();
        s.AddScoped<PrintLabels>();
        s.AddScoped<StartImport>();
        s.AddScoped<GetImport>();
        s.AddScoped<ListImports>();
        s.AddScoped<ListImportIssues>();
        s.AddScoped<CatalogImporter>();
        s.AddScoped<ImportRunner>();
        s.AddSingleton<ImportQueue>();
        s.AddHostedService<ImportWorker>();
        return builder;
    }
}
