using System.Globalization;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// What every file of a document prints, worked out once so the DOCX and the PDF say the same words (Decree 30/2020).
public sealed record DocumentLayout(string? Superior, string Issuer, string NumberLine, string PlaceAndDate, string Subject,
    IReadOnlyList<(string Heading, IReadOnlyList<string> Paragraphs)> Parts, IReadOnlyList<string> Recipients,
    IReadOnlyList<string> SignerLines, string SignerName, bool Draft)
{
    public static DocumentLayout Of(DocumentDto d)
    {
        var day = d.Date;
        var parts = new List<(string, IReadOnlyList<string>)>();
        var results = d.Sections.FirstOrDefault(s => s.Key == ReportTemplates.Results.Key);
        var first = new List<string>(d.Figures.Sentences);
        if (results is { Text.Length: > 0 }) first.AddRange(Paragraphs(results.Text));
        parts.Add(("KẾT QUẢ THỰC HIỆN", first));
        foreach (var s in d.Sections.Where(s => s.Key != ReportTemplates.Results.Key && s.Text.Length > 0))
            parts.Add((s.Heading, Paragraphs(s.Text)));
        var head = d.Agency?.Code.StartsWith("PVHTT", StringComparison.Ordinal) == true ? "TRƯỞNG PHÒNG" : "GIÁM ĐỐC";
        var title = Caps(d.SignerTitle ?? (d.SignsForHead ? "Phó " + head : head));
        var signer = d.SignsForHead ? new[] { "KT. " + head, title } : [title];
        return new DocumentLayout(d.Agency?.Superior, d.Agency?.Name ?? "…", $"Số: {d.NumberText}",
            $"{d.Place}, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}", d.Figures.Subject, parts,
            d.Recipients.Select(r => "- " + r).ToList(), signer, d.SignerName ?? "",
            d.Status == DocumentStatus.Draft);
    }

    public static IReadOnlyList<string> Paragraphs(string text) =>
        text.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    public static string Roman(int n) => n switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    public static string Caps(string s) => s.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string DraftMark = "DỰ THẢO";
}
