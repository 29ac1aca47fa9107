namespace Bookpost.Web.Infrastructure.Operations;

/// What the operations page and anything else outside the replica's own code know of the read replica
/// (<c>ConnectionStrings:BookpostReadOnly</c>): whether one is configured, whether the last look reached it, and how far
/// behind the primary it was then. The replica's lag monitor (a singleton) implements it and replaces
/// <see cref="ReplicaNotConfigured"/> in the services; readers take <see cref="Current"/> as a snapshot, never a query.
public interface IReplicaStatus
{
    ReplicaState Current { get; }
}

/// One look at the replica. <paramref name="Lag"/> is how far its last replayed transaction is behind the primary's
/// clock (null when not measured yet or unreachable); <paramref name="CheckedAt"/> is when it was measured (UTC).
/// <paramref name="Reachable"/> false means reads go to the primary for now.
public sealed record ReplicaState(bool Configured, bool Reachable, TimeSpan? Lag, DateTime? CheckedAt)
{
    public static readonly ReplicaState NotConfigured = new(false, false, null, null);
}

/// The default: no replica, every read on the primary.
public sealed class ReplicaNotConfigured : IReplicaStatus
{
    public ReplicaState Current => ReplicaState.NotConfigured;
}

/// The replica's lag monitor seen through <see cref="IReplicaStatus"/> (the monitor is registered in every case and says
/// "not configured" when there is no replica).
public sealed class ReplicaMonitorStatus(ReplicaMonitor monitor) : IReplicaStatus
{
    public ReplicaState Current
    {
        get
        {
            var s = monitor.Status;
            return s.Configured ? new ReplicaState(true, s.Reachable, s.Lag, s.CheckedAt?.UtcDateTime) : ReplicaState.NotConfigured;
        }
    }
}
