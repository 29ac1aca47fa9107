using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Infrastructure.Documents;

/// An official document as PDF with PDFsharp, in the same Decree 30/2020 layout as the DOCX: for reading and printing
/// as issued.
public static class OfficialPdf
{
    private const double Mm = 72 / 25.4;
    private const double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Body = PageWidth - Left - Right;

    public static byte[] Write(OfficialDocument layout)
    {
        LiberationFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{layout.KindTitle} {layout.NumberLine}";
        static XFont F(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
            LiberationFontResolver.Font("Times New Roman", size, style);
        var pen = new XPen(XColors.Black, 0.5);
        var g = NewPage(pdf);
        var y = Top;

        void Break(double need)
        {
            if (y + need <= PageHeight - Bottom) return;
            g.Dispose();
            g = NewPage(pdf);
            y = Top + 10;
        }

        // Heading: the agency and number left, the nation, motto and place/date right.
        var leftBox = 68 * Mm;
        var rightX = Left + leftBox;
        var rightBox = Body - leftBox;
        var ly = y + 10;
        if (layout.Superior is { } superior) ly = Centered(g, superior, F(12), Left, leftBox, ly, 15);
        ly = Centered(g, layout.Issuer, F(12.5, XFontStyleEx.Bold), Left, leftBox, ly, 15);
        g.DrawLine(pen, Left + leftBox / 2 - 12 * Mm, ly - 10, Left + leftBox / 2 + 12 * Mm, ly - 10);
        var ry = Centered(g, OfficialDocument.Nation, F(12, XFontStyleEx.Bold), rightX, rightBox, y + 10, 15);
        var bold13 = F(13, XFontStyleEx.Bold);
        Center(g, OfficialDocument.Motto, bold13, rightX, rightBox, ry);
        var motto = g.MeasureString(OfficialDocument.Motto, bold13).Width;
        g.DrawLine(pen, rightX + (rightBox - motto) / 2, ry + 3, rightX + (rightBox + motto) / 2, ry + 3);
        y = Math.Max(ly, ry + 15) + 6;
        Center(g, layout.NumberLine, F(13), Left, leftBox, y);
        Center(g, layout.PlaceAndDate, F(13, XFontStyleEx.Italic), rightX, rightBox, y);
        y += 30;
        if (layout.Draft) { Center(g, OfficialDocument.DraftMark, F(12, XFontStyleEx.Bold), Left, Body, y); y += 18; }
        Center(g, layout.KindTitle, F(14, XFontStyleEx.Bold), Left, Body, y);
        y = Centered(g, layout.Subject, F(14, XFontStyleEx.Bold), Left, Body, y + 18, 18) + 10;

        var text = F(13);
        void Paragraph(string s, XFont font, double indent = 10 * Mm)
        {
            var first = true;
            foreach (var line in Wrap(g, s, font, Body - (first ? indent : 0)))
            {
                Break(18);
                g.DrawString(line, font, XBrushes.Black, Left + (first ? indent : 0), y);
                y += 18;
                first = false;
            }
        }

        foreach (var line in layout.Preamble) Paragraph(line, F(13, XFontStyleEx.Italic));
        for (var i = 0; i < layout.Parts.Count; i++)
        {
            var part = layout.Parts[i];
            Break(40);
            y = Lines(g, $"{OfficialDocument.Roman(i + 1)}. {part.Heading}", F(13, XFontStyleEx.Bold), Left, Body, y, 18) + 2;
            foreach (var p in part.Paragraphs) Paragraph(p, text);
            foreach (var table in part.Tables ?? [])
            {
                Break(60);
                if (table.Title.Length > 0) y = Centered(g, table.Title, F(12, XFontStyleEx.Bold), Left, Body, y + 4, 15);
                DrawTable(table);
                y += 6;
            }
            foreach (var note in (part.Notes ?? []).Where(n => n.Length > 0)) Paragraph(note, F(11, XFontStyleEx.Italic), 0);
            foreach (var chart in part.Charts ?? [])
            {
                var height = Body / 2;
                Break(height + 10);
                using var image = XImage.FromStream(new MemoryStream(Charts.Png(chart)));
                g.DrawImage(image, Left, y, Body, height);
                y += height + 10;
            }
        }

        // "Nơi nhận" left and the signer right; the two never split.
        Break(60 * Mm);
        y += 16;
        var half = Body * 0.45;
        var ny = y;
        g.DrawString("Nơi nhận:", F(12, XFontStyleEx.BoldItalic), XBrushes.Black, Left, ny);
        ny += 14;
        foreach (var r in layout.Recipients)
            foreach (var line in Wrap(g, r, F(11), half))
            {
                g.DrawString(line, F(11), XBrushes.Black, Left, ny);
                ny += 13;
            }
        var sy = y;
        foreach (var line in layout.SignerLines) sy = Centered(g, line, F(13, XFontStyleEx.Bold), Left + half, Body - half, sy, 17);
        sy += 25 * Mm;
        Centered(g, layout.SignerName, F(13, XFontStyleEx.Bold), Left + half, Body - half, sy, 17);
        g.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();

        void DrawTable(OfficialTable t)
        {
            var count = t.Headers.Count;
            var size = count > 8 ? 8 : count > 5 ? 9 : 10.5;
            var font = F(size);
            var boldFont = F(size, XFontStyleEx.Bold);
            var widths = OfficialTable.Shares(t).Select(share => share * Body).ToArray();
            var step = size + 2.5;
            void Row(IReadOnlyList<string> cells, bool bold, bool header)
            {
                var f = bold ? boldFont : font;
                // Text wraps at spaces; a word wider than its column (a long figure) is set smaller, never cut.
                var wrapped = cells.Select((c, k) => Wrap(g, c, f, widths[k] - 4).ToList()).ToList();
                var height = wrapped.Max(w => Math.Max(1, w.Count)) * step + 4;
                if (y + height > PageHeight - Bottom)
                {
                    g.Dispose();
                    g = NewPage(pdf);
                    y = Top;
                    if (!header) Row(t.Headers, true, true);
                }
                var x = Left;
                for (var k = 0; k < cells.Count; k++)
                {
                    g.DrawRectangle(pen, x, y, widths[k], height);
                    var room = widths[k] - 4;
                    for (var n = 0; n < wrapped[k].Count; n++)
                    {
                        var baseline = y + 2 + size + n * step;
                        var piece = wrapped[k][n];
                        var fitted = f;
                        for (var smaller = size - 0.5; smaller >= 4 && g.MeasureString(piece, fitted).Width > room; smaller -= 0.5)
                            fitted = F(smaller, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
                        var w = g.MeasureString(piece, fitted).Width;
                        var at = header ? x + (widths[k] - w) / 2 : !t.RightAligned.Contains(k) ? x + 2 : x + widths[k] - 2 - w;
                        g.DrawString(piece, fitted, XBrushes.Black, at, baseline);
                    }
                    x += widths[k];
                }
                y += height;
            }
            Row(t.Headers, true, true);
            for (var r = 0; r < t.Rows.Count; r++)
            {
                var cells = Enumerable.Range(0, count).Select(c => c < t.Rows[r].Count ? t.Rows[r][c] : "").ToList();
                Row(cells, t.BoldRows?.Contains(r) == true, false);
            }
        }
    }

    private static XGraphics NewPage(PdfDocument pdf)
    {
        var page = pdf.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return XGraphics.FromPdfPage(page);
    }

    private static void Center(XGraphics g, string text, XFont font, double x, double width, double y)
    {
        var fitted = PdfText.Fit(g, text, font, width);
        var w = g.MeasureString(fitted, font).Width;
        g.DrawString(fitted, font, XBrushes.Black, x + (width - w) / 2, y);
    }

    /// Centred lines wrapped at spaces; answers the baseline after the last.
    private static double Centered(XGraphics g, string text, XFont font, double x, double width, double y, double step)
    {
        foreach (var line in Balanced(g, text, font, width))
        {
            Center(g, line, font, x, width, y);
            y += step;
        }
        return y;
    }

    /// A centred heading that needs two lines is broken where the two are most even ("ỦY BAN NHÂN DÂN" over "TỈNH THANH
    /// HÓA"), as a typist would, rather than leaving one word alone on the second line.
    private static IReadOnlyList<string> Balanced(XGraphics g, string text, XFont font, double width)
    {
        var lines = Wrap(g, text, font, width).ToList();
        if (lines.Count != 2) return lines;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var best = lines;
        var bestWidth = lines.Max(l => g.MeasureString(l, font).Width);
        for (var k = 1; k < words.Length; k++)
        {
            string a = string.Join(' ', words[..k]), b = string.Join(' ', words[k..]);
            var widest = Math.Max(g.MeasureString(a, font).Width, g.MeasureString(b, font).Width);
            if (widest <= width && widest < bestWidth) (best, bestWidth) = ([a, b], widest);
        }
        return best;
    }

    /// Lines wrapped at spaces from the left; answers the baseline after the last.
    private static double Lines(XGraphics g, string text, XFont font, double x, double width, double y, double step)
    {
        foreach (var line in Wrap(g, text, font, width))
        {
            g.DrawString(line, font, XBrushes.Black, x, y);
            y += step;
        }
        return y;
    }

    private static IEnumerable<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && g.MeasureString(next, font).Width > width) { yield return line; line = word; }
            else line = next;
        }
        if (line.Length > 0) yield return line;
    }
}
