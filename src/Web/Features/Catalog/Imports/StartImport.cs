using Bookpost.Marc;
using Bookpost.Web.Features.Network.Seed;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Catalog;

public sealed record StartImportRequest(string FileName, string? LibraryCode, MarcEncoding Encoding, ItemSource ItemSource, int Copies);

/// Starts an import: stores the file in the data folder, records the job and hands it to the background worker.
public sealed class StartImport(AppDbContext db, IOptions<DatabaseOptions> database, ImportQueue queue, Text text)
{
    public async Task<Result<ImportJobDto>> HandleAsync(
        Stream content, StartImportRequest request, UserScope scope, bool enqueue, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var format = ImportSource.FormatOf(request.FileName);
        if (format is null) errors.Add("file", text["Catalog.ImportFileType"]);
        if (request.ItemSource == ItemSource.Copies && request.Copies is < 1 or > 100) errors.Add("copies", text["Catalog.CopiesRange"]);
        var libraryCode = string.IsNullOrWhiteSpace(request.LibraryCode)
            ? DemoNetworkSeeder.ProvincialLibraryCode
            : request.LibraryCode.Trim().ToUpperInvariant();
        var library = await db.ServicePoints.SingleOrDefaultAsync(p => p.Code == libraryCode, ct);
        if (library is null || !library.IsLibrary) errors.Add("library", text.Format("Catalog.LibraryUnknown", libraryCode));
        else if (scope.Role == AppRole.Library && library.Id != scope.PointId) errors.Add("library", text["Item.OtherLibrary"]);
        if (errors.Any) return errors.ToResult<ImportJobDto>();

        var folder = ImportFiles.Folder(database.Value.FilesRoot);
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
        return job.ToDto(0);
    }
}
