namespace Bookpost.Web.Infrastructure.Documents;

/// A bordered table of an official document: a header row, then rows of text; the columns listed in RightAligned hold
/// numbers; rows listed in BoldRows (a total) are bold.
public sealed record OfficialTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlySet<int> RightAligned, IReadOnlySet<int>? BoldRows = null)
{
    /// Each column's share of the width, after the longest text it holds (a header counts less: it wraps on two or three
    /// lines), within bounds, so "TT" stays narrow and a unit's name gets the room.
    public static double[] Shares(OfficialTable t)
    {
        var weights = new double[t.Headers.Count];
        for (var c = 0; c < weights.Length; c++)
        {
            var longest = t.Rows.Select(r => c < r.Count ? r[c].Length : 0).DefaultIfEmpty(0).Max();
            var header = t.Headers[c].Split(' ').Select(w => w.Length).DefaultIfEmpty(0).Max();
            weights[c] = Math.Clamp(Math.Max(longest, Math.Max(header, t.Headers[c].Length / 3.0)), 3, 40);
        }
        var sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }

    /// The columns' widths in whole units (twips) adding up to the total, none under the minimum.
    public static int[] Widths(OfficialTable t, int total, int minimum)
    {
        var shares = Shares(t);
        var widths = shares.Select(s => Math.Max(minimum, (int)(total * s))).ToArray();
        var widest = Array.IndexOf(widths, widths.Max());
        widths[widest] += total - widths.Sum();
        return widths;
    }
}

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
