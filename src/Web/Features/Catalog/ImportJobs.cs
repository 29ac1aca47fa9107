using System.Threading.Channels;
using Bookpost.Marc;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

public sealed record ImportJobDto(int Id, string FileName, ImportFormat Format, MarcEncoding Encoding, int LibraryId, ItemSource ItemSource,
    ImportJobStatus Status, int Percent, long LastOrdinal, int Imported, int Updated, int Skipped, int ItemsCreated, int Warnings,
    string? Failure, string CreatedBy, DateTime CreatedAt, DateTime? FinishedAt);

public sealed record ImportIssueDto(long Ordinal, long Offset, bool Skipped, string Message);

public sealed record StartImportRequest(string FileName, string? LibraryCode, MarcEncoding Encoding, ItemSource ItemSource, int Copies);

internal static class ImportJobDtos
{
    public static ImportJobDto ToDto(this ImportJob j) => new(j.Id, j.FileName, j.Format, j.Encoding, j.LibraryId, j.ItemSource, j.Status,
        j.Status == ImportJobStatus.Completed ? 100 : j.TotalBytes == 0 ? 0 : (int)Math.Min(99, j.ProcessedBytes * 100 / j.TotalBytes),
        j.LastOrdinal, j.Imported, j.Updated, j.Skipped, j.ItemsCreated, j.Warnings, j.Failure, j.CreatedBy, j.CreatedAt, j.FinishedAt);
}

/// Starts an import: stores the file in the data folder, records the job and hands it to the background worker.
public sealed class StartImport(AppDbContext db, IOptions<DatabaseOptions> database, ImportQueue queue, Text text)
{
    public async Task<Result<ImportJobDto>> HandleAsync(Stream content, StartImportRequest request, UserScope scope, bool enqueue, CancellationToken ct)
    {
        if (!scope.Is(SaveTitle.Writers)) return Result<ImportJobDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var errors = new FieldErrors();
        var format = ImportSource.FormatOf(request.FileName);
        if (format is null) errors.Add("file", text["Catalog.ImportFileType"]);
        if (request.ItemSource == ItemSource.Copies && request.Copies is < 1 or > 100) errors.Add("copies", text["Catalog.CopiesRange"]);
        var libraryCode = string.IsNullOrWhiteSpace(request.LibraryCode) ? DemoNetworkSeeder.ProvincialLibraryCode : request.LibraryCode.Trim().ToUpperInvariant();
        var library = await db.ServicePoints.SingleOrDefaultAsync(p => p.Code == libraryCode, ct);
        if (library is null || !library.IsLibrary) errors.Add("library", text.Format("Catalog.LibraryUnknown", libraryCode));
        else if (scope.Role == AppRole.Library && library.Id != scope.PointId) errors.Add("library", text["Item.OtherLibrary"]);
        if (errors.Any) return errors.ToResult<ImportJobDto>();

        var folder = Path.GetFullPath(Path.Combine(database.Value.DataDirectory, "imports", "catalog"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}{Path.GetExtension(request.FileName).ToLowerInvariant()}");
        await using (var file = File.Create(path)) await content.CopyToAsync(file, ct);
        if (new FileInfo(path).Length == 0)
        {
            File.Delete(path);
            return Result<ImportJobDto>.Invalid("file", text["Import.Empty"]);
        }
        var job = new ImportJob
        {
            FileName = Path.GetFileName(request.FileName), StoredPath = path, Format = format!.Value, Encoding = request.Encoding,
            LibraryId = library!.Id, ItemSource = request.ItemSource, Copies = request.Copies, Status = ImportJobStatus.Queued,
            TotalBytes = new FileInfo(path).Length, CreatedBy = scope.UserName, CreatedAt = db.UtcNow,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        if (enqueue) await queue.EnqueueAsync(job.Id, ct);
        return job.ToDto();
    }
}

public sealed class GetImport(AppDbContext db)
{
    public async Task<Result<ImportJobDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var job = await Visible(db, scope).SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? Result<ImportJobDto>.NotFound() : job.ToDto();
    }

    public async Task<PagedList<ImportJobDto>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var jobs = await Visible(db, scope).OrderByDescending(j => j.Id).Take(100).ToListAsync(ct);
        return new PagedList<ImportJobDto>(jobs.Select(j => j.ToDto()).ToList(), jobs.Count, 1, 100);
    }

    public async Task<Result<IReadOnlyList<ImportIssueDto>>> IssuesAsync(int id, UserScope scope, CancellationToken ct)
    {
        if (!await Visible(db, scope).AnyAsync(j => j.Id == id, ct)) return Result<IReadOnlyList<ImportIssueDto>>.NotFound();
        var issues = await db.ImportIssues.Where(i => i.JobId == id).OrderBy(i => i.Ordinal).ThenBy(i => i.Id)
            .Select(i => new ImportIssueDto(i.Ordinal, i.Offset, i.Skipped, i.Message)).ToListAsync(ct);
        return issues;
    }

    /// A library's staff see their library's imports; province-wide roles see all.
    private static IQueryable<ImportJob> Visible(AppDbContext db, UserScope scope) =>
        scope.Role == AppRole.Library ? db.ImportJobs.Where(j => j.LibraryId == scope.PointId)
        : scope.IsProvinceWide ? db.ImportJobs
        : db.ImportJobs.Where(_ => false);
}

/// The queue of import jobs, worked one at a time in the background. Jobs left queued or running by a stopped or
/// killed process are picked up again at start.
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();

    public ValueTask EnqueueAsync(int jobId, CancellationToken ct) => _channel.Writer.WriteAsync(jobId, ct);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

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
