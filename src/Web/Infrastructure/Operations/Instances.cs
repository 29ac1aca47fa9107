using System.ComponentModel.DataAnnotations;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations;

/// Settings for running several app instances on one database (section "Instances").
public sealed class InstanceOptions
{
    public const string Section = "Instances";

    /// How long an import job's lease lasts without renewal: an instance that dies mid-import holds its job this long
    /// before another takes it over. Renewed with every batch and by a heartbeat at a third of it.
    [Range(2, 3600)]
    public int ImportLeaseSeconds { get; set; } = 60;

    /// How often an instance looks in the ImportJobs table for a queued job, or one whose lease ran out.
    [Range(1, 600)]
    public int ImportPollSeconds { get; set; } = 10;

    public TimeSpan ImportLease => TimeSpan.FromSeconds(ImportLeaseSeconds);
    public TimeSpan ImportPoll => TimeSpan.FromSeconds(ImportPollSeconds);
}

/// The work under a lease was taken over by another instance (this one renewed too late): stop without writing more.
public sealed class LeaseLostException(string lease) : OperationCanceledException($"The lease {lease} was lost to another instance.")
{
    public string Lease { get; } = lease;
}

public static class LeasedWork
{
    /// Runs <paramref name="work"/> if this instance can take the lease <paramref name="name"/>, renewing it at a third of
    /// <paramref name="length"/> while it runs and giving it up at the end. False when another instance holds it (then
    /// it does that work). The token given to the work is cancelled if the lease is lost.
    public static async Task<bool> RunOnceAsync(this JobLeases leases, string name, TimeSpan length,
        Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(name, length, ct)) return false;
        using var lost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lost.Token);
        using var stopBeat = new CancellationTokenSource();
        var beat = HeartbeatAsync(leases, name, length, lost, stopBeat.Token);
        try
        {
            await work(linked.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new LeaseLostException(name);
        }
        finally
        {
            await stopBeat.CancelAsync();
            await beat;
        }
        await leases.ReleaseAsync(name, CancellationToken.None);
        return true;
    }

    /// Keeps a lease while its work runs; cancels <paramref name="lost"/> when another instance has it.
    public static async Task HeartbeatAsync(JobLeases leases, string name, TimeSpan length, CancellationTokenSource lost,
        CancellationToken stop)
    {
        try
        {
            while (true)
            {
                // Real time, not the app's clock: the pace of a heartbeat is about this process, not the business day.
                await Task.Delay(length / 3, stop);
                bool held;
                try
                {
                    held = await leases.RenewAsync(name, length, stop);
                }
                catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
                {
                    continue; // the database is away for a moment: the next beat tries again, the lease still runs
                }
                if (held) continue;
                await lost.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // the work ended
        }
    }

    /// Renews a lease inside the caller's transaction on the caller's context, so the work's writes commit only while
    /// this instance holds it: on PostgreSQL another instance's take-over waits on the row this update locks, and
    /// finds it renewed. False when the lease is another instance's now (roll back and stop).
    public static async Task<bool> RenewInAsync(this JobLeases leases, AppDbContext db, string name, TimeSpan length,
        TimeProvider clock, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + length;
        var me = leases.Owner;
        return await db.JobLeases.Where(l => l.Name == name && l.Owner == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct) == 1;
    }
}

/// The data-protection key ring (cookies, antiforgery tokens) in the DataProtectionKeys table, so every instance reads
/// and writes the same keys: a cookie one instance made is read by another.
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName.Length > 200 ? friendlyName[..200] : friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }

    /// Takes in, once, the keys an earlier version kept in the data folder's keys folder, so cookies signed before the
    /// upgrade stay valid; then makes the first key if there is none, under the start-up lock, so two instances
    /// starting together on an empty database do not each make their own.
    public static async Task ImportAndEnsureKeyAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var folder = Path.Combine(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory, "keys");
        if (!await db.DataProtectionKeys.AnyAsync(ct) && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                var xml = XElement.Parse(await File.ReadAllTextAsync(file, ct));
                db.DataProtectionKeys.Add(new DataProtectionKey
                {
                    FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = xml.ToString(SaveOptions.DisableFormatting),
                });
            }
            await db.SaveChangesAsync(ct);
        }
        if (!await db.DataProtectionKeys.AnyAsync(ct))
        {
            // Asked for a protection, the key ring makes its first key by its own clock and keeps it as the default: a
            // key made here by the app's clock (a test's clock may run ahead) could look not yet active to the ring,
            // which would then make a second one.
            sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
                .CreateProtector("Bookpost.FirstKey").Protect([1]);
        }
    }
}

