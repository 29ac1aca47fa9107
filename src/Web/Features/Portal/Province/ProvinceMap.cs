using System.Globalization;
using System.Net;
using System.Text;
using Bookpost.Web.Features.Network;

namespace Bookpost.Web.Features.Portal.Province;

/// The map of all points as one small SVG, no tile server: an equirectangular projection (longitude shrunk by the cosine
/// of the middle latitude, so shapes are not stretched) fitted to the points' bounding box in a viewBox 1000 wide.
/// Each status is one path of tiny squares written with relative moves in tenths of a unit, so the 10,000-point
/// national network stays a file of a few hundred kilobytes before compression and far less after. Closed points are
/// left off: they serve no one. Points without coordinates cannot be drawn; the page says how many.
public sealed class ProvinceMap
{
    public const int Width = 1000;
    private const double Margin = 12;

    /// Active and suspended points, in the order the paths are drawn; the page's legend uses the same classes.
    public static readonly ServicePointStatus[] Drawn = [ServicePointStatus.Active, ServicePointStatus.Suspended];

    private static readonly Dictionary<ServicePointStatus, string> s_fill = new()
    {
        [ServicePointStatus.Active] = "#0b5394",
        [ServicePointStatus.Suspended] = "#c0392b",
    };

    private readonly List<(ServicePointStatus Status, int X, int Y)> _marks = [];

    public int Height { get; }

    /// The side of a mark in the viewBox's units: larger when there are few points, never under 2.
    public double MarkSize { get; }

    public int Marked(ServicePointStatus status) => _marks.Count(m => m.Status == status);

    public int Unmapped { get; }

    public ProvinceMap(IEnumerable<ProvincePoint> points)
    {
        var drawn = points.Where(p => Drawn.Contains(p.Status)).ToList();
        var located = drawn.Where(p => p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180).ToList();
        Unmapped = drawn.Count - located.Count;
        if (located.Count == 0)
        {
            Height = Width / 2;
            MarkSize = 2;
            return;
        }
        var (south, north) = (located.Min(p => p.Latitude!.Value), located.Max(p => p.Latitude!.Value));
        var (west, east) = (located.Min(p => p.Longitude!.Value), located.Max(p => p.Longitude!.Value));
        var shrink = Math.Cos((south + north) / 2 * Math.PI / 180);
        // A box of at least 0.05° each way: one point, or points on a line, still make a map.
        var spanX = Math.Max((east - west) * shrink, 0.05);
        var spanY = Math.Max(north - south, 0.05);
        var scale = (Width - 2 * Margin) / spanX;
        // Tall shapes (the national network) are kept within twice the width, scaled down to fit.
        scale = Math.Min(scale, (2 * Width - 2 * Margin) / spanY);
        var centreX = (west + east) / 2 * shrink;
        var centreY = (south + north) / 2;
        Height = (int)Math.Ceiling(spanY * scale + 2 * Margin);
        MarkSize = Math.Clamp(Math.Round(0.12 * Math.Sqrt((double)Width * Height / located.Count), 1), 2, 10);
        var half = MarkSize / 2;
        foreach (var p in located)
        {
            var x = Width / 2.0 + (p.Longitude!.Value * shrink - centreX) * scale - half;
            var y = Height / 2.0 - (p.Latitude!.Value - centreY) * scale - half;
            // Kept in tenths as integers: the relative moves add up exactly.
            _marks.Add((p.Status, (int)Math.Round(x * 10), (int)Math.Round(y * 10)));
        }
    }

    /// The SVG document. <paramref name="title"/> is its accessible name (escaped here).
    public string ToSvg(string title)
    {
        var sb = new StringBuilder(64 + _marks.Count * 16);
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\"");
        sb.Append(" role=\"img\">");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#eef3f8\"/>");
        var size = Tenths((int)Math.Round(MarkSize * 10));
        foreach (var status in Drawn)
        {
            var marks = _marks.Where(m => m.Status == status).OrderBy(m => m.Y).ThenBy(m => m.X).ToList();
            if (marks.Count == 0) continue;
            sb.Append("<path fill=\"").Append(s_fill[status]).Append("\" class=\"").Append(status.ToString().ToLowerInvariant())
                .Append("\" d=\"");
            // After "z" the pen is back at the square's corner: each move is from the previous corner.
            var (x, y) = (0, 0);
            foreach (var m in marks)
            {
                sb.Append('m').Append(Tenths(m.X - x));
                var dy = Tenths(m.Y - y);
                if (dy[0] != '-') sb.Append(' ');
                sb.Append(dy).Append('h').Append(size).Append('v').Append(size).Append("h-").Append(size).Append('z');
                (x, y) = (m.X, m.Y);
            }
            sb.Append("\"/>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// A number of tenths written as the shortest decimal: 25 → "2.5", 30 → "3", -4 → "-.4".
    private static string Tenths(int tenths)
    {
        var text = (tenths / 10m).ToString("0.#", CultureInfo.InvariantCulture);
        return text.StartsWith("0.", StringComparison.Ordinal) ? text[1..]
            : text.StartsWith("-0.", StringComparison.Ordinal) ? "-" + text[2..] : text;
    }
}
