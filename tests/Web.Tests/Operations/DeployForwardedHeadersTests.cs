using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static Bookpost.Web.Tests.Infrastructure.Api;

namespace Bookpost.Web.Tests.Operations;

/// The app behind nginx (deploy/nginx): X-Forwarded-For and X-Forwarded-Proto count only when the connection comes
/// from a configured proxy, so the sign-in rate limit and throttle see the real client and nobody else can choose the
/// address they are counted under. The test host's peer address is set by FakeClientAddress.
public sealed class DeployForwardedHeadersTests(DeployForwardedHeadersTests.ProxiedApp app)
    : IClassFixture<DeployForwardedHeadersTests.ProxiedApp>
{
    private const string Proxy = "10.20.0.1";
    private const int PerMinute = 8;
    private static int s_address;

    /// An address no other test of the class uses (the limiter and throttle keep their state for the class's app).
    private static string NewAddress(int block)
    {
        var n = Interlocked.Increment(ref s_address);
        return $"10.{block}.{n / 250}.{n % 250 + 1}";
    }

    private static async Task<HttpResponseMessage> TokenAsync(HttpClient client, string? forwardedFor, string password,
        string user = "demo-point")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { username = user, password }),
        };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request, Ct);
    }

    private static int? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null;

    [Fact]
    public async Task FromTheKnownProxy_TheRateLimitCountsTheForwardedClient()
    {
        using var proxy = app.ClientFrom(Proxy);
        var (client, other) = (NewAddress(40), NewAddress(40));
        for (var i = 0; i < PerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(proxy, client, BookpostApp.Password)).StatusCode);
        var limited = await TokenAsync(proxy, client, BookpostApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(60, RetryAfter(limited));
        // Another client behind the same proxy is not held back by the first one's tries.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(proxy, other, BookpostApp.Password)).StatusCode);
    }

    [Fact]
    public async Task FromAKnownNetwork_TheForwardedClientCounts_AndEntriesTheClientWroteItselfAreNeverReached()
    {
        using var proxy = app.ClientFrom(NewAddress(30));
        // A client sends its own X-Forwarded-For; nginx appends the address it sees. Only the proxy's entry counts, so
        // a constant forged entry on the left does not put these five different clients in one bucket.
        for (var i = 0; i < PerMinute + 1; i++)
            Assert.Equal(HttpStatusCode.OK,
                (await TokenAsync(proxy, $"203.0.113.9, {NewAddress(41)}", BookpostApp.Password)).StatusCode);
    }

    [Fact]
    public async Task FromAnUnknownPeer_ForwardedForIsIgnored_SoAChangingHeaderDoesNotEscapeTheLimit()
    {
        using var direct = app.ClientFrom(NewAddress(99));
        for (var i = 0; i < PerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(direct, NewAddress(42), BookpostApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync(direct, NewAddress(42), BookpostApp.Password)).StatusCode);
    }

    [Fact]
    public async Task TheSignInThrottle_SlowsTheForwardedClient_NotEveryoneBehindTheProxy()
    {
        using var proxy = app.ClientFrom(Proxy);
        var (guesser, colleague) = (NewAddress(43), NewAddress(43));
        for (var i = 0; i < 5; i++) // the free failures, then the throttle's first waits
        {
            var status = (await TokenAsync(proxy, guesser, "Wrong-Pass-1", "demo-monitor")).StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"try {i + 1}: {(int)status}");
        }
        var slowed = await TokenAsync(proxy, guesser, BookpostApp.Password, "demo-monitor");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.InRange(RetryAfter(slowed) ?? 0, 1, 59); // the throttle's wait, not the rate limit's minute
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(proxy, colleague, BookpostApp.Password, "demo-monitor")).StatusCode);
    }

    [Fact]
    public async Task ForwardedProto_FromTheProxyMakesCookiesHttpsOnly_FromElsewhereNot()
    {
        static async Task<string> CookiesAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join("\n", response.Headers.GetValues("Set-Cookie"));
        }
        using var proxy = app.ClientFrom(Proxy);
        using var direct = app.ClientFrom(NewAddress(99));
        Assert.Contains("secure", await CookiesAsync(proxy), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await CookiesAsync(direct), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Proxy:KnownProxies", "proxy.example")]
    [InlineData("Proxy:KnownNetworks", "10.0.0.0/99")]
    public async Task AProxySettingThatIsNoAddress_StopsTheStart_NamingTheSetting(string setting, string value)
    {
        await using var bad = new BadProxyApp(setting, value);
        var error = Assert.ThrowsAny<Exception>(() => bad.Server);
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(setting, messages);
        Assert.Contains(value, messages);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    /// SQLite, without the demo catalogue; one known proxy and one known network; a small sign-in rate limit.
    public class ProxiedApp : BookpostApp
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
        protected override bool DemoCatalog => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Proxy:KnownProxies", Proxy);
            builder.UseSetting("Proxy:KnownNetworks", "10.30.0.0/16");
            builder.UseSetting("Auth:SignInAttemptsPerMinute", PerMinute.ToString());
        }
    }

    private sealed class BadProxyApp(string setting, string value) : ProxiedApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(setting, value);
        }
    }
}
