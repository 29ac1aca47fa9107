using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations;

/// Settings of the read replica (ConnectionStrings:BookpostReadOnly); docs/architecture.md, "Operations (issue 20): replica".
public sealed class ReplicaOptions
{
    public const string Section = "Replica";

    /// Beyond this lag the replica is not read (reads go to the primary) and /health/ready reports it.
    [Range(1, 86_400)]
    public int MaxLagSeconds { get; set; } = 300;

    /// How often the lag is measured.
    [Range(1, 3_600)]
    public int PollSeconds { get; set; } = 5;
}

/// What the last measurement of the replica found. <see cref="Lag"/> is null while it is unknown (not measured yet,
/// unreachable, or the server is not replaying: pg_last_xact_replay_timestamp() is null).
public sealed record ReplicaStatus(
    bool Configured,
    bool Reachable,
    bool InRecovery,
    TimeSpan? Lag,
    DateTimeOffset? CheckedAt,
    string? Problem)
{
    public static readonly ReplicaStatus NotConfigured = new(false, false, false, null, null, null);
}

/// Measures how far the read replica is behind the primary, every few seconds, and keeps the answer for the router
/// (is the replica worth reading?), the report pages (the "figures are N minutes behind" line), the readiness check
/// and the metrics. One per process; with no replica configured it stays "not configured" and does nothing.
public sealed class ReplicaMonitor
{
    /// Pages say how far behind the figures are from this lag on (the issue: "more than a minute").
    public static readonly TimeSpan ShowLagAfter = TimeSpan.FromMinutes(1);

    private readonly string? _primary;
    private readonly string? _replica;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReplicaMonitor> _log;
    private volatile ReplicaStatus _status;
    private long _caughtUpTicks;
    private int _downLogged;

    public ReplicaMonitor(ReplicaConnections connections, IOptions<ReplicaOptions> options, TimeProvider clock, ILogger<ReplicaMonitor> log)
    {
        _primary = connections.Primary;
        _replica = connections.Replica;
        _clock = clock;
        _log = log;
        MaxLag = TimeSpan.FromSeconds(options.Value.MaxLagSeconds);
        PollInterval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        // Until the first measurement the replica is taken as reachable and current: a failed read is retried on the
        // primary anyway (ReplicaReadsMiddleware).
        _status = _replica is null ? ReplicaStatus.NotConfigured : new ReplicaStatus(true, true, true, null, null, null);
        if (_replica is not null)
            AppMetrics.Meter.CreateObservableGauge("bookpost.db.replica.lag", () => _status.Lag?.TotalSeconds ?? -1, unit: "s",
                description: "Seconds the read replica is behind the primary (-1: unknown or unreachable)");
    }

    public bool Configured => _replica is not null;
    public TimeSpan MaxLag { get; }
    public TimeSpan PollInterval { get; }
    public ReplicaStatus Status => _status;

    /// Whether reads marked for the replica go there now: configured, reachable, and not further behind than allowed.
    public bool Usable => _status is { Configured: true, Reachable: true } s && (s.Lag is null || s.Lag <= MaxLag);

    /// Every commit made before this instant (on this process's clock) is on the replica: a reader who wrote after it
    /// is sent to the primary, so that he sees his own write (ReplicaRouting).
    public DateTimeOffset CaughtUpTo => new(Interlocked.Read(ref _caughtUpTicks), TimeSpan.Zero);

    /// The lag to show on a page that read from the replica, in whole minutes; null when under a minute or unknown.
    public int? LagMinutesToShow => _status.Lag is { } lag && lag > ShowLagAfter ? (int)Math.Floor(lag.TotalMinutes) : null;

