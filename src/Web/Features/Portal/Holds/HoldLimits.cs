using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Portal.Holds;

/// The per-address limit on hold requests (Portal:HoldsPerMinutePerAddress): a rate-limiter policy, like the sign-in
/// one, on the form's POST and the public API. Only POSTs count (reading the form is free). Its windows follow the app's
/// TimeProvider, so tests move time instead of waiting, and its refusal is a Vietnamese page or problem.
public sealed class HoldRateLimit(IOptions<PortalOptions> options, TimeProvider clock) : IRateLimiterPolicy<string>
{
    public const string Policy = "portal-holds";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (ctx, ct) => Refuse(ctx.HttpContext, ct);

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
        var limit = options.Value.HoldsPerMinutePerAddress;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        return RateLimitPartition.Get(client, _ => new ClockWindowLimiter(limit, TimeSpan.FromMinutes(1), clock));
    }

    /// 429: a problem for the API, a short page for the form (a person on a phone reads it).
    public static async ValueTask Refuse(HttpContext http, CancellationToken ct)
    {
        var text = http.RequestServices.GetRequiredService<Text>();
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["Portal.Holds.TooManyTitle"],
                detail: text["Portal.Holds.TooManyDetail"]).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        var title = System.Net.WebUtility.HtmlEncode(text["Portal.Holds.TooManyTitle"]);
        var detail = System.Net.WebUtility.HtmlEncode(text["Portal.Holds.TooManyDetail"]);
        await http.Response.WriteAsync($"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/css/portal.css"></head>
            <body><main class="card"><h1>{title}</h1><p>{detail}</p><p><a href="/trang-chu">Bookpost</a></p></main></body></html>
            """, ct);
    }
}

/// A fixed window of <c>limit</c> permits per window on the app's clock, without a timer: the window is renewed when a
/// request comes after it ended. No queue: over the limit is refused at once.
public sealed class ClockWindowLimiter(int limit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = clock.GetUtcNow();
    private int _used;
    private DateTimeOffset _lastUsed = clock.GetUtcNow();

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate) return _used == 0 || clock.GetUtcNow() - _windowStart >= window ? clock.GetUtcNow() - _lastUsed : null;
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate) return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, limit - _used) };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            _lastUsed = now;
            if (now - _windowStart >= window) (_windowStart, _used) = (now, 0);
            if (permitCount == 0) return _used < limit ? Lease.Granted : Lease.Refused;
            if (_used + permitCount > limit) return Lease.Refused;
            _used += permitCount;
            return Lease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// The per-number limit (Portal:HoldAttemptsPerDayPerNumber): attempts a Vietnamese day per phone number, in memory,
/// keyed by a keyed hash of the number (the key is made at start and never stored), so the memory holds no number.
/// Per instance: with several instances behind a balancer, a number may try that many times at each.
public sealed class HoldNumberAttempts(IOptions<PortalOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (DateOnly Day, int Count)> _counts = new(StringComparer.Ordinal);

    /// Counts one attempt of the number; false when it is over today's limit (the attempt is not counted then).
    public bool TryCount(string normalisedPhone)
    {
        var today = clock.Today();
        var limit = options.Value.HoldAttemptsPerDayPerNumber;
        var key = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalisedPhone)));
        if (_counts.Count > 50_000) Forget(today);
        var allowed = false;
        _counts.AddOrUpdate(key, _ => { allowed = true; return (today, 1); }, (_, old) =>
        {
            var count = old.Day == today ? old.Count : 0;
            allowed = count < limit;
            return (today, allowed ? count + 1 : count);
        });
        return allowed;
    }

    private void Forget(DateOnly today)
    {
        foreach (var (key, value) in _counts)
            if (value.Day != today) _counts.TryRemove(key, out _);
    }
}
