using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Catalog;

/// The per-record report of an import: what was skipped and why, and the warnings, in the order of the file.
public sealed class ListImportIssues(AppDbContext db)
{
    public async Task<Result<IReadOnlyList<ImportIssueDto>>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        if (!await ImportScope.Visible(db, scope).AnyAsync(j => j.Id == id, ct)) return Result<IReadOnlyList<ImportIssueDto>>.NotFound();
        var issues = await db.ImportIssues.Where(i => i.JobId == id).OrderBy(i => i.Ordinal).ThenBy(i => i.Id)
            .Select(i => new ImportIssueDto(i.Ordinal, i.Offset, i.Skipped, i.Message)).ToListAsync(ct);
        return issues;
    }

    /// The report as CSV (see SafeCsv).
    public static byte[] ToCsv(IReadOnlyList<ImportIssueDto> issues) => SafeCsv.Write(["ordinal", "offset", "skipped", "message"], csv =>
    {
        foreach (var i in issues) csv.Row(i.Ordinal, i.Offset, i.Skipped ? "yes" : "no", i.Message);
    });
}
