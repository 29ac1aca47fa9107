using System.Globalization;
using System.Text;
using Bookpost.Web.Infrastructure.Documents;
using CsvHelper;
using MiniExcelLibs;

namespace Bookpost.Web.Features.Network.Points;

/// The CSV/XLSX layout of points, shared by export and import so that an exported file imports unchanged.
public static class PointFile
{
    public static readonly string[] Columns =
    [
        "code", "name", "kind", "communeCode", "operatorCode", "address", "latitude", "longitude",
        "phone", "openingHours", "status", "openedOn", "hasComputers", "hasInternet", "formerDistrictCode", "formerDistrictName",
        "kindName", "statusName",
    ];

    /// Columns an export writes for the reader and an import ignores: the former district follows from the point's history,
    /// it is never typed in (a point's commune is today's, <c>communeCode</c>).
    /// The kind and status in words are for people; "kind" and "status" hold the codes an import reads.
    public static readonly string[] ReadOnlyColumns = ["formerDistrictCode", "formerDistrictName", "kindName", "statusName"];

    public static readonly string[] Required = ["code", "name", "kind", "communeCode"];

    public const string DateFormat = "yyyy-MM-dd";

    public static IReadOnlyList<string?> Values(PointDto p, string? operatorCode, Text? text = null) =>
    [
        p.Code, p.Name, p.Kind.ToString(), p.CommuneCode, operatorCode, p.Address,
        p.Latitude?.ToString(CultureInfo.InvariantCulture), p.Longitude?.ToString(CultureInfo.InvariantCulture),
        p.Phone, p.OpeningHours, p.Status.ToString(), p.OpenedOn?.ToString(DateFormat, CultureInfo.InvariantCulture),
        p.HasComputers ? "true" : "false", p.HasInternet ? "true" : "false", p.FormerDistrictCode, p.FormerDistrictName,
        text?.Enum(p.Kind), text?.Enum(p.Status),
    ];

    // Columns written as numbers (not defused by SafeCsv): they hold what a double formats to, never a person's text.
    private static readonly HashSet<string> NumberColumns = ["latitude", "longitude"];

    public static byte[] WriteCsv(IEnumerable<IReadOnlyList<string?>> rows) => SafeCsv.Write(Columns, csv =>
    {
        foreach (var row in rows)
            csv.Row(row.Select((v, i) => NumberColumns.Contains(Columns[i]) ? new CsvCell(v ?? "", IsNumber: true) : (CsvCell)v).ToArray());
    });

    public static byte[] WriteXlsx(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sheet = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < Columns.Length; i++) d[Columns[i]] = r[i];
            return d;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null));
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet, sheetName: "Diem", excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    /// A file read into header and rows of text, or a reason it could not be read.
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows);

    public static Table ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        // Excel in Vietnamese locales saves CSV with semicolons; let the reader detect the separator.
        using var csv = CsvReader.Create(reader,
            new CsvReaderOptions { HasHeader = true, DetectSeparatorHint = true, TrimWhitespace = true, SkipEmptyLines = true }, true);
        if (!csv.Read()) return new Table(csv.Headers?.Select(h => h.Trim()).ToList() ?? [], []);
        var header = csv.Headers.Select(h => h.Trim()).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        do
        {
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++) row[header[i]] = i < csv.FieldCount ? SafeCsv.Undo(csv.GetString(i) ?? "") : "";
            rows.Add(row);
        } while (csv.Read());
        return new Table(header, rows);
    }

    /// Date cells arrive as DateTime; write them the way the CSV layout does, so one parser reads both.
    private static string CellText(object? value) => value switch
    {
        DateTime d => d.ToString(DateFormat, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    public static Table ReadXlsx(Stream stream)
    {
        var rows = new List<IReadOnlyDictionary<string, string>>();
        List<string>? header = null;
        foreach (IDictionary<string, object?> raw in stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            header ??= raw.Keys.Select(k => k.Trim()).ToList();
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in raw) row[key.Trim()] = CellText(value);
            rows.Add(row);
        }
        if (header is null)
        {
            // A sheet with a header but no data rows: read the header alone.
            stream.Position = 0;
            var first = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).FirstOrDefault() as IDictionary<string, object?>;
            header = first?.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "").Where(v => v.Length > 0)
                .ToList() ?? [];
        }
        return new Table(header, rows);
    }
}
