using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.Extensions.Options;
using System.Threading.Channels;

namespace Bookpost.Web.Features.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// Records committed per transaction; also how much an import can lose (and redo) when it is killed.
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int ImportBatchSize { get; set; } = 5000;

    /// The largest import file accepted, through the page or the API.
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    /// Problems stored per import job, one row each; past it they are only counted (`IssuesNotStored`), so a file of
    /// garbage cannot fill the database with one row per byte it could not read.
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int MaxStoredIssues { get; set; } = 1000;
}

/// Runs one import job to its end. Each batch of records is committed in one transaction together with the job's
/// progress, so a job killed at any point resumes after its last committed record: nothing is stored twice or by half.
/// Reading, mapping and checking records runs on a second thread, one batch ahead of the writes.
public sealed class CatalogImporter(AppDbContext db, IOptions<CatalogOptions> options, ILogger<CatalogImporter> logger)
{
    private readonly List<ImportIssue> _issues = [];
    private ImportFence? _fence;

    /// Runs the job. With a <paramref name="fence"/> (ImportRunner), each batch's transaction also renews the job's
    /// lease and commits only while this instance holds it, so a job taken over by another instance is never written
    /// by two.
    public async Task RunAsync(int jobId, IProgress<ImportJob>? progress, CancellationToken ct, ImportFence? fence = null)
    {
        _fence = fence;
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.Status is ImportJobStatus.Completed or ImportJobStatus.Failed) return;
        job.Status = ImportJobStatus.Running;
        job.StartedAt ??= db.UtcNow;
        await db.SaveChangesAsync(ct);

