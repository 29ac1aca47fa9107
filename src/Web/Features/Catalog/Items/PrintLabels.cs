using Bookpost.Web.Infrastructure.Documents;
using Bookpost.Web.Infrastructure.Http;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Catalog;

/// An A4 sheet (3 × 8 labels of 70 × 37 mm) of Code 128 labels: title, call number, bars and the barcode in text.
public sealed class PrintLabels(AppDbContext db, TimeProvider clock, Text text)
{
    public const int MaxLabels = 2400;
    private const int Columns = 3, Rows = 8;

    /// Labels for the copies named in <paramref name="idList"/> ("1,2,3") that the user sees.
    public async Task<IResult> HandleAsync(string? idList, UserScope scope, CancellationToken ct)
    {
        if (!IdList.TryParse(idList, out var parsed))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [text["Catalog.IdList"]] });
        var ids = parsed ?? [];
        if (ids.Count is 0 or > MaxLabels)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"1–{MaxLabels} ids"] });
        var items = await ItemScope.Visible(db, scope, clock.Today()).Where(i => ids.Contains(i.Id)).OrderBy(i => i.Barcode)
            .Select(i => new { i.Barcode, i.CallNumber, i.Title.TitleProper }).ToListAsync(ct);
        if (items.Count == 0) return TypedResults.NotFound();
        var pdf = Render(items.Select(i => (i.Barcode, i.TitleProper, i.CallNumber)).ToList());
        return TypedResults.File(pdf, "application/pdf", "nhan-ma-vach.pdf");
    }

    public static byte[] Render(IReadOnlyList<(string Barcode, string Title, string? CallNumber)> labels)
    {
        LiberationFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = "Nhãn mã vạch";
        var titleFont = LiberationFontResolver.Font("Arial", 8);
        var smallFont = LiberationFontResolver.Font("Arial", 7);
        var codeFont = LiberationFontResolver.Font("Arial", 9, XFontStyleEx.Bold);
        double mm = XUnit.FromMillimeter(1).Point;
        double labelWidth = 70 * mm, labelHeight = 37 * mm, marginTop = (297 - 8 * 37) / 2.0 * mm;
        PdfPage? page = null;
        XGraphics? gfx = null;
        for (var n = 0; n < labels.Count; n++)
        {
            if (n % (Columns * Rows) == 0)
            {
                gfx?.Dispose();
                page = document.AddPage();
                page.Width = XUnit.FromMillimeter(210);
                page.Height = XUnit.FromMillimeter(297);
                gfx = XGraphics.FromPdfPage(page);
            }
            var slot = n % (Columns * Rows);
            var x = slot % Columns * labelWidth;
            var y = marginTop + slot / Columns * labelHeight;
            var (barcode, title, callNumber) = labels[n];
            var inner = new XRect(x + 4 * mm, y + 3 * mm, labelWidth - 8 * mm, labelHeight - 6 * mm);
            gfx!.DrawString(PdfText.Fit(gfx, title, titleFont, inner.Width), titleFont, XBrushes.Black,
                new XPoint(inner.X, inner.Y + 3 * mm));
            if (callNumber is not null)
                gfx.DrawString(PdfText.Fit(gfx, callNumber, smallFont, inner.Width), smallFont, XBrushes.Black,
                    new XPoint(inner.X, inner.Y + 6.5 * mm));
            DrawBars(gfx, barcode, new XRect(inner.X, inner.Y + 8 * mm, inner.Width, 14 * mm));
            var size = gfx.MeasureString(barcode, codeFont);
            gfx.DrawString(barcode, codeFont, XBrushes.Black, new XPoint(inner.X + (inner.Width - size.Width) / 2, inner.Bottom));
        }
        gfx?.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// Bars scaled to the width with a 10-module quiet zone each side.
    internal static void DrawBars(XGraphics gfx, string barcode, XRect area)
    {
        var widths = Code128.Encode(barcode);
        var modules = widths.Sum() + 20;
        var module = area.Width / modules;
        var x = area.X + 10 * module;
        for (var i = 0; i < widths.Count; i++)
        {
            if (i % 2 == 0) gfx.DrawRectangle(XBrushes.Black, x, area.Y, widths[i] * module, area.Height);
            x += widths[i] * module;
        }
    }

}
