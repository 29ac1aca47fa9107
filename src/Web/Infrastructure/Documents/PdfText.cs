using PdfSharp.Drawing;

namespace Bookpost.Web.Infrastructure.Documents;

/// Text helpers shared by the PDF documents.
public static class PdfText
{
    /// The text, cut with an ellipsis where it would be wider than the width.
    public static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width) return text;
        var cut = text;
        while (cut.Length > 1 && gfx.MeasureString(cut + "…", font).Width > width) cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }
}
