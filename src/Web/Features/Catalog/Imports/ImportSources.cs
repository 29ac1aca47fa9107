using System.Globalization;
using System.Text;
using Bookpost.Marc;
using Bookpost.Web.Infrastructure.Documents;
using CsvHelper;

namespace Bookpost.Web.Features.Catalog;

/// One record of an import file, ready to store: its title and copies, or why it is skipped.
internal sealed record ImportRecord(long Ordinal, long Offset, TitleInput? Title, IReadOnlyList<HoldingInput> Holdings, byte[]? Marc,
    IReadOnlyList<string> Warnings, string? SkipReason);

/// Reads ISO 2709, MARCXML or CSV into import records, reporting how far into the file it is.
internal sealed class ImportSource : IDisposable
{
    private readonly FileStream _file;
    private readonly IDisposable? _reader;
    private readonly IEnumerator<ImportRecord> _records;

    public ImportSource(string path, ImportFormat format, MarcEncoding encoding, ItemSource items)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        // A record kept as it came need not be encoded again to be stored.
        var options = new MarcReaderOptions { Encoding = encoding, KeepOriginal = true };
        switch (format)
        {
            case ImportFormat.Iso2709:
                var iso = new MarcReader(_file, options, leaveOpen: true);
                (_reader, _records) = (iso, FromMarc(iso.ReadAll(), items).GetEnumerator());
                break;
            case ImportFormat.MarcXml:
                var xml = new MarcXmlReader(_file, options, leaveOpen: true);
                (_reader, _records) = (xml, FromMarc(xml.ReadAll(), items).GetEnumerator());
                break;
            default:
                _records = FromCsv(_file).GetEnumerator();
                break;
        }
    }

    public long Position => _file.Position;
    public long Length => _file.Length;

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".mrc" or ".iso" or ".marc" or ".dat" => ImportFormat.Iso2709,
        ".xml" => ImportFormat.MarcXml,
        ".csv" => ImportFormat.Csv,
        _ => null,
    };

    public IEnumerable<ImportRecord> Records()
    {
        while (_records.MoveNext()) yield return _records.Current;
    }

    private static IEnumerable<ImportRecord> FromMarc(IEnumerable<MarcReadResult> results, ItemSource items)
    {
        foreach (var r in results)
        {
            var warnings = r.Issues.Where(i => i.Severity == MarcIssueSeverity.Warning).Select(i => i.Message).ToList();
            if (r.Record is not { } record)
            {
                yield return new ImportRecord(r.Ordinal, r.ByteOffset, null, [], null, warnings,
                    string.Join("; ", r.Issues.Where(i => i.Severity == MarcIssueSeverity.Error).Select(i => i.Message)));
                continue;
            }
            // Authority and holdings records have no 245 at all: skipped before mapping every field.
            var title = record.GetField("245") is null ? null : TitleMapping.FromMarc(record);
            if (title is null || string.IsNullOrWhiteSpace(title.TitleProper))
            {
                yield return new ImportRecord(r.Ordinal, r.ByteOffset, null, [], null, warnings, "no title (245$a)");
                continue;
            }
            var marc = r.Original;
            if (marc is null)
            {
                try { marc = MarcWriter.ToBytes(record); }
                catch (ArgumentException) { warnings.Add("the record is too long to keep as ISO 2709"); }
            }
            // A wrong check digit is kept on the title as an invalid ISBN, and said once per ISBN for the record.
            foreach (var isbn in TitleMapping.FailedIsbns(record))
                warnings.Add(TextForImport.Instance.Format("Catalog.ImportIsbnKept", isbn));
            var holdings = TitleMapping.Holdings(record, items).ToList();
            yield return new ImportRecord(r.Ordinal, r.ByteOffset, title, holdings, marc, warnings, null);
        }
    }

    /// CSV with a header row; "isbn" and "barcode" may hold several values separated by ";".
    private static IEnumerable<ImportRecord> FromCsv(Stream stream)
    {
        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var options = new CsvReaderOptions
        {
            HasHeader = true, DetectSeparatorHint = true, TrimWhitespace = true, SkipEmptyLines = true, TrackLineNumbers = true,
        };
        using var csv = CsvReader.Create(reader, options, true);
        long ordinal = 0;
        var first = true;
        while (csv.Read())
        {
            if (first && (csv.Headers is null || !csv.Headers.Contains("title", StringComparer.OrdinalIgnoreCase)))
                throw new InvalidDataException("the CSV has no 'title' column; expected: title, subtitle, responsibility, authors, "
                    + "isbn, publisher, place, year, edition, language, pages, ddc, subjects, summary, controlNumber, barcode, callNumber, "
                    + "invalidIsbn");
            first = false;
            ordinal++;
            string? Get(string name) =>
                csv.TryGetFieldIndex(name, out var i) && i < csv.FieldCount && csv.GetString(i) is { Length: > 0 } v
                    ? SafeCsv.Undo(v) : null;
            var isbns = (Get("isbn") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var failed = isbns.Where(i => Isbn.Normalize(i) is null).Select(TitleMapping.InvalidIsbnText).OfType<string>().ToList();
            var year = int.TryParse(Get("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
            var title = new TitleInput
            {
                ControlNumber = Get("controlNumber"), TitleProper = Get("title"), Subtitle = Get("subtitle"),
                Responsibility = Get("responsibility"),
                Authors = Get("authors"), Publisher = Get("publisher"), Place = Get("place"), Year = year, Edition = Get("edition"),
                Language = Get("language"), Pages = Get("pages"), Ddc = Get("ddc"), Subjects = Get("subjects"), Summary = Get("summary"),
                Isbns = isbns.Where(i => Isbn.Normalize(i) is not null).ToList(),
                InvalidIsbns = string.Join("; ", failed.Concat(TitleMapping.SplitInvalid(Get("invalidIsbn"))).Distinct()),
            };
            var holdings = (Get("barcode") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(b => new HoldingInput(b, Get("callNumber"), null, null, null)).ToList();
            var line = csv.LineNumber;
            yield return string.IsNullOrWhiteSpace(title.TitleProper)
                ? new ImportRecord(ordinal, line, null, [], null, [], "no title (column 'title')")
                : new ImportRecord(ordinal, line, title, holdings, null,
                    failed.Select(i => TextForImport.Instance.Format("Catalog.ImportIsbnKept", i)).ToList(), null);
        }
    }

    public void Dispose()
    {
        _records.Dispose();
        _reader?.Dispose();
        _file.Dispose();
    }
}