        db.SuppressRowAudit = true; // the job itself, with its counts and issues, is the audit record of an import
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var connection = await ImportConnection.OpenAsync(db, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ImportSource? source = null;
        Task? reading = null;
        try
        {
            source = new ImportSource(job.StoredPath, job.Format, job.Encoding, job.ItemSource);
            job.TotalBytes = source.Length;
            var batches = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var reader = source;
            reading = Task.Run(
                () => ReadAsync(reader, job.LastOrdinal, options.Value.ImportBatchSize, batches.Writer, stop.Token), stop.Token);
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                await CommitAsync(job, batch, ct);
                progress?.Report(job);
            }
            await reading; // a file that could not be read further ends the job here, after what was read is stored
            job.Status = ImportJobStatus.Completed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything but a stop (unreadable file, malformed CSV, a database refusal) ends the job as failed, with
            // what was committed kept: retrying it at every start would fail the same way.
            db.ChangeTracker.Clear();
            db.ImportJobs.Attach(job);
            job.Status = ImportJobStatus.Failed;
            job.Failure = e.Message;
            logger.LogWarning(e, "Import {Job} failed: {Message}", job.Id, e.Message);
        }
        finally
        {
            // The reader must not outlive the file it reads, whichever side stopped first.
            await stop.CancelAsync();
            if (reading is not null)
                await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            source?.Dispose();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.SuppressRowAudit = false;
        }
        job.FinishedAt = db.UtcNow;
        await using (var end = await db.Database.BeginTransactionAsync(ct))
        {
            await CheckFenceAsync(ct);
            db.ImportJobs.Update(job);
            db.AppendAudit(AuditAction.Updated, nameof(ImportJob), job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { job.Status, job.Imported, job.Updated, job.Skipped, job.ItemsCreated, job.Warnings, job.Failure });
            await db.SaveChangesAsync(ct);
            await end.CommitAsync(ct);
        }
        ImportFiles.Delete(job.StoredPath, logger); // the upload is not kept once its job has ended, well or not
        Infrastructure.Operations.AppMetrics.JobDone("import", ok: job.Status == ImportJobStatus.Completed);
        progress?.Report(job);
    }

    /// Reads records past the last committed one, checks each and maps it to a new title, and hands them on in batches.
    private static async Task ReadAsync(ImportSource source, long after, int size, ChannelWriter<ImportBatch> writer, CancellationToken ct)
    {
        try
        {
            var batch = new List<PreparedRecord>(size);
            var now = DateTime.UtcNow;
            foreach (var record in source.Records())
            {
                if (record.Ordinal <= after) continue; // committed before a restart
                batch.Add(PreparedRecord.Of(record, now));
                if (batch.Count < size) continue;
                await writer.WriteAsync(new ImportBatch(batch, source.Position), ct);
                batch = new List<PreparedRecord>(size);
            }
            await writer.WriteAsync(new ImportBatch(batch, source.Length), ct);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task CommitAsync(ImportJob job, ImportBatch batch, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // As on SQLite (see ImportConnection): a batch's commit need not wait for the disk.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", ct);
        db.ImportJobs.Attach(job);
        var counted = (job.Imported, job.Updated, job.Skipped);
        var good = batch.Records.Where(r => r.Candidate is not null).ToList();

        // Existing titles that these records match, by control number or ISBN.
        var controls = good.Select(r => r.Candidate!.ControlNumber).OfType<string>().Distinct().ToList();
        var isbns = good.SelectMany(r => r.Candidate!.Isbns).Select(i => i.Isbn).Distinct().ToList();
        // Two indexed look-ups rather than one OR with a subquery, which would scan every title for every batch. Each list
        // goes as one array parameter: thousands of separate parameters would make every batch a new statement to compile.
        var matchedIds = await db.Titles
            .Where(t => t.ControlNumber != null && EF.Parameter(controls).Contains(t.ControlNumber))
            .Select(t => t.Id)
            .Union(db.TitleIsbns.Where(i => EF.Parameter(isbns).Contains(i.Isbn)).Select(i => i.TitleId))
            .ToListAsync(ct);
        var matched = matchedIds.Count == 0 ? [] : await db.Titles
            .Include(t => t.Isbns)
            .Where(t => EF.Parameter(matchedIds).Contains(t.Id))
            .ToListAsync(ct);
        var byControl = matched
            .Where(t => t.ControlNumber is not null)
            .GroupBy(t => t.ControlNumber!)
            .ToDictionary(g => g.Key, g => g.First());
        var byIsbn = matched
            .SelectMany(t => t.Isbns.Select(i => (i.Isbn, t)))
            .GroupBy(x => x.Isbn)
            .ToDictionary(g => g.Key, g => g.First().t);

        var barcodes = good
            .SelectMany(r => r.Record.Holdings)
            .Select(h => h.Barcode?.Trim().ToUpperInvariant())
            .OfType<string>()
            .Distinct()
            .ToList();
        var takenBarcodes = barcodes.Count == 0 ? []
            : (await db.Items.Where(i => EF.Parameter(barcodes).Contains(i.Barcode)).Select(i => i.Barcode).ToListAsync(ct)).ToHashSet();

        var now = db.UtcNow;
        var newItems = new List<(Title Title, Item Item)>();
        var newTitles = new List<Title>();
        _issues.Clear();
        foreach (var (record, invalid, candidate) in batch.Records)
        {
            foreach (var warning in record.Warnings) Issue(job, record, warning, skipped: false);
            if (candidate is null)
            {
                Issue(job, record, invalid ?? record.SkipReason ?? "unreadable", skipped: true);
                continue;
            }
            var title = (candidate.ControlNumber is { } cn ? byControl.GetValueOrDefault(cn) : null)
                ?? candidate.Isbns.Select(i => byIsbn.GetValueOrDefault(i.Isbn)).FirstOrDefault(t => t is not null);
            if (title is null)
            {
                title = candidate;
                title.CreatedAt = title.UpdatedAt = now;
                newTitles.Add(title);
                job.Imported++;
            }
            else
            {
                record.Title!.ApplyTo(title, now);
                job.Updated++;
            }
            title.Marc = record.Marc ?? title.Marc;
            if (title.ControlNumber is { } control) byControl[control] = title;
            foreach (var isbn in candidate.Isbns) byIsbn[isbn.Isbn] = title;

            var copies = job.ItemSource == ItemSource.Copies
                ? Enumerable.Range(1, job.Copies)
                    .Select(n => new HoldingInput($"IMP{job.Id:D4}{record.Ordinal:D7}{n:D2}", null, null, null, null))
                : record.Holdings;
            foreach (var holding in copies)
            {
                var barcode = holding.Barcode?.Trim().ToUpperInvariant();
                if (string.IsNullOrEmpty(barcode))
                {
                    Issue(job, record, "a holding has no barcode; no copy was made for it", skipped: false);
                    continue;
                }
                if (!takenBarcodes.Add(barcode))
                {
                    Issue(job, record, $"barcode {barcode} is already in use; no copy was made for it", skipped: false);
                    continue;
                }
                var item = new Item
                {
                    Barcode = barcode, OwnerId = job.LibraryId, LocationId = job.LibraryId,
                    CallNumber = TextFolding.CleanOrNull(holding.CallNumber), Price = holding.Price, AcquiredOn = holding.AcquiredOn,
                    Note = TextFolding.CleanOrNull(holding.Note), CreatedAt = now, UpdatedAt = now,
                    Version = 1,
                };
                newItems.Add((title, item));
            }
        }
        job.ItemsCreated += newItems.Count;
        if (batch.Records.Count > 0) job.LastOrdinal = batch.Records[^1].Record.Ordinal;
        job.ProcessedBytes = batch.Position;
        // Matched titles and the job go through EF Core; new rows, the bulk of an import, through prepared inserts.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await SearchIndex.InsertManyAsync(db, newTitles, ct);
        var newIsbns = newTitles.SelectMany(t => t.Isbns.Select(i => { i.TitleId = t.Id; return i; })).ToList();
        await CatalogBulk.Isbns.InsertAsync(db, newIsbns, ct);
        await CatalogBulk.Items.InsertAsync(db, newItems.Select(x => { x.Item.TitleId = x.Title.Id; return x.Item; }).ToList(), ct);
        await CatalogBulk.Issues.InsertAsync(db, _issues, ct);
        await CheckFenceAsync(ct);
        await transaction.CommitAsync(ct);
        Infrastructure.Operations.AppMetrics.ImportCommitted(job.Imported - counted.Imported, job.Updated - counted.Updated,
            job.Skipped - counted.Skipped);
        db.ChangeTracker.Clear();
    }

    /// Renews the job's lease in the open transaction; a lease another instance holds now rolls the batch back.
    private async Task CheckFenceAsync(CancellationToken ct)
    {
        if (_fence is { } f && !await f.Leases.RenewInAsync(db, f.Lease, f.Length, f.Clock, ct))
            throw new LeaseLostException(f.Lease);
    }

    // Every issue counts once, as a warning or as the one reason a record was skipped, so Warnings + Skipped is the number
    // of issues found; the first MaxStoredIssues of them are stored, which holds across a restart since the counts
    // commit with each batch, and the rest are the difference (ImportJobDto.IssuesNotStored).
    private void Issue(ImportJob job, ImportRecord record, string message, bool skipped)
    {
        var found = job.Warnings + job.Skipped;
        if (skipped) job.Skipped++;
        else job.Warnings++;
        if (found >= options.Value.MaxStoredIssues) return;
        _issues.Add(new ImportIssue
        {
            JobId = job.Id, Ordinal = record.Ordinal, Offset = record.Offset, Skipped = skipped,
            Message = message.Length > 1000 ? message[..1000] : message,
        });
    }
}

/// The uploaded files of catalogue imports, in the data folder until their job ends.
internal static class ImportFiles
{
    public static string Folder(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, "imports", "catalog"));

    public static void Delete(string path, ILogger logger)
    {
        try
        {
            if (path.Length > 0) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not delete the import file {Path}: {Message}", path, e.Message);
        }
    }
}

