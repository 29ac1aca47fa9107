using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Circulation;

/// A reader's card, the size of a bank card (85.6 × 54 mm): the point, the name, and the card number as Code 128
/// that the desk's scanner reads.
public sealed class ReaderCard(AppDbContext db)
{
    public async Task<Result<byte[]>> HandleAsync(int readerId, UserScope scope, CancellationToken ct)
    {
        var r = await CirculationScope.Readers(db, scope).Where(x => x.Id == readerId && x.ErasedAt == null)
            .Select(x => new { x.CardNumber, x.FullName, x.BirthYear, Point = x.Point.Name }).SingleOrDefaultAsync(ct);
        if (r is null) return Result<byte[]>.NotFound();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Thẻ bạn đọc {r.CardNumber}";
        var page = pdf.AddPage();
        page.Width = XUnit.FromMillimeter(85.6);
        page.Height = XUnit.FromMillimeter(54);
        using (var g = XGraphics.FromPdfPage(page))
        {
            double mm = XUnit.FromMillimeter(1).Point;
            var small = LiberationFontResolver.Font("Arial", 6.5);
            var title = LiberationFontResolver.Font("Arial", 8, XFontStyleEx.Bold);
            var name = LiberationFontResolver.Font("Arial", 10, XFontStyleEx.Bold);
            g.DrawRectangle(new XPen(XColors.Gray, 0.5), 1 * mm, 1 * mm, 83.6 * mm, 52 * mm);
            g.DrawString("THẺ BẠN ĐỌC", title, XBrushes.Black, 4 * mm, 6 * mm);
            g.DrawString(r.Point, small, XBrushes.Black, 4 * mm, 10 * mm);
            g.DrawString(r.FullName, name, XBrushes.Black, 4 * mm, 17 * mm);
            if (r.BirthYear is { } y) g.DrawString($"Năm sinh: {y}", small, XBrushes.Black, 4 * mm, 21 * mm);
            PrintLabels.DrawBars(g, r.CardNumber, new XRect(4 * mm, 24 * mm, 77.6 * mm, 18 * mm));
            var code = LiberationFontResolver.Font("Arial", 9, XFontStyleEx.Bold);
            var w = g.MeasureString(r.CardNumber, code).Width;
            g.DrawString(r.CardNumber, code, XBrushes.Black, (85.6 * mm - w) / 2, 47 * mm);
        }
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }
}
