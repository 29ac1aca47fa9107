using System.Globalization;
using System.Text;
using CsvHelper;

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

    /// The report as CSV (UTF-8 with a byte order mark, so a spreadsheet shows Vietnamese letters).
    public static byte[] ToCsv(IReadOnlyList<ImportIssueDto> issues)
    {
        var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(true), leaveOpen: true))
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), true))
        {
            csv.WriteRecord(["ordinal", "offset", "skipped", "message"]);
            foreach (var i in issues)
            {
                csv.WriteRecord([i.Ordinal.ToString(CultureInfo.InvariantCulture), i.Offset.ToString(CultureInfo.InvariantCulture),
                    i.Skipped ? "yes" : "no", i.Message]);
            }
        }
        return buffer.ToArray();
    }
}
