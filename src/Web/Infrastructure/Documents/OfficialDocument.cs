namespace Bookpost.Web.Infrastructure.Documents;

/// A bordered table of an official document: a header row, then rows of text; the columns listed in RightAligned hold
/// numbers; rows listed in BoldRows (a total) are bold.
public sealed record OfficialTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlySet<int> RightAligned, IReadOnlySet<int>? BoldRows = null);

/// One numbered part of the body ("I. MỤC ĐÍCH, YÊU CẦU"): its paragraphs, then its tables, notes (small italics) and
/// charts.
public sealed record OfficialPart(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<OfficialTable>? Tables = null,
    IReadOnlyList<string>? Notes = null, IReadOnlyList<ChartSpec>? Charts = null);

/// An administrative document in the Decree 30/2020 layout, whatever it is (báo cáo, kế hoạch, thông báo kết luận):
/// the superior and the issuing agency with the number top left, the national heading and motto with the place and date
/// top right, the kind ("KẾ HOẠCH") and the subject centred, an optional preamble (the legal bases, "Căn cứ …", in
/// italics), numbered parts, "Nơi nhận" bottom left and the signer's block bottom right. A draft is marked "DỰ THẢO".
/// <see cref="OfficialDocx"/> and <see cref="OfficialPdf"/> print the same words.
public sealed record OfficialDocument(string? Superior, string Issuer, string NumberLine, string PlaceAndDate, string KindTitle,
    string Subject, IReadOnlyList<string> Preamble, IReadOnlyList<OfficialPart> Parts, IReadOnlyList<string> Recipients,
    IReadOnlyList<string> SignerLines, string SignerName, bool Draft)
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string DraftMark = "DỰ THẢO";

    /// "Thanh Hóa, ngày 05 tháng 10 năm 2017".
    public static string PlaceDate(string place, DateOnly day) => $"{place}, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}";

    public static string Caps(string s) => s.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    public static string Roman(int n) => n switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
