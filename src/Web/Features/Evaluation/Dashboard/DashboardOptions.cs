namespace Bookpost.Web.Features.Evaluation.Dashboard;

/// The dashboard's own settings, read from the Evaluation section beside <see cref="EvaluationOptions"/>.
public sealed class DashboardOptions
{
    /// A tiled web map to open the drawn map's area in, as a URL with {lat}, {lon} and {zoom} where they go (for example an
    /// office's own tile server). Empty by default: the map is then drawn from the points' coordinates alone and the page
    /// makes no request anywhere.
    public string? TileServerUrl { get; set; }

    /// The link to the tiled map centred on a place, or null when no tile server is set.
    public string? TileLink(double? lat, double? lon)
    {
        if (string.IsNullOrWhiteSpace(TileServerUrl) || lat is null || lon is null) return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return TileServerUrl.Replace("{lat}", lat.Value.ToString("0.#####", inv), StringComparison.Ordinal)
            .Replace("{lon}", lon.Value.ToString("0.#####", inv), StringComparison.Ordinal)
            .Replace("{zoom}", "9", StringComparison.Ordinal);
    }
}
