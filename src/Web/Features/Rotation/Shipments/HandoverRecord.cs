using System.Globalization;
using Bookpost.Web.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Rotation;

public sealed record HandoverParty(string Name, string? Address, HandoverPerson? Person = null);

/// One title of the parcel: its copies' barcodes, and on the receipt which of them were missing or damaged.
public sealed record HandoverTitle(string Title, IReadOnlyList<string> Barcodes, IReadOnlyList<string> Missing,
    IReadOnlyList<string> Damaged)
{
    public int Received => Barcodes.Count - Missing.Count - Damaged.Count;
}

public sealed record HandoverDocument(string Number, DateTime At, string Place, HandoverHeading Heading, string SetCode, string SetName,
    HandoverParty Sender, HandoverParty Carrier, string? TrackingNumber, HandoverParty Receiver, IReadOnlyList<HandoverTitle> Titles,
    bool Receipt, IReadOnlyList<string> Extras)
{
    public int Copies => Titles.Sum(t => t.Barcodes.Count);
}

/// The handover record (biên bản giao nhận) of a shipment as a PDF, after the model of Thông tư 33/2018/TT-BVHTTDL
/// (Mẫu số 02) in the Decree 30/2020/NĐ-CP layout: A4, Times New Roman; top left the governing body over the issuing
/// library (from the organizations registry, as on the record's day) and the number, top right the national heading
/// and place and date; the title; the three parties with the people present; the copies grouped by title with the
/// number of copies of each and the totals; the signature blocks with each person's name and position. The receipt
/// version counts what arrived against what was sent and lists what did not match.
public sealed class HandoverRecord(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<(byte[] Pdf, string FileName)>> HandleAsync(int shipmentId, bool receipt, UserScope scope,
        CancellationToken ct)
    {
        var s = await RotationScope.Shipments(db, scope, clock.Today()).Where(x => x.Id == shipmentId)
            .Select(x => new
            {
                x.Number, x.DispatchedAt, x.ReceivedAt, x.Status, x.TrackingNumber, SetCode = x.Set.Code, SetName = x.Set.Name,
                x.Set.OwnerId, FromName = x.From.Name, FromAddress = x.From.Address, ToName = x.To.Name, ToAddress = x.To.Address,
                x.SenderName, x.SenderPosition, x.ReceiverName, x.ReceiverPosition,
                Carrier = x.To.Operator != null ? x.To.Operator.Name : x.From.Operator != null ? x.From.Operator.Name : null,
            }).SingleOrDefaultAsync(ct);
        if (s is null) return Result<(byte[], string)>.NotFound();
        if (receipt && s.Status != ShipmentStatus.Received)
            return Result<(byte[], string)>.Conflict(text["Rotation.Handover.NotReceived"]);
        var at = receipt ? s.ReceivedAt!.Value : s.DispatchedAt;
        var heading = await HandoverHeadings.ForLibraryAsync(db, s.OwnerId, DateOnly.FromDateTime(VnTime.ToLocal(at)), ct);
        var lines = await db.ShipmentItems.Where(i => i.ShipmentId == shipmentId)
            .Select(i => new
            {
                i.TitleId, i.Item.Barcode, i.Outcome,
                Title = db.Titles.Where(t => t.Id == i.TitleId).Select(t => new { t.TitleProper, t.SortKey }).First(),
            })
            .ToListAsync(ct);
        var titles = lines.GroupBy(l => l.TitleId)
            .OrderBy(g => g.First().Title.SortKey, StringComparer.Ordinal).ThenBy(g => g.Key)
            .Select(g =>
            {
                var barcodes = g.Select(l => l.Barcode).Order(StringComparer.Ordinal).ToList();
                List<string> With(ShipmentItemOutcome o) =>
                    receipt ? g.Where(l => l.Outcome == o).Select(l => l.Barcode).Order(StringComparer.Ordinal).ToList() : [];
                return new HandoverTitle(g.First().Title.TitleProper, barcodes, With(ShipmentItemOutcome.Missing),
                    With(ShipmentItemOutcome.Damaged));
            }).ToList();
        var extras = receipt
            ? await db.Discrepancies.Where(d => d.ShipmentId == shipmentId && d.Kind == DiscrepancyKind.Extra).OrderBy(d => d.Barcode)
                .Select(d => d.Barcode).ToListAsync(ct)
            : [];
        static HandoverPerson? Person(string? name, string? position) =>
            name is null && position is null ? null : new HandoverPerson(name, position);
        var doc = new HandoverDocument(s.Number, at, "Thanh Hóa", heading, s.SetCode, s.SetName,
            new HandoverParty(s.FromName, s.FromAddress, Person(s.SenderName, s.SenderPosition)),
            new HandoverParty(s.Carrier ?? "Bưu điện tỉnh Thanh Hóa", null), s.TrackingNumber,
            new HandoverParty(s.ToName, s.ToAddress, receipt ? Person(s.ReceiverName, s.ReceiverPosition) : null),
            titles, receipt, extras);
        var file = (receipt ? "bien-ban-nhan-" : "bien-ban-giao-nhan-") + s.Number.Replace('/', '-') + ".pdf";
        return (Render(doc), file);
    }

    /// Barcodes written compactly: runs of consecutive numbers with the same prefix as "TVT00012–TVT00015", the rest
    /// one by one, in order.
    public static string CompactBarcodes(IEnumerable<string> barcodes)
    {
        var parts = new List<string>();
        (string Prefix, long Number, int Width, string First, string Last, int Count)? run = null;
        void Flush()
        {
            if (run is not { } r) return;
            if (r.Count >= 3) parts.Add($"{r.First}–{r.Last}");
            else if (r.Count == 2) { parts.Add(r.First); parts.Add(r.Last); }
            else parts.Add(r.First);
            run = null;
        }
        foreach (var b in barcodes.Order(StringComparer.Ordinal))
        {
            var digits = b.Length - b.AsSpan().TrimEnd("0123456789").Length;
            var ok = digits is > 0 and < 18;
            var prefix = b[..^digits];
            var number = ok ? long.Parse(b.AsSpan(b.Length - digits), NumberStyles.None, CultureInfo.InvariantCulture) : -1;
            if (ok && run is { } r && r.Prefix == prefix && r.Width == digits && r.Number + 1 == number)
            {
                run = r with { Number = number, Last = b, Count = r.Count + 1 };
                continue;
            }
            Flush();
            run = ok ? (prefix, number, digits, b, b, 1) : null;
            if (!ok) parts.Add(b);
        }
        Flush();
        return string.Join(", ", parts);
    }

    private const double Mm = 72 / 25.4;
    private const double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Body = PageWidth - Left - Right;
    private const double LineHeight = 16;
    private const string Dots = "……………………";

    public static byte[] Render(HandoverDocument d)
    {
        LiberationFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = d.Receipt ? $"Biên bản nhận sách {d.Number}" : $"Biên bản giao nhận {d.Number}";
        XFont F(double size, XFontStyleEx style = XFontStyleEx.Regular) => LiberationFontResolver.Font("Times New Roman", size, style);
        var regular = F(13);
        var bold = F(13, XFontStyleEx.Bold);
        var italic = F(13, XFontStyleEx.Italic);
        var small = F(12);
        var smallBold = F(12, XFontStyleEx.Bold);
        var smallItalic = F(11, XFontStyleEx.Italic);
        var local = VnTime.ToLocal(d.At);
        var pen = new XPen(XColors.Black, 0.5);

        NewPage(pdf, out var g);
        var y = Top;
        // Left: governing body (regular) over the issuing library (bold), a short rule, the number. Right: the
        // national heading, the motto underlined, place and date.
        var leftBox = 72 * Mm;
        var rightX = Left + leftBox;
        var rightBox = Body - leftBox;
        var ly = y;
        // Decree 30 allows 12 to 13 points here; a long agency name steps down to 11 before it wraps.
        XFont Fitting(string text, XFontStyleEx style, double width) =>
            new[] { 12.0, 11.5, 11.0 }.Select(size => F(size, style)).FirstOrDefault(f => g.MeasureString(text, f).Width <= width)
                ?? F(11, style);
        if (d.Heading.Governing is { } governing)
            ly = CenterWrapped(g, governing, Fitting(governing, XFontStyleEx.Regular, leftBox), Left, leftBox, ly, 15);
        ly = CenterWrapped(g, d.Heading.Issuer, Fitting(d.Heading.Issuer, XFontStyleEx.Bold, leftBox), Left, leftBox, ly, 15);
        g.DrawLine(pen, Left + leftBox / 2 - 12 * Mm, ly - 11, Left + leftBox / 2 + 12 * Mm, ly - 11);
        const string nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        var ry = CenterWrapped(g, nation, Fitting(nation, XFontStyleEx.Bold, rightBox), rightX, rightBox, y, 15);
        Center(g, "Độc lập - Tự do - Hạnh phúc", bold, rightX, rightBox, ry);
        var motto = g.MeasureString("Độc lập - Tự do - Hạnh phúc", bold).Width;
        g.DrawLine(pen, rightX + (rightBox - motto) / 2, ry + 3, rightX + (rightBox + motto) / 2, ry + 3);
        ry += 15;
        y = Math.Max(ly, ry) + 6;
        Center(g, $"Số: {d.Number}", regular, Left, leftBox, y);
        Center(g, $"{d.Place}, ngày {local:dd} tháng {local:MM} năm {local:yyyy}", italic, rightX, rightBox, y);
        y += 34;
        Center(g, d.Receipt ? "BIÊN BẢN NHẬN SÁCH LUÂN CHUYỂN" : "BIÊN BẢN GIAO NHẬN TÀI LIỆU LUÂN CHUYỂN", F(14, XFontStyleEx.Bold),
            Left, Body, y);
        y += 18;
        y = CenterWrapped(g, $"Bộ sách luân chuyển {d.SetCode} – {d.SetName}", bold, Left, Body, y, 18) + 8;

        void Line(string text, XFont font, double indent = 0)
        {
            foreach (var part in Wrap(g, text, font, Body - indent))
            {
                if (y > PageHeight - Bottom - 20) { g.Dispose(); NewPage(pdf, out g); y = Top; }
                g.DrawString(part, font, XBrushes.Black, Left + indent, y);
                y += 18;
            }
        }

        Line($"Hôm nay, lúc {local:HH} giờ {local:mm} ngày {local:dd/MM/yyyy}, chúng tôi gồm:", regular);
        void Party(string label, HandoverParty party, string? extra = null)
        {
            Line($"{label}: {party.Name}{(party.Address is null ? "" : $", {party.Address}")}{extra}", bold);
            Line($"Đại diện: {Who(party.Person)}", regular, 8 * Mm);
        }
        Party("1. Bên giao", d.Sender);
        Party("2. Đơn vị vận chuyển", d.Carrier, d.TrackingNumber is null ? "" : $" – số hiệu bưu gửi {d.TrackingNumber}");
        Party("3. Bên nhận", d.Receiver);
        Line(d.Receipt
            ? $"Bên nhận đã kiểm đếm {d.Copies} bản ({d.Titles.Count} tên tài liệu) được gửi theo danh mục sau:"
            : $"Cùng tiến hành giao nhận {d.Copies} bản ({d.Titles.Count} tên tài liệu) theo danh mục sau:", regular);
        y += 2;

        // The list: one row per title, its barcodes compact, and the copies counted. Rows grow with their text.
        double[] widths = d.Receipt
            ? [11 * Mm, 46 * Mm, 40 * Mm, 12 * Mm, 12 * Mm, Body - 121 * Mm]
            : [11 * Mm, 72 * Mm, Body - 101 * Mm, 18 * Mm];
        string[] headers = d.Receipt
            ? ["STT", "Tên tài liệu", "Mã vạch", "Gửi", "Nhận", "Ghi chú"]
            : ["STT", "Tên tài liệu", "Mã vạch", "Số bản"];
        bool[] left = d.Receipt ? [false, true, true, false, false, true] : [false, true, true, false];

        void Row(string[] cells, XFont font, bool[] alignLeft, bool header = false)
        {
            var wrapped = cells.Select((c, i) => Wrap(g, c, font, widths[i] - 6).ToList()).ToList();
            var height = wrapped.Max(w => Math.Max(1, w.Count)) * LineHeight + 4;
            if (y - 12 + height > PageHeight - Bottom)
            {
                g.Dispose();
                NewPage(pdf, out g);
                y = Top + 12;
                if (!header) Row(headers, smallBold, new bool[headers.Length], header: true);
            }
            var x = Left;
            for (var c = 0; c < cells.Length; c++)
            {
                g.DrawRectangle(pen, x, y - 13, widths[c], height);
                for (var k = 0; k < wrapped[c].Count; k++)
                {
                    var part = PdfText.Fit(g, wrapped[c][k], font, widths[c] - 6);
                    if (alignLeft[c]) g.DrawString(part, font, XBrushes.Black, x + 3, y + k * LineHeight);
                    else Center(g, part, font, x, widths[c], y + k * LineHeight);
                }
                x += widths[c];
            }
            y += height;
        }

        Row(headers, smallBold, new bool[headers.Length], header: true);
        for (var r = 0; r < d.Titles.Count; r++)
        {
            var t = d.Titles[r];
            var n = (r + 1).ToString(CultureInfo.InvariantCulture);
            var sent = Count(t.Barcodes.Count);
            if (d.Receipt)
            {
                var notes = new List<string>();
                if (t.Missing.Count > 0) notes.Add($"Thiếu: {CompactBarcodes(t.Missing)}");
                if (t.Damaged.Count > 0) notes.Add($"Hư hỏng: {CompactBarcodes(t.Damaged)}");
                Row([n, t.Title, CompactBarcodes(t.Barcodes), sent, Count(t.Received), string.Join("; ", notes)], small, left);
            }
            else Row([n, t.Title, CompactBarcodes(t.Barcodes), sent], small, left);
        }
        var titlesTotal = $"{d.Titles.Count} tên tài liệu";
        if (d.Receipt)
        {
            var received = d.Titles.Sum(t => t.Received);
            Row(["", "Cộng", titlesTotal, Count(d.Copies), Count(received), ""], smallBold, left);
        }
        else Row(["", "Cộng", titlesTotal, Count(d.Copies)], smallBold, left);
        y += 8;

        if (d.Receipt)
        {
            var missing = d.Titles.Sum(t => t.Missing.Count);
            var damaged = d.Titles.Sum(t => t.Damaged.Count);
            if (missing + damaged + d.Extras.Count == 0) Line("Không có sai lệch giữa số sách gửi và số sách nhận.", bold);
            else
            {
                Line($"Sai lệch: thiếu {Count(missing)} bản, hư hỏng {Count(damaged)} bản, thừa {Count(d.Extras.Count)} bản.", bold);
                if (d.Extras.Count > 0)
                    Line($"Bản thừa (không có trong danh mục gửi): {CompactBarcodes(d.Extras)}.", regular);
            }
        }
        else Line($"Tổng cộng: {d.Titles.Count} tên tài liệu, {Count(d.Copies)} bản.", bold);
        Line("Biên bản được lập thành 03 bản có giá trị như nhau, mỗi bên giữ 01 bản.", italic);

        // Signature blocks: the party, "(Ký, ghi rõ họ tên)", room to sign, the name and under it the position. They
        // never split from each other.
        if (y > PageHeight - Bottom - 45 * Mm) { g.Dispose(); NewPage(pdf, out g); y = Top; }
        y += 14;
        var third = Body / 3;
        (string Role, HandoverPerson? Person)[] blocks =
            [("ĐẠI DIỆN BÊN GIAO", d.Sender.Person), ("ĐẠI DIỆN BƯU ĐIỆN", null), ("ĐẠI DIỆN BÊN NHẬN", d.Receiver.Person)];
        for (var c = 0; c < 3; c++)
        {
            var x = Left + c * third;
            Center(g, blocks[c].Role, smallBold, x, third, y);
            Center(g, "(Ký, ghi rõ họ tên)", smallItalic, x, third, y + 15);
            var by = y + 15 + 25 * Mm;
            if (blocks[c].Person?.Name is { } name) by = CenterWrapped(g, name, smallBold, x, third - 4, by, 15);
            if (blocks[c].Person?.Position is { } position) CenterWrapped(g, position, small, x, third - 4, by, 15);
        }
        g.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Count(int n) => n.ToString("00", CultureInfo.InvariantCulture);

    /// "Bà Lê Thị Hoa – chức vụ: Thủ thư"; a missing part is a dotted line to fill in by hand.
    private static string Who(HandoverPerson? p) =>
        $"{(p?.Name is { } n ? (HasHonorific(n) ? n : $"Ông/Bà {n}") : "Ông/Bà " + Dots)} – chức vụ: {p?.Position ?? Dots}";

    private static bool HasHonorific(string name) =>
        name.StartsWith("Ông ", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Bà ", StringComparison.OrdinalIgnoreCase);

    private static PdfPage NewPage(PdfDocument pdf, out XGraphics g)
    {
        var page = pdf.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        g = XGraphics.FromPdfPage(page);
        return page;
    }

    private static void Center(XGraphics g, string text, XFont font, double x, double width, double y)
    {
        var fitted = PdfText.Fit(g, text, font, width);
        var w = g.MeasureString(fitted, font).Width;
        g.DrawString(fitted, font, XBrushes.Black, x + (width - w) / 2, y);
    }

    /// Centred lines, wrapped at spaces; answers the baseline after the last one. At most three lines: a longer text
    /// (a 100-character name in a signature block) ends with an ellipsis.
    private static double CenterWrapped(XGraphics g, string text, XFont font, double x, double width, double y, double step)
    {
        var lines = Wrap(g, text, font, width).ToList();
        if (lines.Count > 3) lines = [.. lines.Take(2), string.Join(' ', lines.Skip(2))];
        foreach (var line in lines)
        {
            Center(g, line, font, x, width, y);
            y += step;
        }
        return y;
    }

    /// Lines no wider than the width, broken at spaces and after the dash of a barcode range ("A001–" / "A009").
    private static IEnumerable<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var line = "";
        var words = text.Split(' ');
        for (var w = 0; w < words.Length; w++)
        {
            var parts = words[w].Split('–');
            for (var k = 0; k < parts.Length; k++)
            {
                var piece = parts[k] + (k < parts.Length - 1 ? "–" : "");
                if (piece.Length == 0) continue;
                var glue = k == 0 && w > 0 ? " " : "";
                var next = line.Length == 0 ? piece : line + glue + piece;
                if (line.Length > 0 && g.MeasureString(next, font).Width > width) { yield return line; line = piece; }
                else line = next;
            }
        }
        if (line.Length > 0) yield return line;
    }
}
