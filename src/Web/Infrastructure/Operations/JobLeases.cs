namespace Bookpost.Web.Infrastructure.Operations;

/// This running process among the app's instances: its name in leases, backups and logs.
public sealed class AppInstance
{
    /// Host, process and 8 random hex digits (a restarted process on the same host and pid is another instance),
    /// at most the 200 characters a lease's owner column holds.
    public string Id { get; } = Short($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    private static string Short(string id) => id.Length <= 200 ? id : id[..200];
}

/// Leases on named background work in the database (<see cref="JobLease"/>), so that with several instances on one
/// database a job runs once, and is taken over by another instance when its holder stops renewing. A holder renews
/// well before the lease runs out (a third of its length is the usual pace); each call is one statement, so two
/// instances asking at the same moment cannot both win.
public sealed class JobLeases(IServiceScopeFactory scopes, AppInstance instance, TimeProvider clock)
{
    public string Owner => instance.Id;

    /// Takes the lease if nobody holds it, its holder let it run out, or this instance holds it already (then it is
    /// renewed). True when this instance holds it until now + <paramref name="length"/>.
    public async Task<bool> TryTakeAsync(string name, TimeSpan length, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var me = instance.Id;
        var taken = await db.JobLeases.Where(l => l.Name == name && (l.Owner == me || l.Until < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.TakenAt, l => l.Owner == me ? l.TakenAt : now)
                .SetProperty(l => l.Owner, me)
                .SetProperty(l => l.Until, now + length), ct);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct)) return false;
        db.JobLeases.Add(new JobLease { Name = name, Owner = me, TakenAt = now, Until = now + length });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance inserted it first
        }
    }

    /// Extends a lease this instance holds; false when it has lost it (ran out and taken by another): stop the work.
    public async Task<bool> RenewAsync(string name, TimeSpan length, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var until = clock.GetUtcNow().UtcDateTime + length;
        var me = instance.Id;
        return await db.JobLeases.Where(l => l.Name == name && l.Owner == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct) == 1;
    }

    /// Gives a lease up when its work is done, so the next holder need not wait for it to run out.
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var me = instance.Id;
        await db.JobLeases.Where(l => l.Name == name && l.Owner == me).ExecuteDeleteAsync(ct);
    }

    /// The leases held now, for the operations page and the metrics.
    public async Task<IReadOnlyList<JobLease>> HeldAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.JobLeases.AsNoTracking().Where(l => l.Until >= now).OrderBy(l => l.Name).ToListAsync(ct);
    }
}

public static class OperationsModule
{
    /// The shared pieces of running several instances: this instance's name and the leases on background work.
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<AppInstance>();
        services.AddSingleton<JobLeases>();
        services.AddInstances();
        return services;
    }
}
