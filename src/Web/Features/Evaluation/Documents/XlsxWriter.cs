namespace Bookpost.Web.Features.Evaluation.Documents;

/// The document's tables as a workbook: a first sheet saying what the document is, then one sheet per table laid out as
/// printed, with the indicator codes in a last row for machines.
public static class XlsxWriter
{
    public static byte[] Write(DocumentDto d)
    {
        var sheets = new Dictionary<string, object>();
        var about = new List<Dictionary<string, object?>>
        {
            Pair("Báo cáo", d.Figures.Subject),
            Pair("Số", d.NumberText),
            Pair("Kỳ báo cáo", $"{d.Period.Words} ({VnTime.Show(d.Period.From)} – {VnTime.Show(d.Period.To)})"),
            Pair("Trạng thái", d.Status == DocumentStatus.Issued ? "Đã ban hành" : "Dự thảo"),
            Pair("Ngày ban hành", d.IssuedAt is { } at ? VnTime.Show(at) : ""),
            Pair("Ghi chú", d.Figures.MapNote),
        };
        if (d.Figures.SourcesNote is { } sources) about.Add(Pair("Nguồn số liệu", sources));
        foreach (var s in d.Figures.Sentences) about.Add(Pair("", s));
        sheets["Thông tin"] = about;
        var n = 1;
        foreach (var t in d.Figures.Tables)
        {
            var rows = new List<Dictionary<string, object?>>();
            var headers = new List<string>();
            foreach (var c in t.Columns)
            {
                var h = c.Unit is { Length: > 0 } u ? $"{c.Label} ({u})" : c.Label;
                while (headers.Contains(h) || h == t.FirstHeader) h += " ";
                headers.Add(h);
            }
            foreach (var r in t.Rows)
            {
                var line = new Dictionary<string, object?>(StringComparer.Ordinal) { [t.FirstHeader] = r.Label };
                for (var i = 0; i < headers.Count; i++) line[headers[i]] = r.Values[i];
                rows.Add(line);
            }
            if (t.Kind == FigureTableKind.Groups)
            {
                var codes = new Dictionary<string, object?>(StringComparer.Ordinal) { [t.FirstHeader] = "Mã chỉ tiêu" };
                for (var i = 0; i < headers.Count; i++)
                    codes[headers[i]] = t.Columns[i].Breakdown is { } b ? $"{t.Columns[i].Code}/{b}" : t.Columns[i].Code;
                rows.Add(codes);
            }
            sheets[$"Bảng {n++}"] = rows;
        }
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, sheets, excelType: MiniExcelLibs.ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Pair(string key, string value) =>
        new(StringComparer.Ordinal) { ["Mục"] = key, ["Nội dung"] = value };
}
