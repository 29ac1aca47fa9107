using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Infrastructure.Auth;

namespace Bookpost.Web.Features.Portal;

/// The public side: pages under "/" for the people the points serve, no account needed (docs/portal.md). Public pages
/// live in Features/Portal/Pages with their own light layout and are open to anonymous visitors; the staff side of
/// holds (Features/Portal/Desk) is for the point's staff. Public API under /api/v1/public.
public static class PortalModule
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Part 3, books: the titles at a point now (PointShelf, used by the point's page and the holds too).
        s.AddScoped<Books.PointShelf>();
        // Find my point (part 1): the finder; its map of commune names lives in the Network's AdminMapCache.
        s.AddScoped<Find.PointFinder>();
        // Part 2, the point page: its facts, open now, public computers (counts only), the mini map.
        s.AddScoped<Computers.PublicComputers>();
        s.AddScoped<Points.PointFacts>();

        // Holds (part 4): the public request and its limits, the desk's list and moves, the lapse sweep, demo holds.
        s.AddSingleton<Holds.HoldRateLimit>();
        s.AddSingleton<Holds.HoldNumberAttempts>();
        s.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<Holds.HoldRateLimit>((o, policy) => o.AddPolicy(Holds.HoldRateLimit.Policy, policy));
        s.AddSingleton<Holds.HoldRules>();
        s.AddScoped<Holds.PlaceHold>();
        s.AddScoped<Holds.ListHolds>();
        s.AddScoped<Holds.ChangeHold>();
        s.AddScoped<Holds.DemoHoldsSeeder>();
        s.AddSingleton<Holds.HoldSweep>();
        s.AddHostedService(sp => sp.GetRequiredService<Holds.HoldSweep>());
        s.AddStartupTask(900, StartupWhen.DemoCatalog, (sp, ct) => sp.GetRequiredService<Holds.DemoHoldsSeeder>().SeedAsync(ct));
        // Province pages (part 5): the network's figures, map and list of points by commune.
        s.AddScoped<Province.ProvinceFacts>();
        return builder;
    }

    /// The public side's routes outside the API: the language switch (a plain link, so public pages carry no form).
    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapGet("/ngon-ngu", (string? c, string? r, HttpContext http) =>
        {
            var culture = c is "en-US" ? "en-US" : "vi-VN";
            http.Response.Cookies.Append(Infrastructure.Localization.LocalizationModule.CookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(
                    new Microsoft.AspNetCore.Localization.RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.Redirect(LocalPath(r));
        }).AllowAnonymous().ExcludeFromDescription();
        Province.ProvinceRoutes.MapProvince(app);
        return app;
    }

    /// Where the language switch may send the visitor back to: a path of this site, else "/". Only printable ASCII (a
    /// path and query as the browser sent them are percent-encoded): a tab or a line break would be dropped by the browser,
    /// turning "/<TAB>/evil.example" into "//evil.example", and a non-ASCII letter cannot be put in a header at all.
    /// No backslash anywhere (browsers read it as "/"), and not "//", which names another host.
    public static string LocalPath(string? r) =>
        r is { Length: > 0 and < 2000 } && r[0] == '/' && !r.StartsWith("//", StringComparison.Ordinal)
            && r.All(c => c is > ' ' and < (char)0x7f and not '\\') ? r : "/";

    public static RouteGroupBuilder MapPortalApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/public").WithTags("Public").RequireScope(ScopeRule.Anonymous);
        Find.FindApi.MapFind(g);
        // Part 3, books: the titles at a point now.
        Books.BooksApi.MapBooks(g);
        Points.PointApi.MapPoint(g);
        g.MapHolds();
        api.MapHoldsStaff();
        Province.ProvinceRoutes.MapProvince(g);
        return g;
    }
}
