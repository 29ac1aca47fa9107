using System.Globalization;
using Bookpost.Web.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Rotation;

public sealed record HandoverParty(string Name, string? Address);

public sealed record HandoverLine(string Barcode, string Title, string? Remark);

public sealed record HandoverDocument(string Number, DateTime At, string Place, string SetCode, string SetName, HandoverParty Sender,
    HandoverParty Carrier, string? TrackingNumber, HandoverParty Receiver, IReadOnlyList<HandoverLine> Lines,
    IReadOnlyList<HandoverLine>? Discrepancies);

/// The handover record (biên bản giao nhận) of a shipment as a PDF in the Decree 30/2020/NĐ-CP layout: A4, Times New
/// Roman, the issuing body and number on the left, the national header and place and date on the right, the title,
/// the parties, the list of copies and three signature blocks. The receipt version adds what did not match.
public sealed class HandoverRecord(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<(byte[] Pdf, string FileName)>> HandleAsync(int shipmentId, bool receipt, UserScope scope,
        CancellationToken ct)
    {
        var s = await RotationScope.Shipments(db, scope, clock.Today()).Where(x => x.Id == shipmentId)
            .Select(x => new
            {
                x.Number, x.DispatchedAt, x.ReceivedAt, x.Status, x.TrackingNumber, SetCode = x.Set.Code, SetName = x.Set.Name,
                From = new HandoverParty(x.From.Name, x.From.Address), To = new HandoverParty(x.To.Name, x.To.Address),
                Carrier = x.To.Operator != null ? x.To.Operator.Name : x.From.Operator != null ? x.From.Operator.Name : null,
            }).SingleOrDefaultAsync(ct);
        if (s is null) return Result<(byte[], string)>.NotFound();
        if (receipt && s.Status != ShipmentStatus.Received)
            return Result<(byte[], string)>.Conflict(text["Rotation.Handover.NotReceived"]);
        var lines = await db.ShipmentItems.Where(i => i.ShipmentId == shipmentId).OrderBy(i => i.Item.Barcode)
            .Select(i => new
            {
                i.Item.Barcode, Title = db.Titles.Where(t => t.Id == i.TitleId).Select(t => t.TitleProper).First(), i.Outcome,
            })

            .ToListAsync(ct);
        IReadOnlyList<HandoverLine>? discrepancies = null;
        if (receipt)
        {
            discrepancies = await db.Discrepancies.Where(d => d.ShipmentId == shipmentId).OrderBy(d => d.Kind).ThenBy(d => d.Barcode)
                .Select(d => new HandoverLine(d.Barcode, d.Item != null ? d.Item.Title.TitleProper : "(không có trong danh mục)",
                    d.Kind == DiscrepancyKind.Missing ? "Thiếu" : d.Kind == DiscrepancyKind.Extra ? "Thừa" : "Hư hỏng"))
                .ToListAsync(ct);
        }
        var doc = new HandoverDocument(s.Number, receipt ? s.ReceivedAt!.Value : s.DispatchedAt, "Thanh Hóa", s.SetCode, s.SetName, s.From,
            new HandoverParty(s.Carrier ?? "Bưu điện tỉnh Thanh Hóa", null), s.TrackingNumber, s.To,
            lines.Select(l => new HandoverLine(l.Barcode, l.Title, receipt ? l.Outcome switch
            {
                ShipmentItemOutcome.Received => "Đã nhận",
                ShipmentItemOutcome.Missing => "Thiếu",
                ShipmentItemOutcome.Damaged => "Hư hỏng",
                _ => null,
            } : null)).ToList(), discrepancies);
        var file = (receipt ? "bien-ban-nhan-" : "bien-ban-giao-nhan-") + s.Number.Replace('/', '-') + ".pdf";
        return (Render(doc), file);
    }

    private const double Mm = 72 / 25.4;
    private const double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Body = PageWidth - Left - Right;

    public static byte[] Render(HandoverDocument d)
    {
        LiberationFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = d.Discrepancies is null ? $"Biên bản giao nhận {d.Number}" : $"Biên bản nhận sách {d.Number}";
        var regular = LiberationFontResolver.Font("Times New Roman", 13);
        var bold = LiberationFontResolver.Font("Times New Roman", 13, XFontStyleEx.Bold);
        var italic = LiberationFontResolver.Font("Times New Roman", 13, XFontStyleEx.Italic);
        var small = LiberationFontResolver.Font("Times New Roman", 12);
        var smallBold = LiberationFontResolver.Font("Times New Roman", 12, XFontStyleEx.Bold);
        var titleFont = LiberationFontResolver.Font("Times New Roman", 14, XFontStyleEx.Bold);
        var local = VnTime.ToLocal(d.At);

        NewPage(pdf, out var g);
        var y = Top;
        // Issuing body and number (left), national header (right).
        var leftBox = 66 * Mm;
        var rightX = Left + leftBox;
        var rightBox = Body - leftBox;
        Center(g, d.Sender.Name.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), smallBold, Left, leftBox, y);
        Center(g, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", smallBold, rightX, rightBox, y);
        y += 15;
        Center(g, "Độc lập - Tự do - Hạnh phúc", bold, rightX, rightBox, y);
        var motto = g.MeasureString("Độc lập - Tự do - Hạnh phúc", bold).Width;
        g.DrawLine(new XPen(XColors.Black, 0.6), rightX + (rightBox - motto) / 2, y + 3, rightX + (rightBox + motto) / 2, y + 3);
        g.DrawLine(new XPen(XColors.Black, 0.6), Left + leftBox / 2 - 15 * Mm, y - 8, Left + leftBox / 2 + 15 * Mm, y - 8);
        y += 22;
        Center(g, $"Số: {d.Number}", regular, Left, leftBox, y);
        Center(g, $"{d.Place}, ngày {local:dd} tháng {local:MM} năm {local:yyyy}", italic, rightX, rightBox, y);
        y += 36;
        Center(g, d.Discrepancies is null ? "BIÊN BẢN GIAO NHẬN" : "BIÊN BẢN NHẬN SÁCH LUÂN CHUYỂN", titleFont, Left, Body, y);
        y += 18;
        Center(g, $"Bộ sách luân chuyển {d.SetCode} – {d.SetName}", bold, Left, Body, y);
        y += 26;

        void Line(string text, XFont font)
        {
            foreach (var part in Wrap(g, text, font, Body))
            {
                if (y > PageHeight - Bottom - 20) { g.Dispose(); NewPage(pdf, out g); y = Top; }
                g.DrawString(part, font, XBrushes.Black, Left, y);
                y += 18;
            }
        }

        Line($"Hôm nay, lúc {local:HH} giờ {local:mm} ngày {local:dd/MM/yyyy}, chúng tôi gồm:", regular);
        Line($"1. Bên giao: {d.Sender.Name}{(d.Sender.Address is null ? "" : $", {d.Sender.Address}")}", regular);
        var tracking = d.TrackingNumber is null ? "" : $" – số hiệu bưu gửi {d.TrackingNumber}";
        Line($"2. Đơn vị vận chuyển: {d.Carrier.Name}{tracking}", regular);
        Line($"3. Bên nhận: {d.Receiver.Name}{(d.Receiver.Address is null ? "" : $", {d.Receiver.Address}")}", regular);
        var titles = d.Lines.Select(l => l.Title).Distinct(StringComparer.Ordinal).Count();
        Line(d.Discrepancies is null
            ? $"Cùng tiến hành giao nhận {d.Lines.Count} bản sách ({titles} đầu sách) theo danh sách sau:"
            : $"Bên nhận đã kiểm đếm {d.Lines.Count} bản sách ({titles} đầu sách) được gửi theo danh sách sau:", regular);
        y += 4;

        void Table(IReadOnlyList<HandoverLine> rows, string remarkHeader)
        {
            double[] widths = [12 * Mm, 38 * Mm, Body - 12 * Mm - 38 * Mm - 28 * Mm, 28 * Mm];
            string[] headers = ["STT", "Mã vạch", "Tên sách", remarkHeader];
            void Header()
            {
                var x = Left;
                for (var c = 0; c < 4; c++)
                {
                    g.DrawRectangle(new XPen(XColors.Black, 0.5), x, y - 13, widths[c], 18);
                    Center(g, headers[c], smallBold, x, widths[c], y);
                    x += widths[c];
                }
                y += 18;
            }
            Header();
            for (var r = 0; r < rows.Count; r++)
            {
                if (y > PageHeight - Bottom - 10) { g.Dispose(); NewPage(pdf, out g); y = Top + 13; Header(); }
                string[] cells =
                [
                    (r + 1).ToString(CultureInfo.InvariantCulture), rows[r].Barcode, PdfText.Fit(g, rows[r].Title, small, widths[2] - 6),
                    rows[r].Remark ?? "1",
                ];
                var x = Left;
                for (var c = 0; c < 4; c++)
                {
                    g.DrawRectangle(new XPen(XColors.Black, 0.5), x, y - 13, widths[c], 18);
                    if (c == 2) g.DrawString(cells[c], small, XBrushes.Black, x + 3, y);
                    else Center(g, cells[c], small, x, widths[c], y);
                    x += widths[c];
                }
                y += 18;
            }
        }

        Table(d.Lines, d.Discrepancies is null ? "Số lượng" : "Kết quả");
        y += 6;
        if (d.Discrepancies is null)
        {
            Line($"Tổng cộng: {d.Lines.Count} bản.", bold);
        }
        else
        {
            y += 8;
            Line(d.Discrepancies.Count == 0
                ? "Không có sai lệch giữa số sách gửi và số sách nhận."
                : $"Các sai lệch ({d.Discrepancies.Count}):", bold);
            if (d.Discrepancies.Count > 0) Table(d.Discrepancies, "Sai lệch");
        }
        y += 8;
        Line("Biên bản được lập thành 03 bản có giá trị như nhau, mỗi bên giữ 01 bản.", italic);

        // Signature blocks need about 35 mm; they never split from each other.
        if (y > PageHeight - Bottom - 35 * Mm) { g.Dispose(); NewPage(pdf, out g); y = Top; }
        y += 14;
        var third = Body / 3;
        string[] roles = ["ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BƯU ĐIỆN", "ĐẠI DIỆN BÊN NHẬN"];
        for (var c = 0; c < 3; c++)
        {
            Center(g, roles[c], smallBold, Left + c * third, third, y);
            var signHere = LiberationFontResolver.Font("Times New Roman", 11, XFontStyleEx.Italic);
            Center(g, "(Ký, ghi rõ họ tên)", signHere, Left + c * third, third, y + 15);

        }
        g.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

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

    private static IEnumerable<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var next = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && g.MeasureString(next, font).Width > width) { yield return line; line = word; }
            else line = next;
        }
        if (line.Length > 0) yield return line;
    }

}
