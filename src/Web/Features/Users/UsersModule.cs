namespace Bookpost.Web.Features.Users;

/// Accounts: the admin pages that save them, and the first administrator and demo accounts seeded at start.
public static class UsersModule
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<SaveUser>();
        s.AddScoped<ScopeNames>();
        s.AddScoped<IScopeHeader>(sp => sp.GetRequiredService<ScopeNames>());
        s.AddScoped<AccountSeeder>();
        s.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DemoOptions>, DemoPasswordCheck>();
        // After the demo network (the demo accounts are scoped to its points), before the demo circulation.
        s.AddStartupTask(500, StartupWhen.Always, (sp, ct) => sp.GetRequiredService<AccountSeeder>().SeedAsync(Console.Out, ct));
        return builder;
    }
}
