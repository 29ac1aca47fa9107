using Bookpost.Web.Infrastructure.Operations;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

/// The lease an import's batches are written under (see CatalogImporter.RunAsync).
public sealed record ImportFence(JobLeases Leases, string Lease, TimeSpan Length, TimeProvider Clock);

/// Runs an import job under its lease "import:{id}", so that with several instances on one database a job runs on one
/// of them, and is taken over by another when its instance dies (the lease runs out: Instances:ImportLeaseSeconds).
/// The lease is renewed by a heartbeat while the job runs and, inside each batch's transaction, by the importer.
public sealed class ImportRunner(CatalogImporter importer, JobLeases leases, IOptions<InstanceOptions> options, TimeProvider clock,
    ILogger<ImportRunner> logger)
{
    public static string LeaseOf(int jobId) => FormattableString.Invariant($"import:{jobId}");

    /// Runs the job if this instance can take its lease; false when another instance holds it (it runs the job) or took
    /// it over while this one ran (this one stops, having written nothing after losing it).
    public async Task<bool> RunAsync(int jobId, IProgress<ImportJob>? progress, CancellationToken ct)
    {
        var lease = LeaseOf(jobId);
        var length = options.Value.ImportLease;
        try
        {
            return await leases.RunOnceAsync(lease, length,
                token => importer.RunAsync(jobId, progress, token, new ImportFence(leases, lease, length, clock)), ct);
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Import {Job}: another instance took the job over; this one stops", jobId);
            return false;
        }
    }

    /// Whether another instance holds the job's lease now (the CLI waits for it rather than run the job beside it).
    public async Task<JobLease?> HeldElsewhereAsync(AppDbContext db, int jobId, CancellationToken ct)
    {
        var lease = LeaseOf(jobId);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.JobLeases.AsNoTracking()
            .FirstOrDefaultAsync(l => l.Name == lease && l.Owner != leases.Owner && l.Until >= now, ct);
    }
}
