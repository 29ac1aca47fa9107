using PdfSharp.Fonts;

namespace Bookpost.Web.Infrastructure.Documents;

/// PDFsharp finds no fonts on Linux by itself. Documents use "Times New Roman" (Decree 30/2020) and "Arial"; both are
/// served by the metric-compatible Liberation fonts (Debian package fonts-liberation), which cover Vietnamese.
public sealed class LiberationFontResolver : IFontResolver
{
    private static readonly string[] s_folders =
        ["/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/liberation"];

    private static readonly Lazy<bool> s_installed = new(() =>
    {
        GlobalFontSettings.FontResolver ??= new LiberationFontResolver();
        return true;
    });

    /// Registers the resolver once per process.
    public static void EnsureInstalled() => _ = s_installed.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        var serif = familyName.Contains("Times", StringComparison.OrdinalIgnoreCase) || familyName.Contains("Serif", StringComparison.OrdinalIgnoreCase);
        var style = (isBold, isItalic) switch { (true, true) => "BoldItalic", (true, false) => "Bold", (false, true) => "Italic", _ => "Regular" };
        return new FontResolverInfo($"Liberation{(serif ? "Serif" : "Sans")}-{style}");
    }

    public byte[] GetFont(string faceName)
    {
        foreach (var folder in s_folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new InvalidOperationException($"Font {faceName}.ttf not found; install the Debian package fonts-liberation.");
    }
}
