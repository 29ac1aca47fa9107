using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// A report document as an official document (Decree 30/2020), worked out once so the DOCX and the PDF say the same
/// words: the figures' sentences, tables, notes and charts in the first part ("KẾT QUẢ THỰC HIỆN"), then the text sections.
public static class DocumentLayout
{
    public static OfficialDocument Of(DocumentDto d)
    {
        var day = d.Date;
        var parts = new List<OfficialPart>();
        var results = d.Sections.FirstOrDefault(s => s.Key == ReportTemplates.Results.Key);
        var first = new List<string>(d.Figures.Sentences);
        if (results is { Text.Length: > 0 }) first.AddRange(Paragraphs(results.Text));
        var notes = new List<string>();
        if (d.Figures.Tables.Count > 0)
        {
            if (d.Figures.SourcesNote is { } sources) notes.Add(sources);
            notes.Add(d.Figures.MapNote);
        }
        parts.Add(new OfficialPart("KẾT QUẢ THỰC HIỆN", first, d.Figures.Tables.Select(Table).ToList(), notes,
            d.Figures.Charts.Select(c => c.Spec).ToList()));
        foreach (var s in d.Sections.Where(s => s.Key != ReportTemplates.Results.Key && s.Text.Length > 0))
            parts.Add(new OfficialPart(s.Heading, Paragraphs(s.Text)));
        var head = d.Agency?.Code.StartsWith("PVHTT", StringComparison.Ordinal) == true ? "TRƯỞNG PHÒNG" : "GIÁM ĐỐC";
        var title = OfficialDocument.Caps(d.SignerTitle ?? (d.SignsForHead ? "Phó " + head : head));
        var signer = d.SignsForHead ? new[] { "KT. " + head, title } : [title];
        return new OfficialDocument(d.Agency?.Superior, d.Agency?.Name ?? "…", $"Số: {d.NumberText}",
            OfficialDocument.PlaceDate(d.Place, day), "BÁO CÁO", d.Figures.Subject, [], parts,
            d.Recipients.Select(r => "- " + r).ToList(), signer, d.SignerName ?? "", d.Status == DocumentStatus.Draft);
    }

    /// A figure table as printed: the first column's label with its unit, then the figures in Vietnamese number format;
    /// the province's total row in bold.
    private static OfficialTable Table(FigureTable t)
    {
        static string WithUnit(string label, string? unit) => unit is { Length: > 0 } u ? $"{label} ({u})" : label;
        var headers = new List<string> { t.FirstHeader };
        headers.AddRange(t.Columns.Select(c => WithUnit(c.Label, c.Unit)));
        var rows = t.Rows.Select(r => (IReadOnlyList<string>)[WithUnit(r.Label, r.Unit), .. r.Values.Select(VnNumber.Show)]).ToList();
        var bold = t.Rows.Select((r, i) => (r, i)).Where(x => x.r.Group == Reports.IndicatorService.TotalKey).Select(x => x.i).ToHashSet();
        return new OfficialTable(t.Title, headers, rows, Enumerable.Range(1, t.Columns.Count).ToHashSet(), bold);
    }

    public static IReadOnlyList<string> Paragraphs(string text) =>
        text.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
}
