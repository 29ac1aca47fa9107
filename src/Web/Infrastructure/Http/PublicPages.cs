using System.Globalization;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Infrastructure.Http;

/// The pages anyone may read without an account (the public portal, Features/Portal). Two things the platform does for
/// them: "/" for a visitor without a sign-in cookie is the public home, and their answers are output-cached for
/// <see cref="CacheSeconds"/> per language. Only anonymous GETs answering 200 without a cookie are stored (the output
/// cache's default rules), so nothing a signed-in user sees, and no form with an antiforgery token, is ever cached.
/// Public page models carry [OutputCache(PolicyName = PublicPages.Policy)].
public static class PublicPages
{
    /// The public home: "/" is rewritten to it before routing for a visitor who is not signed in (staff keep their home).
    public const string HomePath = "/trang-chu";

    public const string Policy = "public";

    /// The tag every public page is stored under: evicting it renders them all again.
    public const string Tag = "public";

    /// Setting "Portal:CacheSeconds": how long a public page is served from the cache (changes evict it sooner).
    public const string CacheSecondsSetting = "Portal:CacheSeconds";

    public static IServiceCollection AddPublicPages(this IServiceCollection s, IConfiguration configuration)
    {
        var seconds = Math.Clamp(configuration.GetValue(CacheSecondsSetting, 60), 0, 3600);
        s.AddOutputCache(o =>
        {
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
            o.AddPolicy(Policy, b => b
                .Tag(Tag)
                .SetVaryByQuery("*")
                .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name)));
        });
        return s;
    }

    /// "/" for someone without a sign-in cookie or token is the public home. Checked before routing, so the staff home
    /// keeps its path and its sign-in; a cookie that no longer signs in still reaches the staff home, which asks to sign in.
    public static IApplicationBuilder UsePublicHome(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path == "/" && !http.Request.Cookies.ContainsKey(AuthModule.CookieName)
            && !http.Request.Headers.ContainsKey("Authorization"))
            http.Request.Path = HomePath;
        return next(http);
    });
}
