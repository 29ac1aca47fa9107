using System.Globalization;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bookpost.Web.Infrastructure.Http;

/// The pages anyone may read without an account (the public portal, Features/Portal). Two things the platform does for
/// them: "/" for a visitor without a sign-in cookie is the public home, and their answers are output-cached for
/// <see cref="CacheSeconds"/> per language. Only anonymous GETs answering 200 without a cookie are stored (the output
/// cache's default rules), so nothing a signed-in user sees, and no form with an antiforgery token, is ever cached.
/// Public page models carry [OutputCache(PolicyName = PublicPages.Policy)]. The speed side (docs/portal.md "Speed"):
/// compression of anonymous answers and static files (<see cref="PublicCompression"/>), ETag, Cache-Control and 304 on
/// public pages (<see cref="PublicValidators"/>), and the cache emptied when what the pages show changes
/// (<see cref="Changed"/>, called after a save by AppDbContext and on the other instances through CacheSignals).
public static class PublicPages
{
    /// The public home: "/" is rewritten to it before routing for a visitor who is not signed in (staff keep their home).
    public const string HomePath = "/trang-chu";

    public const string Policy = "public";

    /// The tag every public page is stored under: evicting it renders them all again.
    public const string Tag = "public";

    /// Setting "Portal:CacheSeconds": how long a public page is served from the cache (changes evict it sooner).
    public const string CacheSecondsSetting = "Portal:CacheSeconds";

    /// The name other instances are told a change by (CacheSignals), sent by AppDbContext after a save that touches
    /// what a public page shows.
    public const string Signal = "public-pages";

    /// The paths of the public side whose answers get validators and cache headers even without the policy's attribute
    /// (minimal API endpoints, sitemap, robots). "/" is here for the anonymous home (rewritten to <see cref="HomePath"/>).
    private static readonly string[] s_publicRoots = ["/trang-chu", "/tim-diem", "/diem", "/tinh", "/sitemap.xml", "/robots.txt",
        "/api/v1/public"];

    private static long s_version;

    /// The change counter of what public pages show. It is part of every cached page's key: a bump makes every stored
    /// page unreachable at once, and a page rendered from data read before a change (stored after the change) is stored
    /// under the old number, never served. The counter is taken when the request looks in the cache, before it reads.
    public static long Version => Interlocked.Read(ref s_version);

    /// How long a public page is cached, here and (as max-age) by browsers; set at start from <see cref="CacheSecondsSetting"/>.
    public static int CacheSeconds { get; private set; } = 60;

    /// What a public page shows has changed (a point, a set arriving, a copy's place or state, a computer): the cached
    /// pages are no longer served, and their memory is handed back (eviction by <see cref="Tag"/>).
    public static void Changed(IServiceProvider? services)
    {
        Interlocked.Increment(ref s_version);
        if (services?.GetService(typeof(IOutputCacheStore)) is IOutputCacheStore store)
        {
            // The memory store evicts synchronously; the counter above already keeps any stored page from being served.
            var evicting = store.EvictByTagAsync(Tag, CancellationToken.None);
            if (!evicting.IsCompleted) _ = evicting.AsTask();
        }
    }

    /// Whether a request is for a public page: an endpoint with the public policy, or a path of the public side.
    public static bool IsPublic(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is { PolicyName: Policy }) return true;
        var path = http.Request.Path;
        if (path == "/") return true;
        foreach (var root in s_publicRoots)
            if (path.StartsWithSegments(root, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// Whether the caller is anonymous: no user signed in and no token sent (such answers are the only ones cached,
    /// compressed or given public cache headers).
    public static bool IsAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey("Authorization");

    public static IServiceCollection AddPublicPages(this IServiceCollection s, IConfiguration configuration)
    {
        var seconds = Math.Clamp(configuration.GetValue(CacheSecondsSetting, 60), 0, 3600);
        CacheSeconds = seconds;
        s.AddOutputCache(o =>
        {
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
            o.AddPolicy(Policy, b =>
            {
                b.Tag(Tag)
                    .SetVaryByQuery("*")
                    .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
                    .VaryByValue(_ => new KeyValuePair<string, string>("v", Version.ToString(CultureInfo.InvariantCulture)));
                // 0 turns the cache off (every page rendered: what the benchmark's CACHE_SECONDS=0 measures).
                if (seconds == 0) b.NoCache();
            });
        });
        s.AddCacheSignal(Signal, Changed);
        s.ConfigureDbContext<Data.SqliteAppDbContext>((_, o) => o.AddInterceptors(Data.PublicPageCommits.Instance));
        s.ConfigureDbContext<Data.PostgresAppDbContext>((_, o) => o.AddInterceptors(Data.PublicPageCommits.Instance));
        s.AddResponseCompression(o =>
        {
            // HTTPS too: only anonymous answers and static files are compressed (PublicCompression), so no secret of a
            // signed-in user's page sits beside reflected input in a compressed body (BREACH).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = PublicCompression.MimeTypes;
        });
        s.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, PublicCompression>());
        s.Configure<StaticFileOptions>(o => o.OnPrepareResponse = PublicValidators.VersionedStaticFile);
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
