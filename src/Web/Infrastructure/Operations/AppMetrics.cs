using System.Diagnostics.Metrics;

namespace Bookpost.Web.Infrastructure.Operations;

/// The app's own instruments (System.Diagnostics.Metrics), exported at /metrics in Prometheus format when metrics are
/// switched on. Each part records into these; nothing here depends on the exporter being present.
public static class AppMetrics
{
    public const string MeterName = "Bookpost";

    public static readonly Meter Meter = new(MeterName);

    /// Saves committed together by one group commit (SQLite's, or PostgreSQL's when it groups).
    public static readonly Histogram<int> GroupCommitSize = Meter.CreateHistogram<int>(
        "bookpost.db.group_commit.size", unit: "{save}", description: "Saves committed in one transaction by the group commit");

    /// Time spent in database commands, by provider.
    public static readonly Histogram<double> DbCommandDuration = Meter.CreateHistogram<double>(
        "bookpost.db.command.duration", unit: "s", description: "Time spent in database commands");

    /// Records read by catalogue imports (tag "outcome": imported, updated, skipped).
    public static readonly Counter<long> ImportRecords = Meter.CreateCounter<long>(
        "bookpost.import.records", unit: "{record}", description: "Records read by catalogue imports");

    /// Background work finished (tag "job": import, backup, digest, retention, partitions; tag "result": ok, failed).
    public static readonly Counter<long> BackgroundJobs = Meter.CreateCounter<long>(
        "bookpost.jobs.completed", unit: "{run}", description: "Background job runs by job and result");

    /// Records a background job's end in one line: <c>AppMetrics.JobDone("backup", ok: true)</c>.
    public static void JobDone(string job, bool ok) =>
        BackgroundJobs.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));

    private static readonly KeyValuePair<string, object?> s_imported = new("outcome", "imported");
    private static readonly KeyValuePair<string, object?> s_updated = new("outcome", "updated");
    private static readonly KeyValuePair<string, object?> s_skipped = new("outcome", "skipped");

    /// Records one committed import batch: new titles, matched (updated) titles and skipped records.
    public static void ImportCommitted(long imported, long updated, long skipped)
    {
        if (imported > 0) ImportRecords.Add(imported, s_imported);
        if (updated > 0) ImportRecords.Add(updated, s_updated);
        if (skipped > 0) ImportRecords.Add(skipped, s_skipped);
    }
}
