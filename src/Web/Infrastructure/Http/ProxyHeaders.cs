using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Bookpost.Web.Infrastructure.Http;

/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the app believes (`Proxy:KnownProxies`, addresses;
/// `Proxy:KnownNetworks`, CIDR ranges; each a list or one comma-separated string, as an environment file gives it).
/// With neither set, no forwarded header is read at all: the client address stays the connection's own.
public sealed record ProxySettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<IPNetwork> KnownNetworks)
{
    public const string Section = "Proxy";
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// Reads the two settings; a value that is not an address (or a network) stops the start with a message naming
    /// the setting and the value, rather than silently trusting fewer proxies than the IT team meant.
    public static ProxySettings Read(IConfiguration configuration)
    {
        var proxies = Values(configuration, "KnownProxies").Select(v => IPAddress.TryParse(v, out var a) ? a
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{v}' không phải địa chỉ IP / is not an IP address "
                + "(ví dụ / e.g. 127.0.0.1)")).ToList();
        var networks = Values(configuration, "KnownNetworks").Select(v => IPNetwork.TryParse(v, out var n) ? n
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{v}' không phải dải mạng CIDR / is not a CIDR "
                + "network (ví dụ / e.g. 10.0.0.0/24)")).ToList();
        return new ProxySettings(proxies, networks);
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        var raw = section.Value is { } one ? [one] : section.GetChildren().Select(c => c.Value ?? "");
        return raw.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

public static class ProxyHeaders
{
    /// Forwarded headers are taken only when the connection comes from a configured proxy. The framework's defaults
    /// trust loopback, and with both lists emptied it would trust everyone: so the lists are replaced, and the
    /// middleware is not used at all when none is configured. X-Forwarded-Host is never taken (a client could pick
    /// the host links and redirects are built from). No forward limit: the chain is walked from the right only while
    /// each hop is a known proxy, so a client's own X-Forwarded-For entries, left of the proxy's, are never reached.
    public static IHostApplicationBuilder AddProxyHeaders(this IHostApplicationBuilder builder)
    {
        var settings = ProxySettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies) o.KnownProxies.Add(proxy);
            foreach (var network in settings.KnownNetworks) o.KnownIPNetworks.Add(network);
        });
        return builder;
    }

    /// First in the pipeline, so the rate limiter, the sign-in throttle, the audit and HTTPS-only cookies all see the
    /// real client and scheme.
    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ProxySettings>().Enabled ? app.UseForwardedHeaders() : app;
}
