using System.Diagnostics;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Tests.Features.Catalog;

public sealed class LabelTests
{
    [Fact]
    public void Code128_Encode_HasStartCheckAndStop()
    {
        var widths = Code128.Encode("BP-0001");
        // Start B, 7 characters, check, stop: 10 symbols of 11 modules, and the stop's 13.
        Assert.Equal(9 * 11 + 13, widths.Sum());
        Assert.Equal([2, 1, 1, 2, 1, 4], widths.Take(6));
        Assert.Equal([2, 3, 3, 1, 1, 1, 2], widths.TakeLast(7));
        Assert.Throws<ArgumentException>(() => Code128.Encode("Sách"));
    }

    /// The sheet is rendered to an image and read back by an independent decoder (zbarimg, Debian zbar-tools).
    [Fact]
    public async Task Render_LabelSheet_BarcodesScanBack()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/zbarimg") && File.Exists("/usr/bin/pdftoppm"), "zbar-tools or poppler-utils is not installed.");
        var pdf = PrintLabels.Render([("TV-0000123", "Kỹ thuật nông nghiệp hiện đại cho vùng trung du miền núi", "630 K600"), ("BDVHX-0042", "Truyện Kiều", null)]);
        var dir = Directory.CreateTempSubdirectory("bookpost-labels-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(dir, "labels.pdf"), pdf, TestContext.Current.CancellationToken);
        await RunAsync("/usr/bin/pdftoppm", $"-r 300 -png {dir}/labels.pdf {dir}/page");
        var png = Directory.GetFiles(dir, "page*.png").Single();
        var decoded = await RunAsync("/usr/bin/zbarimg", $"--quiet --raw {png}");
        Assert.Contains("TV-0000123", decoded, StringComparison.Ordinal);
        Assert.Contains("BDVHX-0042", decoded, StringComparison.Ordinal);
        // Vietnamese letters outside Windows-1252 (ỹ, ậ, ô, ệ) survive into the PDF's text.
        var text = await RunAsync("/usr/bin/pdftotext", $"{dir}/labels.pdf -");
        Assert.Contains("Kỹ thuật nông nghiệp hiện đại", text.Normalize(), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    internal static async Task<string> RunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output;
    }
}
