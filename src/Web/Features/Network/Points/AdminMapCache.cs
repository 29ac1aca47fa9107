namespace Bookpost.Web.Features.Network.Points;

/// A change counter for what the administrative map is read from: bumped after every save that touches a unit version
/// or a succession (<see cref="AppDbContext"/> calls <see cref="Bump"/>). Process-wide and shared by every database the
/// process opens, so a bump may reload a map that did not change, but a change is never missed.
public static class AdminMapChanges
{
    private static long s_version;

    public static long Version => Interlocked.Read(ref s_version);

    /// The name other instances are told a change by (CacheSignals; sent by AppDbContext after a save that touches the map).
    public const string Signal = "admin-map";

    public static void Bump() => Interlocked.Increment(ref s_version);

    /// Whether a save's entries touch the map (checked before the save, while the entries still say what they do).
    public static bool Touches(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is AdminUnit or AdminUnitSuccession);
}

/// The administrative map (14,333 unit versions and their successions nationally) kept in memory between reports: every
/// indicator table places every visible point on it, and reading and indexing it again was a fixed cost of each call.
/// Entries are keyed by database (connection string) and what they hold; an entry is used only while <see cref="AdminMapChanges"/> has the
/// version it was read at. The version is taken before reading, so a change saved during a read makes that read's map
/// stale at once and the next call reads again.
public sealed class AdminMapCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Version, object Map)> _maps = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken ct) where T : class
    {
        var version = AdminMapChanges.Version;
        lock (_gate)
        {
            if (_maps.TryGetValue(key, out var hit) && hit.Version == version && hit.Map is T map) return map;
        }
        var fresh = await read(ct);
        lock (_gate)
        {
            // A newer read may have stored its map already; an older one must not replace it.
            if (!_maps.TryGetValue(key, out var stored) || stored.Version <= version) _maps[key] = (version, fresh);
        }
        return fresh;
    }
}
