using System.Globalization;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations;

/// Marks a page (on its page model) or an endpoint (<see cref="ReplicaReadsExtensions.ReadsFromReplica{TBuilder}"/>)
/// whose GET only reads, and may read figures a few seconds old: reports, indicator values, exports, searches. Its
/// AppDbContext is then the read replica's when one is configured and current. Never put it on anything that writes
/// in a GET (a browse audit, a view log): the replica refuses writes (the request would be retried on the primary).
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ReadsFromReplicaAttribute : Attribute;

public static class ReplicaReadsExtensions
{
    /// The endpoint's GET reads from the replica (<see cref="ReadsFromReplicaAttribute"/>).
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsFromReplicaAttribute());

    /// Retries on the primary a replica read that failed for want of the replica, and remembers a writer's last write.
    public static IApplicationBuilder UseReplicaReads(this IApplicationBuilder app) => app.UseMiddleware<ReplicaReadsMiddleware>();
}

/// Decides, when a request's scope asks for its AppDbContext, whether it gets the replica's (DatabaseSetup wires it).
public sealed class ReplicaRouting(ReplicaMonitor monitor, IHttpContextAccessor accessor)
{
    /// Set on the request when its context is the replica's, for the lag line and the retry.
    public const string UsedKey = "Bookpost.ReplicaUsed";

    /// Set on a request being retried on the primary.
    internal const string PrimaryOnlyKey = "Bookpost.PrimaryOnly";

    /// The cookie that holds when the browser last wrote (UTC ticks, as precise as the clock): its next reads stay on the primary until
    /// the replica has caught up to that moment, so a user sees his own write on the next page.
    public const string WroteCookie = "bookpost.wrote";

    /// Whether the scope <paramref name="services"/> belongs to a request that reads from the replica. Only the
    /// request's own scope: a scope made during the request (a lease, a background step) may write, so it stays on
    /// the primary.
    public bool ForScope(IServiceProvider services)
    {
        var http = accessor.HttpContext;
        if (http is null || !ReferenceEquals(http.RequestServices, services) || !Wants(http) || !monitor.Usable) return false;
        if (WroteAt(http) is { } wrote && wrote > monitor.CaughtUpTo) return false;
        http.Items[UsedKey] = true;
        return true;
    }

    /// A GET or HEAD of an endpoint marked <see cref="ReadsFromReplicaAttribute"/>, not being retried on the primary.
    public static bool Wants(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && !http.Items.ContainsKey(PrimaryOnlyKey)
        && http.GetEndpoint()?.Metadata.GetMetadata<ReadsFromReplicaAttribute>() is not null;

    /// Whether this request's context is the replica's.
    public static bool Used(HttpContext http) => http.Items.ContainsKey(UsedKey);

    private static DateTimeOffset? WroteAt(HttpContext http) =>
        http.Request.Cookies.TryGetValue(WroteCookie, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}

/// Sits after routing (the endpoint is known) and before authentication, so a retry runs the whole rest of the
/// pipeline again. A GET that read from the replica and failed because the replica is down (or is a standby that
/// refused something) is run once more on the primary in a fresh scope, instead of answering 500; the monitor is told,
/// so the next reads go straight to the primary. A write (any other method) that succeeds leaves the
/// <see cref="ReplicaRouting.WroteCookie"/> cookie.
internal sealed class ReplicaReadsMiddleware(RequestDelegate next, ReplicaMonitor monitor, TimeProvider clock,
    ILogger<ReplicaReadsMiddleware> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!monitor.Configured)
        {
            await next(http);
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HttpMethods.IsOptions(http.Request.Method))
        {
            // Taken when the answer starts, after the request's commit: a measurement that found the replica caught up
            // later than this moment read the primary's position after the commit, so the write is on the replica.
            http.Response.OnStarting(() =>
            {
                var wrote = clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
                if (http.Response.StatusCode < 400)
                    http.Response.Cookies.Append(ReplicaRouting.WroteCookie, wrote, new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = http.Request.IsHttps,
                        MaxAge = monitor.MaxLag + monitor.PollInterval,
                        IsEssential = true,
                    });
                return Task.CompletedTask;
            });
            await next(http);
            return;
        }
        if (!ReplicaRouting.Wants(http))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        catch (Exception e) when (ReplicaRouting.Used(http) && !http.Response.HasStarted && IsReplicaFailure(e)
            && !http.RequestAborted.IsCancellationRequested)
        {
            if (e is PostgresException { SqlState: "25006" })
                log.LogWarning("{Endpoint} wrote in a GET marked to read from the replica; retried on the primary. Remove its " +
                    "[ReadsFromReplica].", http.GetEndpoint()?.DisplayName);
            else if (e is not PostgresException { SqlState: "40001" })
                monitor.MarkDown(e);
            log.LogWarning("A read on the replica failed ({Error}); {Path} is read again from the primary.", e.Message,
                http.Request.Path.Value);
            http.Items.Remove(ReplicaRouting.UsedKey);
            http.Items[ReplicaRouting.PrimaryOnlyKey] = true;
            http.Response.Clear();
            var original = http.RequestServices;
            await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            http.RequestServices = scope.ServiceProvider;
            try
            {
                await next(http);
            }
            finally
            {
                http.RequestServices = original;
            }
        }
    }

    /// The replica is gone or refused: no connection, a broken one, a server shutting down or not accepting
    /// connections (08…, 57P…), a read-only refusal (25006), or a query cancelled by a conflict with recovery (40001:
    /// a standby cancels long reads that hold back its replay). Anything else is the request's own error.
    internal static bool IsReplicaFailure(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException p)
                return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || p.SqlState is "25006" or "40001";
            if (x is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException) return true;
        }
        return false;
    }
}
