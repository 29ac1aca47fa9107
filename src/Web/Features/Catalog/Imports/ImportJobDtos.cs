using Bookpost.Marc;

namespace Bookpost.Web.Features.Catalog;

public sealed record ImportJobDto(int Id, string FileName, ImportFormat Format, MarcEncoding Encoding, int LibraryId, ItemSource ItemSource,
    ImportJobStatus Status, int Percent, long LastOrdinal, int Imported, int Updated, int Skipped, int ItemsCreated, int Warnings,
    string? Failure, string CreatedBy, DateTime CreatedAt, DateTime? FinishedAt, int IssuesNotStored);

public sealed record ImportIssueDto(long Ordinal, long Offset, bool Skipped, string Message);

internal static class ImportJobDtos
{
    /// <paramref name="issuesStored"/>: the job's rows in ImportIssues; every issue found counts in Warnings or Skipped.
    public static ImportJobDto ToDto(this ImportJob j, int issuesStored) => new(
        j.Id, j.FileName, j.Format, j.Encoding, j.LibraryId, j.ItemSource, j.Status,
        j.Status == ImportJobStatus.Completed ? 100 : j.TotalBytes == 0 ? 0 : (int)Math.Min(99, j.ProcessedBytes * 100 / j.TotalBytes),
        j.LastOrdinal, j.Imported, j.Updated, j.Skipped, j.ItemsCreated, j.Warnings, j.Failure, j.CreatedBy, j.CreatedAt, j.FinishedAt,
        Math.Max(0, j.Warnings + j.Skipped - issuesStored));

    public static Task<int> IssuesStoredAsync(this AppDbContext db, int jobId, CancellationToken ct) =>
        db.ImportIssues.CountAsync(i => i.JobId == jobId, ct);
}

/// Which imports a user sees: a library's staff their library's, province-wide roles all.
internal static class ImportScope
{
    public static IQueryable<ImportJob> Visible(AppDbContext db, UserScope scope) =>
        scope.Role == AppRole.Library ? db.ImportJobs.Where(j => j.LibraryId == scope.PointId)
        : scope.IsProvinceWide ? db.ImportJobs
        : db.ImportJobs.Where(_ => false);
}
