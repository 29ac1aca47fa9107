using Bookpost.Web.Infrastructure.Documents;
using System.Globalization;
using System.Net;
using System.Text;
using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// One class of the map's legend: its colour, its words, and how many points fell in it.
public sealed record MapLegendClass(string Color, string Label, int Count);

/// A drawn map: the SVG element, the points drawn, those that could not be placed (no coordinates and no commune centre),
/// the legend, and the centre of what was drawn (for the optional tiled map's link).
public sealed record MapImage(string Svg, int Drawn, int Unplaced, IReadOnlyList<MapLegendClass> Legend, double? CentreLat,
    double? CentreLon);

/// A point to draw: where, with what colour and tooltip.
public sealed record MapMark(int PointId, string Name, double? Latitude, double? Longitude, string CommuneCode, string Color,
    string Tooltip);

/// The map of the points drawn on the server as SVG, with no tiles and no request to anywhere: each point placed by its
/// coordinates or, without them, at its commune's centre (the 2025 communes' centres are kept on AdminUnit), on a plain
/// equirectangular projection scaled to the box around what is drawn; today's communes of the caller's scope faintly
/// drawn for orientation. Only points the caller may see are drawn.
public sealed class PointMap(AppDbContext db, TimeProvider clock)
{
    /// Colours of the quantile classes, light to dark (ColorBrewer's YlGnBu, readable for colour-blind readers).
    public static readonly string[] ClassColors = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

    public static readonly IReadOnlyDictionary<string, string> StatusColors = new Dictionary<string, string>
    {
        ["OnTime"] = "#1a9850",
        ["Late"] = "#fdae61",
        ["Missing"] = "#d73027",
        ["NotYetDue"] = "#74add1",
        ["NotExpected"] = "#d9d9d9",
    };

    private const double Width = 640;
    private const double Pad = 16;

    /// Quantile classes of the values (at most five; fewer where values repeat), each with its upper bound.
    public static IReadOnlyList<decimal> Breaks(IReadOnlyCollection<decimal> values)
    {
        if (values.Count == 0) return [];
        var sorted = values.Order().ToArray();
        var breaks = new List<decimal>();
        for (var q = 1; q <= ClassColors.Length; q++)
        {
            var index = (int)Math.Ceiling(q * sorted.Length / (double)ClassColors.Length) - 1;
            var b = sorted[Math.Clamp(index, 0, sorted.Length - 1)];
            if (breaks.Count == 0 || b > breaks[^1]) breaks.Add(b);
        }
        return breaks;
    }

    public static int ClassOf(decimal value, IReadOnlyList<decimal> breaks)
    {
        for (var i = 0; i < breaks.Count; i++) if (value <= breaks[i]) return i;
        return breaks.Count - 1;
    }

    /// The colour classes spread over the palette: two classes take its ends, not its two lightest colours.
    public static string ColorOf(int cls, int classes) =>
        ClassColors[classes <= 1 ? ClassColors.Length - 1 : (int)Math.Round(cls * (ClassColors.Length - 1) / (double)(classes - 1))];