    /// Measures once: the primary's WAL position first, then where the replica has replayed to. When the replica has
    /// replayed everything the primary had written at that moment it is current (lag 0, and every commit before the
    /// moment is there); otherwise the lag is the replica's now() minus the time of the last transaction it replayed
    /// (pg_last_xact_replay_timestamp). Comparing positions first keeps an idle primary from looking hours behind.
    public async Task<ReplicaStatus> CheckAsync(CancellationToken ct)
    {
        if (_replica is null) return _status;
        var before = _clock.GetUtcNow();
        string? primaryLsn = null;
        try
        {
            await using var primary = new NpgsqlConnection(_primary);
            await primary.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            primaryLsn = (string?)await command.ExecuteScalarAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The primary's own health is /health/ready's database check; the lag is measured without it.
        }
        try
        {
            await using var replica = new NpgsqlConnection(_replica);
            await replica.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "SELECT pg_is_in_recovery(), " +
                "CASE WHEN pg_is_in_recovery() AND @p::pg_lsn IS NOT NULL THEN pg_last_wal_replay_lsn() >= @p::pg_lsn END, " +
                "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8", replica);
            command.Parameters.Add(new NpgsqlParameter("p", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)primaryLsn ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var inRecovery = reader.GetBoolean(0);
            bool? caughtUp = reader.IsDBNull(1) ? null : reader.GetBoolean(1);
            double? behind = reader.IsDBNull(2) ? null : reader.GetDouble(2);
            TimeSpan? lag = !inRecovery || caughtUp == true ? TimeSpan.Zero
                : behind is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
            if (!inRecovery || caughtUp == true) Interlocked.Exchange(ref _caughtUpTicks, before.UtcTicks);
            if (!inRecovery && _status.InRecovery)
                _log.LogWarning("ConnectionStrings:BookpostReadOnly names a server that is not a standby (pg_is_in_recovery() is " +
                    "false); reads go there all the same.");
            if (Interlocked.Exchange(ref _downLogged, 0) == 1)
                _log.LogInformation("The read replica answers again; reports read from it.");
            return _status = new ReplicaStatus(true, true, inRecovery, lag, _clock.GetUtcNow(), null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            MarkDown(e);
            return _status;
        }
    }

    /// A read on the replica failed for want of the server: reads go to the primary until a measurement finds it again.
    public void MarkDown(Exception why)
    {
        _status = new ReplicaStatus(true, false, false, null, _clock.GetUtcNow(), why.GetType().Name);
        // Its pooled connections died with it: dropped, so that the replica, once back, is not first met through them.
        if (_replica is not null)
        {
            using var pooled = new NpgsqlConnection(_replica);
            NpgsqlConnection.ClearPool(pooled);
        }
        if (Interlocked.Exchange(ref _downLogged, 1) == 0)
            _log.LogWarning("The read replica (ConnectionStrings:BookpostReadOnly) is unreachable ({Error}); reads fall back to the " +
                "primary until it answers again.", why.Message);
    }

    /// For tests: a status as if measured (a lag of minutes cannot be made on loopback without waiting minutes).
    internal void Set(ReplicaStatus status) => _status = status;
}

/// The two connection strings, as configured (the replica's null when there is none).
public sealed record ReplicaConnections(string? Primary, string? Replica);

/// Measures the lag every <see cref="ReplicaOptions.PollSeconds"/> while the app runs; every instance measures for itself
/// (it is one cheap query, and each instance routes its own reads).
internal sealed class ReplicaLagPoller(ReplicaMonitor monitor) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!monitor.Configured) return;
        using var timer = new PeriodicTimer(monitor.PollInterval);
        do
        {
            await monitor.CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// Readiness (tag "ready"): healthy with no replica or a current one; degraded while the replica is unreachable (reads
/// go to the primary, the instance still serves everything); unhealthy when it is further behind than Replica:MaxLagSeconds.
internal sealed class ReplicaHealthCheck(ReplicaMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = monitor.Status;
        var data = new Dictionary<string, object> { ["lagSeconds"] = s.Lag?.TotalSeconds ?? -1 };
        var result = s switch
        {
            { Configured: false } => HealthCheckResult.Healthy("No read replica configured."),
            { Reachable: false } => HealthCheckResult.Degraded("The read replica is unreachable; reads go to the primary.", data: data),
            { Lag: { } lag } when lag > monitor.MaxLag => HealthCheckResult.Unhealthy(
                $"The read replica is {lag.TotalSeconds:0} s behind (Replica:MaxLagSeconds is {monitor.MaxLag.TotalSeconds:0}).",
                data: data),
            _ => HealthCheckResult.Healthy("The read replica is current.", data),
        };
        return Task.FromResult(result);
    }
}
