using System.Globalization;
using Bookpost.Web.Features.Evaluation.Returns;
using MiniExcelLibs;

namespace Bookpost.Web.Features.Evaluation.History;

/// The XLSX layout of the programme's history: a data sheet whose first row names each column in Vietnamese and whose
/// second row holds its key (what the import reads, so renaming a heading changes nothing), then one row per point (or
/// commune of the map of that year) and year; a sheet of instructions; a sheet of the points in the caller's scope.
public static class HistoryFile
{
    public const string DataSheet = "SoLieu";
    public const string GuideSheet = "HuongDan";
    public const string PointsSheet = "DiemCuaBan";

    public const string PointCode = "pointCode";
    public const string CommuneCode = "communeCode";
    public const string CommuneName = "communeName";
    public const string Year = "year";

    /// Every column's key in order, then its Vietnamese heading.
    public static IReadOnlyList<(string Key, string Heading)> Columns { get; } =
    [
        (PointCode, "Mã điểm"), (CommuneCode, "Mã xã (bản đồ năm đó), nếu không có mã điểm"), (CommuneName, "Tên xã (để đọc)"),
        (Year, "Năm"),
        .. ReturnForms.Yearly.Fields.Select(f => (f.Key, f.NameVi)),
    ];

    /// Columns a file must have (the figures may be any of the form's fields; a missing one is simply not reported).
    public static readonly string[] Required = [PointCode, CommuneCode, Year];

    public sealed record ScopePoint(string Code, string Name, string CommuneCode, string CommuneName, string Kind);

    public static byte[] Template(IReadOnlyList<ScopePoint> points, IReadOnlyList<string> guide)
    {
        var data = new List<Dictionary<string, object?>>
        {
            Columns.Select((c, i) => (Letter(i), (object?)c.Heading)).ToDictionary(x => x.Item1, x => x.Item2),
            Columns.Select((c, i) => (Letter(i), (object?)c.Key)).ToDictionary(x => x.Item1, x => x.Item2),
        };
        var guideRows = guide.Select(line => new Dictionary<string, object?> { ["A"] = line }).ToList();
        var pointRows = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = "Mã điểm", ["B"] = "Tên điểm", ["C"] = "Mã xã hiện nay", ["D"] = "Tên xã hiện nay", ["E"] = "Loại điểm" },
        };
        pointRows.AddRange(points.Select(p => new Dictionary<string, object?>
            { ["A"] = p.Code, ["B"] = p.Name, ["C"] = p.CommuneCode, ["D"] = p.CommuneName, ["E"] = p.Kind }));
        var sheets = new Dictionary<string, object>
        {
            [DataSheet] = data, [GuideSheet] = guideRows, [PointsSheet] = pointRows,
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static string Letter(int index) => index < 26 ? ((char)('A' + index)).ToString()
        : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    /// The data sheet read as the keys of row 2 and the rows after it (each with its line in the sheet), as text.
    public sealed record Table(IReadOnlyList<string> Keys, IReadOnlyList<(int Line, IReadOnlyDictionary<string, string> Cells)> Rows);

    /// The most a history file may hold once unpacked. The upload limit counts compressed bytes, and a few kilobytes of
    /// XLSX can unpack to gigabytes (one cell of fifty million letters is 50 KB zipped), which the reader would hold in memory.
    public const long MaxUnpackedBytes = 32L * 1024 * 1024;

    /// Thrown when a file unpacks to more than <see cref="MaxUnpackedBytes"/>.
    public sealed class TooLargeException() : Exception("The file unpacks to more than the limit.");

    public static Table Read(Stream stream)
    {
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            long unpacked = 0;
            foreach (var entry in zip.Entries)
                if ((unpacked += entry.Length) > MaxUnpackedBytes) throw new TooLargeException();
        }
        stream.Position = 0;
        var names = stream.GetSheetNames();
        var sheet = names.FirstOrDefault(n => string.Equals(n, DataSheet, StringComparison.OrdinalIgnoreCase)) ?? names.FirstOrDefault();
        if (sheet is null) return new Table([], []);
        stream.Position = 0;
        Dictionary<string, string>? keys = null; // column letter → key
        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        var line = 0;
        foreach (IDictionary<string, object?> raw in stream.Query(useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
        {
            line++;
            if (line == 1) continue; // the Vietnamese headings, for people
            if (keys is null)
            {
                keys = raw.Where(c => CellText(c.Value).Length > 0).ToDictionary(c => c.Key, c => CellText(c.Value));
                continue;
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (letter, value) in raw)
                if (keys.TryGetValue(letter, out var key)) row[key] = CellText(value);
            rows.Add((line, row));
        }
        return new Table(keys?.Values.ToList() ?? [], rows);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };
}
