using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

/// Works the import queue in the background, one job at a time.
public sealed class ImportWorker(
    IServiceProvider services, ImportQueue queue, IOptions<DatabaseOptions> database, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var unfinished = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stoppingToken);
            // Files of jobs that ended while the process died before deleting them, or of uploads that never became a job
            // (an hour old at least, so an upload being stored at this moment is left alone).
            var kept = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                .Select(j => j.StoredPath).ToListAsync(stoppingToken);
            var folder = ImportFiles.Folder(database.Value.FilesRoot);
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder).Where(f => !kept.Contains(f)
                    && DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > TimeSpan.FromHours(1)).ToList())
                    ImportFiles.Delete(file, logger);
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
