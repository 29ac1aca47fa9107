using System.Globalization;
using System.Text.RegularExpressions;

namespace Bookpost.Web.Infrastructure.Documents;

/// Charts placed inside pages: ScottPlot draws an SVG of a fixed size; a page needs one that shrinks to a 360-px phone
/// (a viewBox and width 100%) and whose clip-path ids do not clash with another chart's on the same page (ScottPlot
/// numbers them from the same start in every chart, and an id found twice clips by the first).
public static partial class PageCharts
{
    private static int s_next;

    public static string Svg(ChartSpec spec, int width = 720, int height = 360)
    {
        var svg = Charts.Svg(spec, width, height);
        var prefix = "c" + Interlocked.Increment(ref s_next).ToString(CultureInfo.InvariantCulture) + "_";
        svg = ClipId().Replace(svg, m => m.Groups[1].Value + prefix);
        var end = svg.IndexOf('>', StringComparison.Ordinal);
        if (end < 0) return svg;
        var open = svg[..end];
        open = Size().Replace(open, "");
        var fitted = open + $" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" class=\"chart\" "
            + $"role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(spec.Title)}\"";
        return fitted + svg[end..];
    }

    [GeneratedRegex("(id=\"|url\\(#)(?=cl_)")]
    private static partial Regex ClipId();

    [GeneratedRegex("\\s(width|height)=\"[^\"]*\"")]
    private static partial Regex Size();
}
