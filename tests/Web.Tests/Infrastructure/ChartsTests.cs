using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Tests.Infrastructure;

public sealed class ChartsTests
{
    private static readonly ChartSpec s_spec = new("Lượt mượn theo tháng – Thanh Hóa", ["T1", "T2", "T3"],
        [new ChartSeries("Năm nay", [12, 30, 21]), new ChartSeries("Cùng kỳ năm trước", [10, 18, 25])], ChartKind.Bars, "lượt");

    [Fact]
    public void Png_IsAnImageOfTheAskedSize()
    {
        var png = Charts.Png(s_spec, 600, 300);
        Assert.True(png.Length > 1000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(600, bitmap.Width);
        Assert.Equal(300, bitmap.Height);
    }

    [Fact]
    public void Svg_CarriesTheVietnameseWords()
    {
        var svg = Charts.Svg(s_spec with { Kind = ChartKind.Lines });
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("Cùng kỳ năm trước", svg);
    }
}
