namespace Bookpost.Web.Features.Reports;

/// <summary>A unit a point is grouped under on a map: its code (key of the column) and its name.</summary>
public sealed record MapUnit(string Code, string Name);

/// <summary>
/// A point the caller may count and where it stood on the map of a given day: its commune and that commune's district
/// on that day (null when the map has no districts, or the point cannot be placed on that map), and its area, the
/// former district (huyện cũ) it belonged to on 30/06/2025, which is the same on every map.
/// </summary>
public sealed record MappedPoint(int Id, string Name, MapUnit? District, MapUnit? Area, MapUnit? Commune);

/// <summary>
/// What Reports needs to know of the network, answered by the network feature (which implements and registers it):
/// the points a caller may count and where each stood on the map of a day. Reports groups figures with it and reads no
/// other feature's tables, so it depends on no feature.
/// </summary>
public interface IPointGroups
{
    /// <summary>
    /// The points visible to the caller today, each placed on the map of <paramref name="mapDay"/> by its commune history
    /// (see docs/architecture.md, "Two-tier map (issue 16): reports on either map").
    /// </summary>
    Task<IReadOnlyList<MappedPoint>> PointsAsync(UserScope scope, DateOnly mapDay, CancellationToken ct);

    /// <summary>Whether the map of a day has a district level (the two-tier map of 1 July 2025 has none).</summary>
    Task<bool> HasDistrictsAsync(DateOnly mapDay, CancellationToken ct);
}

/// <summary>The groups each point counts towards at a grouping level, and the columns they make (key to name).</summary>
public sealed record PointGrouping(IReadOnlyDictionary<int, string[]> GroupsOf, IReadOnlyDictionary<string, string> Columns)
{
    public const string TotalKey = "*";

    /// <summary>The column of the points a level cannot place (a point opened later in a unit with no link to that map).</summary>
    public const string UnknownKey = "?";

    /// <summary>
    /// Every point counts towards the whole scope (<see cref="TotalKey"/>) and, below province level, towards exactly one
    /// group: its district, area, commune, itself, or <see cref="UnknownKey"/>. One group each is what makes the columns of
    /// any map add up to the same total. Area columns are named with <paramref name="areaName"/> ("Khu vực {0}").
    /// </summary>
    public static PointGrouping Of(IEnumerable<MappedPoint> points, GroupLevel level, string unknownName,
        Func<string, string>? areaName = null)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        var groupsOf = new Dictionary<int, string[]>();
        foreach (var p in points)
        {
            var group = level switch
            {
                GroupLevel.District => Column(p.District, false),
                GroupLevel.Area => Column(p.Area, true),
                GroupLevel.Commune => Column(p.Commune, false),
                GroupLevel.Point => (p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name),
                _ => ((string Key, string Name)?)null,
            };
            if (group is { } g)
            {
                columns.TryAdd(g.Key, g.Name);
                groupsOf[p.Id] = [g.Key, TotalKey];
            }
            else groupsOf[p.Id] = [TotalKey];
        }
        return new PointGrouping(groupsOf, columns);

        (string Key, string Name)? Column(MapUnit? unit, bool area) => unit is null
            ? (UnknownKey, unknownName)
            : (unit.Code, area && areaName is not null ? areaName(unit.Name) : unit.Name);
    }
}