/// The whole job runs on one connection. On SQLite that connection does not copy the write-ahead log back into the
/// database after every batch (each copy rewrote the same index pages again and waited for the disk) but once at the end,
/// and does not wait for the disk at each batch's commit (synchronous=NORMAL; the end's checkpoint does). A killed process
/// loses nothing by that: what is committed is in the operating system's hands. A power cut can undo the last batches,
/// never part of one, and since each batch commits the job's progress with its records, the job redoes exactly those.
internal sealed class ImportConnection : IAsyncDisposable
{
    private readonly AppDbContext _db;

    private ImportConnection(AppDbContext db) => _db = db;

    public static async Task<ImportConnection> OpenAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint=0; PRAGMA synchronous=NORMAL;", ct);
        return new ImportConnection(db);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Back to the app's settings before the connection returns to the pool. The checkpoint writes the log to disk
            // first; being passive, it never waits for readers (a later commit, at synchronous=FULL, then does it).
            if (_db.Database.IsSqlite())
                await _db.Database.ExecuteSqlRawAsync($"PRAGMA synchronous={DatabaseSetup.SqliteSynchronous}; "
                    + "PRAGMA wal_autocheckpoint=1000; PRAGMA wal_checkpoint(PASSIVE);");
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}

/// A batch of records ready to store, and how far into the file its last record ends.
internal sealed record ImportBatch(List<PreparedRecord> Records, long Position);

/// A record as the reading thread leaves it: why it cannot be stored, or the new title it would become.
internal readonly record struct PreparedRecord(ImportRecord Record, string? Invalid, Title? Candidate)
{
    public static PreparedRecord Of(ImportRecord record, DateTime now)
    {
        if (record.Title is not { } input) return new PreparedRecord(record, null, null);
        var errors = SaveTitle.Validate(input with { Isbns = [], InvalidIsbns = null }, TextForImport.Instance);
        if (errors.Any)
        {
            var messages = errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));
            return new PreparedRecord(record, string.Join("; ", messages), null);
        }
        var title = new Title { Version = 1 };
        input.ApplyTo(title, now);
        return new PreparedRecord(record, null, title);
    }
}

/// Validation messages for the importer, which runs outside any request: in Vietnamese, the report's language.
internal static class TextForImport
{
    public static readonly Infrastructure.Localization.Text Instance = new();
}
