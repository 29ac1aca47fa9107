using ScottPlot;

namespace Bookpost.Web.Infrastructure.Documents;

/// One series of a chart: its name (the legend) and one value per category.
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// What a chart shows: a title, the categories along the bottom (months, areas, groups of people) and one or more series.
/// Bars put the series side by side per category; Lines draw each series across the categories (a trend).
public sealed record ChartSpec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    ChartKind Kind = ChartKind.Bars, string? Unit = null);

public enum ChartKind { Bars, Lines }

/// Charts drawn with ScottPlot: SVG for pages (crisp on any screen, no script), PNG for DOCX and PDF. Text is set in
/// Liberation Sans (fonts-liberation2), which has every Vietnamese letter; ScottPlot's default font may lack them.
public static class Charts
{
    private const string Font = "Liberation Sans";

    /// The chart as an &lt;svg&gt; element to place inside a page (without the XML declaration a file would start with).
    public static string Svg(ChartSpec spec, int width = 720, int height = 360)
    {
        var xml = Build(spec).GetSvgXml(width, height);
        var start = xml.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? xml[start..] : xml;
    }

    public static byte[] Png(ChartSpec spec, int width = 1200, int height = 600) =>
        Build(spec).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(ChartSpec spec)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(spec.Title);
        if (spec.Unit is { Length: > 0 } unit) plot.YLabel(unit);
        var palette = new ScottPlot.Palettes.Category10();
        var seriesCount = Math.Max(1, spec.Series.Count);
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var color = palette.GetColor(s);
            if (spec.Kind == ChartKind.Lines)
            {
                var xs = Enumerable.Range(0, series.Values.Count).Select(i => (double)i).ToArray();
                var line = plot.Add.Scatter(xs, series.Values.ToArray(), color);
                line.LegendText = series.Name;
                line.LineWidth = 2;
            }
            else
            {
                // Series side by side inside each category's slot.
                var width = 0.8 / seriesCount;
                var bars = series.Values.Select((v, i) => new Bar
                {
                    Position = i - 0.4 + width * (s + 0.5),
                    Value = v,
                    Size = width * 0.95,
                    FillColor = color,
                }).ToList();
                var added = plot.Add.Bars(bars);
                added.LegendText = series.Name;
            }
        }
        var ticks = spec.Categories.Select((c, i) => new Tick(i, c)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (spec.Categories.Count > 6) plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = spec.Categories.Count > 6 ? Alignment.MiddleRight : Alignment.UpperCenter;
        if (spec.Kind == ChartKind.Bars) plot.Axes.Margins(bottom: 0);
        if (spec.Series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
