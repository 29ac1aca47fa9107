namespace Bookpost.Web.Features.Catalog;

/// Works the import queue in the background, one job at a time.
public sealed class ImportWorker(IServiceProvider services, ImportQueue queue, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var unfinished = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stoppingToken);
            foreach (var id in unfinished) await queue.EnqueueAsync(id, stoppingToken);
        }
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CatalogImporter>().RunAsync(id, null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
            {
                logger.LogError(e, "Import job {Job} stopped with an error; it will resume at the next start", id);
            }
        }
    }
}