/// Serialises the start-up (migrations, audit triggers, seeders) across instances on one PostgreSQL database with a
/// session advisory lock, held on a connection of its own for the whole start-up. EF Core 9+ locks the migrations
/// themselves (Npgsql locks the history table), but not the start-up tasks after them: two instances starting together
/// would both seed. The lock goes with the connection, so an instance killed while starting holds nothing.
public static class StartupLock
{
    /// An arbitrary constant the app's instances agree on ("bookpost" in ASCII, as a number).
    public const long Key = 0x626f6f6b706f7374;

    public static async Task<IAsyncDisposable?> AcquireAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return null; // SQLite: one instance by nature; its writers already queue
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
        {
            if ((bool)(await tryLock.ExecuteScalarAsync(ct))!) return connection;
        }
        logger.LogInformation("Another instance is starting on this database: waiting for it to finish its start-up");
        await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 })
            await wait.ExecuteNonQueryAsync(ct);
        return connection; // closing the (unpooled) connection ends the session and its lock
    }
}

/// Tells the other instances on one PostgreSQL database that a cache of theirs is stale (NOTIFY on the channel
/// bookpost_cache, with the cache's name), and listens for it: each named cache registers what to drop. A notification
/// sent inside a transaction goes out at its commit. If the listening connection breaks, every cache is dropped
/// (a notification may have been missed) and it connects again. SQLite has one instance: nothing is sent.
public sealed class CacheSignals(IServiceProvider services, IEnumerable<CacheSignals.Handler> handlers,
    ILogger<CacheSignals> logger) : BackgroundService
{
    public const string Channel = "bookpost_cache";

    /// What to drop when <paramref name="Name"/> changed on another instance.
    public sealed record Handler(string Name, Action<IServiceProvider> Drop);

    /// Sends the signal on the context's connection (in its transaction, if one is open).
    public static async Task NotifyAsync(AppDbContext db, string cache, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, cache], ct);
    }

    /// As <see cref="NotifyAsync"/>, for a caller with no context at hand (a save already committed).
    public static async Task NotifyAsync(IServiceProvider sp, string cache, CancellationToken ct)
    {
        await using var scope = sp.CreateAsyncScope();
        await NotifyAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cache, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.IsNpgsql()) return;
            connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
                { Pooling = false, KeepAlive = 30 }.ConnectionString;
        }
        var handlers1 = handlers.ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Drop(handlers1.Where(h => h.Name == e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Anything changed while this instance was not listening (the first connect, or a reconnect).
                Drop(handlers1);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("Cache signals: the listening connection broke ({Message}); connecting again", e.Message);
                Drop(handlers1);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Drop(IEnumerable<Handler> which)
    {
        foreach (var handler in which) handler.Drop(services);
    }
}

public static class InstancesModule
{
    /// Several instances on one database: the data-protection keys in the database, the start-up's key step, the
    /// cache signals and the lease settings. Called from AddOperations.
    public static IServiceCollection AddInstances(this IServiceCollection services)
    {
        services.AddOptions<InstanceOptions>().BindConfiguration(InstanceOptions.Section).ValidateDataAnnotations()
            .ValidateOnStart();
        // The web host registers data protection before the app's services, with a hosted service that reads the key ring
        // at start: it would read the table before the migrations made it (and make a key outside the start-up lock). It
        // goes after the database's start-up instead.
        var preload = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var descriptor in preload)
        {
            services.Remove(descriptor);
            services.Add(descriptor);
        }
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));
        // Before every other start-up task (100 is the first in use), inside the start-up lock.
        services.AddStartupTask(10, StartupWhen.Always, DatabaseXmlRepository.ImportAndEnsureKeyAsync);
        services.AddHostedService<CacheSignals>();
        return services;
    }

    /// A cache a feature keeps in memory that another instance's save can make stale.
    public static IServiceCollection AddCacheSignal(this IServiceCollection services, string name, Action<IServiceProvider> drop) =>
        services.AddSingleton(new CacheSignals.Handler(name, drop));
}