    public async Task<MapImage> DrawAsync(UserScope scope, IReadOnlyList<MapMark> marks, IReadOnlyList<MapLegendClass> legend,
        string title, CancellationToken ct)
    {
        var today = clock.Today();
        var communes = await db.CommunesOpenTo(scope, today).Where(u => u.Latitude != null && u.Longitude != null)
            .Select(u => new { u.Code, u.Name, Lat = u.Latitude!.Value, Lon = u.Longitude!.Value }).ToListAsync(ct);
        // A point may stand in a commune outside the communes open to its caller's scope (an area's point followed into a
        // merged commune): its centre is looked up among all of today's communes.
        var wanted = marks.Where(m => m.Latitude is null || m.Longitude is null).Select(m => m.CommuneCode).Distinct().ToList();
        var centres = await db.AdminUnits.Where(AdminUnit.ValidOn(today))
            .Where(u => u.Level == AdminLevel.Commune && wanted.Contains(u.Code) && u.Latitude != null && u.Longitude != null)
            .Select(u => new { u.Code, Lat = u.Latitude!.Value, Lon = u.Longitude!.Value }).ToListAsync(ct);
        var centreOf = centres.ToDictionary(c => c.Code, c => (c.Lat, c.Lon));

        // Points at the same commune centre are set around it on a small spiral, so each stays visible and clickable.
        var placed = new List<(MapMark Mark, double Lat, double Lon, int Ring)>();
        var atCentre = new Dictionary<string, int>(StringComparer.Ordinal);
        var unplaced = 0;
        foreach (var m in marks)
        {
            if (m.Latitude is { } lat && m.Longitude is { } lon) placed.Add((m, lat, lon, -1));
            else if (centreOf.TryGetValue(m.CommuneCode, out var c))
            {
                var n = atCentre.GetValueOrDefault(m.CommuneCode);
                atCentre[m.CommuneCode] = n + 1;
                placed.Add((m, c.Lat, c.Lon, n));
            }
            else unplaced++;
        }

        var lats = placed.Select(p => p.Lat).Concat(communes.Select(c => c.Lat)).ToList();
        var lons = placed.Select(p => p.Lon).Concat(communes.Select(c => c.Lon)).ToList();
        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        double minLat = 0, maxLat = 1, minLon = 0, maxLon = 1;
        if (lats.Count > 0)
        {
            (minLat, maxLat, minLon, maxLon) = (lats.Min(), lats.Max(), lons.Min(), lons.Max());
            // A single place still gets a box to stand in.
            if (maxLat - minLat < 0.02) (minLat, maxLat) = (minLat - 0.01, maxLat + 0.01);
            if (maxLon - minLon < 0.02) (minLon, maxLon) = (minLon - 0.01, maxLon + 0.01);
        }
        var kx = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = (Width - 2 * Pad) / ((maxLon - minLon) * kx);
        var mapHeight = Math.Clamp((maxLat - minLat) * scale + 2 * Pad, 160, 900);
        // A box taller than the cap is scaled to fit the height instead.
        scale = Math.Min(scale, (mapHeight - 2 * Pad) / (maxLat - minLat));
        double X(double lon) => Pad + (lon - minLon) * kx * scale;
        double Y(double lat) => Pad + (maxLat - lat) * scale;

        const double legendLine = 20;
        var height = mapHeight + 12 + legend.Count * legendLine + (unplaced > 0 ? legendLine : 0);
        string F(double v) => v.ToString("0.#", inv);
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"point-map\" viewBox=\"0 0 {F(Width)} {F(height)}\" ");
        svg.Append(inv, $"width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append(inv, $"<title>{E(title)}</title>");
        svg.Append(inv, $"<rect x=\"0\" y=\"0\" width=\"{F(Width)}\" height=\"{F(mapHeight)}\" fill=\"#f8f9fa\" stroke=\"#dee2e6\"/>");
        svg.Append("<g class=\"communes\" fill=\"#adb5bd\">");
        foreach (var c in communes)
        {
            svg.Append(inv, $"<rect x=\"{F(X(c.Lon) - 1.5)}\" y=\"{F(Y(c.Lat) - 1.5)}\" width=\"3\" height=\"3\">");
            svg.Append(inv, $"<title>{E(c.Name)}</title></rect>");
        }
        svg.Append("</g><g class=\"points\" stroke=\"#212529\" stroke-width=\"0.7\">");
        foreach (var (m, lat, lon, ring) in placed)
        {
            var (dx, dy) = ring < 0 ? (0.0, 0.0) : Spiral(ring);
            svg.Append(inv, $"<circle cx=\"{F(X(lon) + dx)}\" cy=\"{F(Y(lat) + dy)}\" r=\"5\" fill=\"{m.Color}\" ");
            svg.Append(inv, $"data-point=\"{m.PointId}\">");
            svg.Append(inv, $"<title>{E(m.Tooltip)}</title></circle>");
        }
        svg.Append("</g>");
        var y = mapHeight + 12;
        foreach (var l in legend)
        {
            svg.Append(inv, $"<rect x=\"{F(Pad)}\" y=\"{F(y)}\" width=\"14\" height=\"14\" fill=\"{l.Color}\" ");
            svg.Append("stroke=\"#212529\" stroke-width=\"0.5\"/>");
            svg.Append(inv, $"<text x=\"{F(Pad + 22)}\" y=\"{F(y + 12)}\" ");
            svg.Append("font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"14\" ");
            svg.Append(inv, $"fill=\"#212529\">{E(l.Label)} ({l.Count})</text>");
            y += legendLine;
        }
        if (unplaced > 0)
            svg.Append(inv, $"<text x=\"{F(Pad)}\" y=\"{F(y + 12)}\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"13\" "
                + $"fill=\"#6c757d\" class=\"unplaced\" data-count=\"{unplaced}\">{E(UnplacedNote(unplaced))}</text>");
        svg.Append("</svg>");
        return new MapImage(svg.ToString(), placed.Count, unplaced, legend,
            lats.Count > 0 ? (minLat + maxLat) / 2 : null, lats.Count > 0 ? (minLon + maxLon) / 2 : null);
    }

    private static string UnplacedNote(int n) => string.Format(CultureInfo.InvariantCulture,
        Infrastructure.Localization.Text.Get("Dashboard.MapUnplaced", CultureInfo.CurrentUICulture), n);

    /// The n-th place around a centre: six on the first ring of 9 units, twelve on the next, and so on.
    private static (double, double) Spiral(int n)
    {
        if (n == 0) return (0, 0);
        var ring = 1;
        var index = n - 1;
        while (index >= ring * 6) { index -= ring * 6; ring++; }
        var angle = 2 * Math.PI * index / (ring * 6);
        return (Math.Cos(angle) * 9 * ring, Math.Sin(angle) * 9 * ring);
    }

    private static string E(string s) => WebUtility.HtmlEncode(XmlChars.Clean(s));
}
