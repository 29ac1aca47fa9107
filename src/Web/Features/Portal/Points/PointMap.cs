using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Bookpost.Web.Features.Portal.Points;

/// The point page's mini map: an SVG drawn from coordinates alone (no tiles, no script), north up. The point in the
/// middle, the other points within <see cref="PointFacts.NearbyKm"/> as small dots, a 5 km scale bar and a north mark.
/// Whole pixels only, so the picture stays a few hundred bytes even with forty dots.
public static class PointMap
{
    /// Pixels per kilometre: the 240 × 180 picture spans 24 km by 18 km.
    public const int PixelsPerKm = 10;
    private const int HalfWidth = 120, HalfHeight = 90;

    /// Vietnamese letters as they are, like the app's pages (the default encoder would spell each as an entity).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Svg(double lat, double lon, IEnumerable<NearbyPoint> nearby, string title, string north)
    {
        var kmPerLon = 111.32 * Math.Cos(lat * Math.PI / 180);
        var svg = new StringBuilder(1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"map\" viewBox=\"{-HalfWidth} {-HalfHeight} {2 * HalfWidth} {2 * HalfHeight}\"")
            .Append(" role=\"img\" aria-labelledby=\"map-t\">");
        svg.Append("<title id=\"map-t\">").Append(Html.Encode(title)).Append("</title>");
        foreach (var p in nearby)
        {
            var x = (int)Math.Round((p.Longitude - lon) * kmPerLon * PixelsPerKm);
            var y = (int)Math.Round((lat - p.Latitude) * 110.57 * PixelsPerKm);
            if (Math.Abs(x) > HalfWidth - 4 || Math.Abs(y) > HalfHeight - 4) continue;
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"near\" cx=\"{x}\" cy=\"{y}\" r=\"3\"/>");
        }
        svg.Append("<circle class=\"here\" r=\"6\"/>");
        // 5 km scale bar bottom left, north mark top right.
        svg.Append(CultureInfo.InvariantCulture,
            $"<path class=\"bar\" d=\"M-110 80h{5 * PixelsPerKm}M-110 76v8M{-110 + 5 * PixelsPerKm} 76v8\"/>");
        svg.Append("<text x=\"-110\" y=\"72\">5 km</text>");
        svg.Append("<path class=\"north\" d=\"M108-86l6 14h-12z\"/>");
        svg.Append("<text x=\"108\" y=\"-60\" text-anchor=\"middle\">").Append(Html.Encode(north)).Append("</text>");
        return svg.Append("</svg>").ToString();
    }

    /// Coordinates in links: five decimals (about a metre), invariant culture.
    public static string Coordinate(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    public static string GeoLink(double lat, double lon) => $"geo:{Coordinate(lat)},{Coordinate(lon)}";

    public static string OsmLink(double lat, double lon) =>
        $"https://www.openstreetmap.org/?mlat={Coordinate(lat)}&mlon={Coordinate(lon)}#map=15/{Coordinate(lat)}/{Coordinate(lon)}";
}
