using Bookpost.Web.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// The document as PDF with PDFsharp, in the same Decree 30/2020 layout as the DOCX: for reading and printing as issued.
public static class PdfWriter
{
    private const double Mm = 72 / 25.4;
    private const double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Body = PageWidth - Left - Right;

    public static byte[] Write(DocumentDto d)
    {
        var layout = DocumentLayout.Of(d);
        LiberationFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Báo cáo {d.NumberText}";
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
        var ry = Centered(g, DocumentLayout.Nation, F(12, XFontStyleEx.Bold), rightX, rightBox, y + 10, 15);
        var bold13 = F(13, XFontStyleEx.Bold);
        Center(g, DocumentLayout.Motto, bold13, rightX, rightBox, ry);
        var motto = g.MeasureString(DocumentLayout.Motto, bold13).Width;
        g.DrawLine(pen, rightX + (rightBox - motto) / 2, ry + 3, rightX + (rightBox + motto) / 2, ry + 3);
        y = Math.Max(ly, ry + 15) + 6;
        Center(g, layout.NumberLine, F(13), Left, leftBox, y);
        Center(g, layout.PlaceAndDate, F(13, XFontStyleEx.Italic), rightX, rightBox, y);
        y += 30;
        if (layout.Draft) { Center(g, DocumentLayout.DraftMark, F(12, XFontStyleEx.Bold), Left, Body, y); y += 18; }
        Center(g, "BÁO CÁO", F(14, XFontStyleEx.Bold), Left, Body, y);
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

        for (var i = 0; i < layout.Parts.Count; i++)
        {
            var (heading, paragraphs) = layout.Parts[i];
            Break(40);
            g.DrawString($"{DocumentLayout.Roman(i + 1)}. {heading}", F(13, XFontStyleEx.Bold), XBrushes.Black, Left, y);
            y += 20;
            foreach (var p in paragraphs) Paragraph(p, text);
            if (i != 0) continue;
            foreach (var table in d.Figures.Tables)
            {
                Break(60);
                y = Centered(g, table.Title, F(12, XFontStyleEx.Bold), Left, Body, y + 4, 15);
                DrawTable(table);
                y += 6;
            }
            if (d.Figures.SourcesNote is { } sources) Paragraph(sources, F(11, XFontStyleEx.Italic), 0);
            if (d.Figures.Tables.Count > 0) Paragraph(d.Figures.MapNote, F(11, XFontStyleEx.Italic), 0);
            foreach (var chart in d.Figures.Charts)
            {
                var height = Body / 2;
                Break(height + 10);
                using var image = XImage.FromStream(new MemoryStream(Charts.Png(chart.Spec)));
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

        void DrawTable(FigureTable t)
        {
            var count = t.Columns.Count + 1;
            var size = count > 8 ? 8 : count > 5 ? 9 : 10.5;
            var font = F(size);
            var boldFont = F(size, XFontStyleEx.Bold);
            var first = count > 6 ? 32 * Mm : 50 * Mm;
            var other = (Body - first) / Math.Max(1, count - 1);
            var step = size + 2.5;
            double Width(int c) => c == 0 ? first : other;
            void Row(IReadOnlyList<string> cells, bool bold, bool header)
            {
                var f = bold ? boldFont : font;
                var wrapped = cells.Select((c, k) => Wrap(g, c, f, Width(k) - 4).ToList()).ToList();
                var height = wrapped.Max(w => Math.Max(1, w.Count)) * step + 4;
                if (y + height > PageHeight - Bottom)
                {
                    g.Dispose();
                    g = NewPage(pdf);
                    y = Top;
                    if (!header) Row(HeaderCells(t), true, true);
                }
                var x = Left;
                for (var k = 0; k < cells.Count; k++)
                {
                    g.DrawRectangle(pen, x, y, Width(k), height);
                    for (var n = 0; n < wrapped[k].Count; n++)
                    {
                        var baseline = y + 2 + size + n * step;
                        if (header || k == 0)
                            g.DrawString(PdfText.Fit(g, wrapped[k][n], f, Width(k) - 4), f, XBrushes.Black, x + 2, baseline);
                        else
                        {
                            // A figure is never cut: one too wide for its column is set smaller until it fits.
                            var figure = wrapped[k][n];
                            var fitted = f;
                            var room = Width(k) - 4;
                            for (var smaller = size - 0.5; smaller >= 4 && g.MeasureString(figure, fitted).Width > room; smaller -= 0.5)
                                fitted = F(smaller, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
                            var right = x + Width(k) - 2 - g.MeasureString(figure, fitted).Width;
                            g.DrawString(figure, fitted, XBrushes.Black, right, baseline);
                        }
                    }
                    x += Width(k);
                }
                y += height;
            }
            Row(HeaderCells(t), true, true);
            foreach (var r in t.Rows)
            {
                var label = r.Unit is { Length: > 0 } unit ? $"{r.Label} ({unit})" : r.Label;
                Row([label, .. r.Values.Select(VnNumber.Show)], r.Group == Reports.IndicatorService.TotalKey, false);
            }
        }
    }

    private static List<string> HeaderCells(FigureTable t) =>
        [t.FirstHeader, .. t.Columns.Select(c => c.Unit is { Length: > 0 } u ? $"{c.Label} ({u})" : c.Label)];

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
        foreach (var line in Wrap(g, text, font, width))
        {
            Center(g, line, font, x, width, y);
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
