using Bookpost.Web.Infrastructure.Operations;

namespace Bookpost.Web.Data;

/// The read replica (ConnectionStrings:BookpostReadOnly, PostgreSQL only): a second pool of contexts on the standby,
/// and the request's AppDbContext taken from it for GETs marked [ReadsFromReplica] (ReplicaRouting). Everything else
/// (writes, the desk, background work, anything read right after a write) keeps the primary's pool.
public static class ReadReplica
{
    public const string ConnectionName = "BookpostReadOnly";

    /// Registers the monitor in every case (the pages and the readiness check ask it; with no replica it says "not
    /// configured"), and, when a replica is configured, its pool and the routing of the request's AppDbContext.
    /// <paramref name="postgresOptions"/> configures a context on a connection string exactly as the primary's are.
    internal static void AddReadReplica(this IHostApplicationBuilder builder, DatabaseProvider provider, string? primary,
        Action<DbContextOptionsBuilder, string> postgresOptions)
    {
        var replica = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(replica)) replica = null;
        if (replica is not null && provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} là máy chủ đọc PostgreSQL; chỉ dùng được khi Database:Provider là Postgres. / " +
                $"ConnectionStrings:{ConnectionName} names a PostgreSQL read replica; it needs Database:Provider Postgres.");
        // A malformed one stops the start naming the setting; a good one gets the primary's defaults (prepared statements).
        if (replica is not null) replica = DatabaseSetup.PostgresConnectionString(replica, $"ConnectionStrings:{ConnectionName}");

        var s = builder.Services;
        s.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton(new ReplicaConnections(primary, replica));
        s.AddSingleton<ReplicaMonitor>();
        s.AddSingleton<ReplicaRouting>();
        s.AddHostedService<ReplicaLagPoller>();
        s.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica", tags: ["ready"]);
        if (replica is null) return;

        // The replica's contexts: the same context type (so the same model and compiled queries), its own pool. The
        // application's services are given to the options as AddDbContextPool does, for the audit actor and the clock.
        s.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseApplicationServiceProvider(sp);
            postgresOptions(options, replica);
            return new ReplicaContexts(new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PostgresAppDbContext>(
                options.Options));
        });

        // The request's AppDbContext: the primary's as registered by AddDbContextPool, or the replica's for a marked
        // GET. A context from the replica's factory goes back to its pool when the scope disposes it.
        var primaryContext = s.Last(d => d.ServiceType == typeof(AppDbContext));
        var primaryFactory = primaryContext.ImplementationFactory
            ?? throw new InvalidOperationException("AppDbContext is expected to be registered by AddDbContextPool.");
        s.Remove(primaryContext);
        s.Add(ServiceDescriptor.Scoped<AppDbContext>(sp => sp.GetRequiredService<ReplicaRouting>().ForScope(sp)
            ? sp.GetRequiredService<ReplicaContexts>().Factory.CreateDbContext()
            : (AppDbContext)primaryFactory(sp)));
    }
}

/// The pool of contexts on the read replica.
public sealed record ReplicaContexts(IDbContextFactory<PostgresAppDbContext> Factory);
