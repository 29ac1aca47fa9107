using PdfSharp.Fonts;

namespace Bookpost.Web.Infrastructure.Documents;

/// PDFsharp finds no fonts on Linux by itself. Documents use "Times New Roman" (Decree 30/2020) and "Arial"; both are
/// served by the metric-compatible Liberation fonts. Version 2 (Debian package fonts-liberation2) covers Vietnamese;
/// version 1 (fonts-liberation) lacks ư, ơ and most tone marks, so it is only the last resort.
public sealed class LiberationFontResolver : IFontResolver
{
    private static readonly string[] s_folders =
        ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/liberation2", "/usr/share/fonts/truetype/liberation",
            "/usr/share/fonts/liberation"];

    private static readonly Lazy<bool> s_installed = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new LiberationFontResolver();
        return true;
    });

    /// A font that writes every character through Unicode (Identity-H). PDFsharp's automatic choice writes some strings
    /// as WinAnsi, which has no ư, ơ, ạ … so Vietnamese text would lose those letters.
    public static PdfSharp.Drawing.XFont Font(string family, double size,
        PdfSharp.Drawing.XFontStyleEx style = PdfSharp.Drawing.XFontStyleEx.Regular)
    {
        EnsureInstalled();
        return new PdfSharp.Drawing.XFont(family, size, style, PdfSharp.Drawing.XPdfFontOptions.UnicodeDefault);
    }

    /// Registers the resolver once per process.
    public static void EnsureInstalled() => _ = s_installed.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        var serif = familyName.Contains("Times", StringComparison.OrdinalIgnoreCase)
            || familyName.Contains("Serif", StringComparison.OrdinalIgnoreCase);
        var style = (isBold, isItalic) switch { (true, true) => "BoldItalic", (true, false) => "Bold", (false, true) => "Italic",
            _ => "Regular" };
        return new FontResolverInfo($"Liberation{(serif ? "Serif" : "Sans")}-{style}");
    }

    public byte[] GetFont(string faceName)
    {
        foreach (var folder in s_folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new InvalidOperationException($"Font {faceName}.ttf not found; install the Debian package fonts-liberation2.");
    }
}
