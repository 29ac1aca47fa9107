using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// Records committed per transaction; also how much an import can lose (and redo) when it is killed.
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int ImportBatchSize { get; set; } = 2000;

    /// The largest import file accepted, through the page or the API.
    public const long MaxUploadBytes = 512L * 1024 * 1024;
}

/// Runs one import job to its end. Each batch of records is committed in one transaction together with the job's
/// progress, so a job killed at any point resumes after its last committed record: nothing is stored twice or by half.
public sealed class CatalogImporter(AppDbContext db, IOptions<CatalogOptions> options, ILogger<CatalogImporter> logger)
{
    private readonly List<ImportIssue> _issues = [];

    public async Task RunAsync(int jobId, IProgress<ImportJob>? progress, CancellationToken ct)
    {
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.Status is ImportJobStatus.Completed or ImportJobStatus.Failed) return;
        job.Status = ImportJobStatus.Running;
        job.StartedAt ??= db.UtcNow;
        await db.SaveChangesAsync(ct);

        db.SuppressRowAudit = true; // the job itself, with its counts and issues, is the audit record of an import
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            using var source = new ImportSource(job.StoredPath, job.Format, job.Encoding, job.ItemSource);
            job.TotalBytes = source.Length;
            var batch = new List<ImportRecord>(options.Value.ImportBatchSize);
            foreach (var record in source.Records())
            {
                if (record.Ordinal <= job.LastOrdinal) continue; // committed before a restart
                batch.Add(record);
                if (batch.Count < options.Value.ImportBatchSize) continue;
                await CommitAsync(job, batch, source.Position, ct);
                progress?.Report(job);
                batch.Clear();
            }
            await CommitAsync(job, batch, source.Length, ct);
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
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.SuppressRowAudit = false;
        }
        job.FinishedAt = db.UtcNow;
        db.ImportJobs.Update(job);
        db.AppendAudit(AuditAction.Updated, nameof(ImportJob), job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { job.Status, job.Imported, job.Updated, job.Skipped, job.ItemsCreated, job.Warnings, job.Failure });
        await db.SaveChangesAsync(ct);
        progress?.Report(job);
    }

    private async Task CommitAsync(ImportJob job, List<ImportRecord> batch, long position, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ImportJobs.Attach(job);
        var good = batch.Where(r => r.Title is not null).ToList();

        // Existing titles that these records match, by control number or ISBN.
        var controls = good.Select(r => r.Title!.ControlNumber).OfType<string>().Distinct().ToList();
        var isbns = good.SelectMany(r => r.Title!.Isbns ?? []).Select(Isbn.Normalize).OfType<string>().Distinct().ToList();
        // Two indexed look-ups rather than one OR with a subquery, which would scan every title for every batch.
        var matchedIds = await db.Titles.Where(t => t.ControlNumber != null && controls.Contains(t.ControlNumber)).Select(t => t.Id)
            .Union(db.TitleIsbns.Where(i => isbns.Contains(i.Isbn)).Select(i => i.TitleId))
            .ToListAsync(ct);
        var matched = matchedIds.Count == 0 ? [] : await db.Titles.Include(t => t.Isbns).Where(t => matchedIds.Contains(t.Id)).ToListAsync(ct);
        var byControl = matched.Where(t => t.ControlNumber is not null).GroupBy(t => t.ControlNumber!).ToDictionary(g => g.Key, g => g.First());
        var byIsbn = matched.SelectMany(t => t.Isbns.Select(i => (i.Isbn, t))).GroupBy(x => x.Isbn).ToDictionary(g => g.Key, g => g.First().t);

        var barcodes = good.SelectMany(r => r.Holdings).Select(h => h.Barcode?.Trim().ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var takenBarcodes = (await db.Items.Where(i => barcodes.Contains(i.Barcode)).Select(i => i.Barcode).ToListAsync(ct)).ToHashSet();

        var now = db.UtcNow;
        var newItems = new List<(Title Title, Item Item)>();
        var newTitles = new List<Title>();
        _issues.Clear();
        foreach (var record in batch)
        {
            foreach (var warning in record.Warnings) Issue(job, record, warning, skipped: false);
            if (record.Title is not { } input)
            {
                Issue(job, record, record.SkipReason ?? "unreadable", skipped: true);
                job.Skipped++;
                continue;
            }
            var errors = SaveTitle.Validate(input with { Isbns = [] }, TextForImport.Instance);
            if (errors.Any)
            {
                Issue(job, record, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), skipped: true);
                job.Skipped++;
                continue;
            }
            var recordIsbns = (input.Isbns ?? []).Select(Isbn.Normalize).OfType<string>().ToList();
            var title = (input.ControlNumber is { } cn ? byControl.GetValueOrDefault(cn) : null)
                ?? recordIsbns.Select(i => byIsbn.GetValueOrDefault(i)).FirstOrDefault(t => t is not null);
            if (title is null)
            {
                title = new Title { CreatedAt = now, Version = 1 };
                newTitles.Add(title);
                job.Imported++;
            }
            else
            {
                job.Updated++;
            }
            input.ApplyTo(title, now);
            title.Marc = record.Marc ?? title.Marc;
            if (title.ControlNumber is { } control) byControl[control] = title;
            foreach (var isbn in recordIsbns) byIsbn[isbn] = title;

            var copies = job.ItemSource == ItemSource.Copies
                ? Enumerable.Range(1, job.Copies).Select(n => new HoldingInput($"IMP{job.Id:D4}{record.Ordinal:D7}{n:D2}", null, null, null, null))
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
                    Barcode = barcode, OwnerId = job.LibraryId, LocationId = job.LibraryId, CallNumber = TextFolding.CleanOrNull(holding.CallNumber),
                    Price = holding.Price, AcquiredOn = holding.AcquiredOn, Note = TextFolding.CleanOrNull(holding.Note), CreatedAt = now, UpdatedAt = now,
                    Version = 1,
                };
                newItems.Add((title, item));
            }
        }
        job.ItemsCreated += newItems.Count;
        if (batch.Count > 0) job.LastOrdinal = batch[^1].Ordinal;
        job.ProcessedBytes = position;
        // Matched titles and the job go through EF Core; new rows, the bulk of an import, through prepared inserts.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await CatalogBulk.Titles.InsertAsync(db, newTitles, ct);
        await CatalogBulk.Isbns.InsertAsync(db, newTitles.SelectMany(t => t.Isbns.Select(i => { i.TitleId = t.Id; return i; })).ToList(), ct);
        await CatalogBulk.Items.InsertAsync(db, newItems.Select(x => { x.Item.TitleId = x.Title.Id; return x.Item; }).ToList(), ct);
        await CatalogBulk.Issues.InsertAsync(db, _issues, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private void Issue(ImportJob job, ImportRecord record, string message, bool skipped)
    {
        if (!skipped) job.Warnings++;
        _issues.Add(new ImportIssue
        {
            JobId = job.Id, Ordinal = record.Ordinal, Offset = record.Offset, Skipped = skipped,
            Message = message.Length > 1000 ? message[..1000] : message,
        });
    }
}

/// Validation messages for the importer, which runs outside any request: in Vietnamese, the report's language.
internal static class TextForImport
{
    public static readonly Infrastructure.Localization.Text Instance = new();
}
