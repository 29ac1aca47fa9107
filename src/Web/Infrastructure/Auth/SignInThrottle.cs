using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Auth;

/// Failed sign-ins slow down one (user name, client address) pair, never the account: the first
/// <see cref="AuthOptions.SignInFreeFailures"/> failures cost nothing, each further one doubles the wait before that pair
/// may try again (1 s, 2 s, 4 s … at most <see cref="AuthOptions.SignInMaxDelaySeconds"/>), and past
/// <see cref="AuthOptions.SignInFailuresPerPair"/> the pair is refused for <see cref="AuthOptions.SignInBlockMinutes"/>.
/// The same account signs in from another address at once, and its tokens and cookies keep working: nothing is written
/// to the account (Identity's account-wide lockout let anyone lock the admin out with five wrong passwords).
/// User names that do not exist are throttled the same way, so the answer never tells which names exist.
/// The state is kept in memory: a restart forgets it, which costs an attacker nothing the per-address rate limit
/// (Auth:SignInAttemptsPerMinute) does not already bound.
public sealed class SignInThrottle(IOptions<AuthOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<(string User, string Client), Entry> _pairs = new();

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset NextAllowed;
        public DateTimeOffset LastFailure;
    }

    public static string ClientOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static (string, string) Key(string userName, string client) => (userName.Trim().ToUpperInvariant(), client);

    /// How long this pair must still wait before its next try; zero when it may try now.
    public TimeSpan WaitFor(string userName, string client)
    {
        if (!_pairs.TryGetValue(Key(userName, client), out var entry)) return TimeSpan.Zero;
        lock (entry)
        {
            var wait = entry.NextAllowed - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    public void Failed(string userName, string client)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        if (_pairs.Count > PruneAbove) Prune(now);
        var entry = _pairs.GetOrAdd(Key(userName, client), _ => new Entry());
        lock (entry)
        {
            // A pair that stayed quiet for a whole block period starts again from nothing.
            if (now - entry.LastFailure > TimeSpan.FromMinutes(o.SignInBlockMinutes)) entry.Failures = 0;
            entry.Failures++;
            entry.LastFailure = now;
            TimeSpan wait;
            if (entry.Failures >= o.SignInFailuresPerPair) wait = TimeSpan.FromMinutes(o.SignInBlockMinutes);
            else if (entry.Failures <= o.SignInFreeFailures) wait = TimeSpan.Zero;
            else wait = TimeSpan.FromSeconds(Math.Min(o.SignInMaxDelaySeconds,
                Math.Pow(2, entry.Failures - o.SignInFreeFailures - 1)));
            entry.NextAllowed = now + wait;
        }
    }

    public void Succeeded(string userName, string client) => _pairs.TryRemove(Key(userName, client), out _);

    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Attempts;
    }

    private readonly ConcurrentDictionary<string, Window> _addresses = new();

    /// Counts one sign-in attempt of a client address, whatever the name: at most Auth:SignInAttemptsPerMinute a
    /// minute, so trying one password on many names (spraying) is bounded on the page as on the API. Returns how long
    /// the address must wait when it is over, else zero.
    public TimeSpan TakeAddressAttempt(string client)
    {
        var now = clock.GetUtcNow();
        if (_addresses.Count > PruneAbove)
            foreach (var (key, w) in _addresses)
                if (now - w.Start > TimeSpan.FromMinutes(1)) _addresses.TryRemove(key, out _);
        var window = _addresses.GetOrAdd(client, _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= TimeSpan.FromMinutes(1)) (window.Start, window.Attempts) = (now, 0);
            window.Attempts++;
            return window.Attempts > options.Value.SignInAttemptsPerMinute ? window.Start.AddMinutes(1) - now : TimeSpan.Zero;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var quiet = TimeSpan.FromMinutes(options.Value.SignInBlockMinutes);
        foreach (var (key, entry) in _pairs)
            if (now - entry.LastFailure > quiet && now >= entry.NextAllowed) _pairs.TryRemove(key, out _);
    }
}
