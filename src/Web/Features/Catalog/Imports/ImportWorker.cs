using Bookpost.Web.Infrastructure.Operations;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

/// Works the import jobs in the background, one at a time. Jobs are read from the ImportJobs table, not only from this
/// instance's queue: with several instances on one database each polls the table (Instances:ImportPollSeconds) and runs
/// a queued job, or one whose instance died, under the job's lease (ImportRunner), so a job runs on one instance at a
/// time. A job started here is queued too, which wakes the worker at once.
public sealed class ImportWorker(
    IServiceProvider services, ImportQueue queue, IOptions<DatabaseOptions> database, IOptions<InstanceOptions> instances,
    ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Files of jobs that ended while the process died before deleting them, or of uploads that never became a job
            // (an hour old at least, so an upload being stored at this moment, here or on another instance, is left alone).
            var kept = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                .Select(j => j.StoredPath).ToListAsync(stoppingToken);
            var folder = ImportFiles.Folder(database.Value.FilesRoot);
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder).Where(f => !kept.Contains(f)
                    && DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > TimeSpan.FromHours(1)).ToList())
                    ImportFiles.Delete(file, logger);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken);
                await queue.WaitAsync(instances.Value.ImportPoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// Every unfinished job, oldest first; those another instance holds are left to it.
    private async Task RunPendingAsync(CancellationToken stoppingToken)
    {
        List<int> pending;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            pending = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stoppingToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning("Import jobs could not be read ({Message}); trying again at the next poll", e.Message);
            return;
        }
        foreach (var id in pending)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(id, null, stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogError(e, "Import job {Job} stopped with an error; it is tried again at the next poll", id);
            }
        }
    }
}
