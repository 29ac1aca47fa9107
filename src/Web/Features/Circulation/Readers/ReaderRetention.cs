using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

/// Retention (issue 15, finding 14): a reader with no activity — no loan, return or edit — for
/// Privacy:ReaderRetentionYears is anonymised like an erasure on request. A renewal happens only on an open loan, and a
/// reader with an open loan is never anonymised, so the loan's return (or its being open) already counts for it.
public sealed class ReaderRetention(AppDbContext db, EraseReader erase, IOptions<PrivacyOptions> privacy, ILogger<ReaderRetention> logger)
{
    /// Anonymises the readers idle since the cut-off; the number anonymised.
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var years = privacy.Value.ReaderRetentionYears;
        var cutoff = db.UtcNow.AddYears(-years);
        var idle = await db.Readers
            .Where(r => r.ErasedAt == null && r.UpdatedAt < cutoff && r.CreatedAt < cutoff
                && !db.Loans.Any(l => l.ReaderId == r.Id && (l.ReturnedAt == null || l.LentAt >= cutoff || l.ReturnedAt >= cutoff)))
            .OrderBy(r => r.Id).Select(r => r.Id).Take(5000).ToListAsync(ct);
        var count = await erase.EraseManyAsync(idle, n => new { erased = n, reason = EraseReader.Retention, years }, ct);
        logger.LogInformation("Reader retention: {Count} readers idle for {Years} years anonymised", count, years);
        return count;
    }
}

/// Runs the retention after the database is ready (the start-up tasks run in an earlier hosted service), then once a
/// day, on the app's TimeProvider so tests can move time.
public sealed class ReaderRetentionWorker(IServiceProvider services, TimeProvider clock,
    Infrastructure.Operations.JobLeases leases, ILogger<ReaderRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One instance runs it when several share the database (a later run on another finds nobody left).
                await Infrastructure.Operations.LeasedWork.RunOnceAsync(leases, "retention:readers", TimeSpan.FromMinutes(10),
                    async ct =>
                    {
                        await using var scope = services.CreateAsyncScope();
                        // Each batch is at most 5,000 readers; a first run on an old database takes a few.
                        while (await scope.ServiceProvider.GetRequiredService<ReaderRetention>().RunAsync(ct) == 5000) { }
                    }, stoppingToken);
                Infrastructure.Operations.AppMetrics.JobDone("retention", ok: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                logger.LogError(e, "Reader retention failed; it runs again tomorrow");
                Infrastructure.Operations.AppMetrics.JobDone("retention", ok: false);
            }
            try
            {
                await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
