using Bookpost.Marc;
using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Catalog;

/// Exports chosen titles as ISO 2709 (UTF-8), MARCXML or CSV.
public sealed class ExportTitles(AppDbContext db, Text text)
{
    public const int MaxTitles = 10_000;

    /// Exports the titles named in <paramref name="idList"/> ("1,2,3"); an entry that is not an id is a field error.
    public async Task<IResult> HandleAsync(string? idList, string? format, CancellationToken ct)
    {
        if (!IdList.TryParse(idList, out var parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [text["Catalog.IdList"]] });
        var ids = parsed ?? [];
        format = (format ?? "mrc").ToLowerInvariant();
        if (format is not ("mrc" or "xml" or "csv"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["mrc | xml | csv"] });
        if (ids.Count is 0 or > MaxTitles)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"1–{MaxTitles} ids"] });
        var titles = await db.Titles.Include(t => t.Isbns).AsNoTracking().Where(t => ids.Contains(t.Id))
            .OrderBy(t => t.SortKey).ThenBy(t => t.Id).ToListAsync(ct); // the order of the lists: by title, Đ after D
        var buffer = new MemoryStream();
        switch (format)
        {
            case "mrc":
                using (var writer = new MarcWriter(buffer, leaveOpen: true))
                    foreach (var t in titles) writer.Write(TitleMapping.ToMarc(t));
                return TypedResults.File(buffer.ToArray(), "application/marc", "titles.mrc");
            case "xml":
                using (var writer = new MarcXmlWriter(buffer, indent: true, leaveOpen: true))
                    foreach (var t in titles) writer.Write(TitleMapping.ToMarc(t));
                return TypedResults.File(buffer.ToArray(), "application/marcxml+xml", "titles.xml");
            default:
                var file = SafeCsv.Write(["id", "controlNumber", "title", "subtitle", "responsibility", "authors", "isbn", "publisher",
                    "place", "year", "edition", "language", "pages", "ddc", "subjects", "summary", "invalidIsbn"], csv =>
                {
                    foreach (var t in titles)
                        csv.Row(t.Id, t.ControlNumber, t.TitleProper, t.Subtitle, t.Responsibility, t.Authors,
                            string.Join(';', t.Isbns.Select(i => i.Isbn)), t.Publisher, t.Place, t.Year, t.Edition, t.Language, t.Pages,
                            t.Ddc, t.Subjects, t.Summary, t.InvalidIsbns);
                });
                return TypedResults.File(file, "text/csv; charset=utf-8", "titles.csv");
        }
    }
}
