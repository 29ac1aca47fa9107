namespace Bookpost.Web.Features.Reports;

/// <summary>A point the caller may count, with the district its commune belonged to on the map of a given day.</summary>
public sealed record MappedPoint(int Id, string Name, string District);

/// <summary>
/// What Reports needs to know of the network, answered by the network feature (which implements and registers it):
/// the points a caller may count and where each stood on the map of a day. Reports groups figures with it and reads no
/// other feature's tables, so it depends on no feature.
/// </summary>
public interface IPointGroups
{
    /// <summary>
    /// The points visible to the caller today, each with its district on the map of <paramref name="mapDay"/>; a commune
    /// created since then falls back to its district today, and "" when neither map knows it.
    /// </summary>
    Task<IReadOnlyList<MappedPoint>> PointsAsync(UserScope scope, DateOnly mapDay, CancellationToken ct);

    /// <summary>Every district's latest name, by code.</summary>
    Task<IReadOnlyDictionary<string, string>> DistrictNamesAsync(CancellationToken ct);
}

/// <summary>The groups each point counts towards at a grouping level, and the columns they make (key to name).</summary>
public sealed record PointGrouping(IReadOnlyDictionary<int, string[]> GroupsOf, IReadOnlyDictionary<string, string> Columns)
{
    public const string TotalKey = "*";

    /// <summary>
    /// Every point counts towards the whole scope (<see cref="TotalKey"/>) and, below province level, towards its
    /// district or itself.
    /// </summary>
    public static PointGrouping Of(IEnumerable<MappedPoint> points, GroupLevel level, IReadOnlyDictionary<string, string> districtNames)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        var groupsOf = new Dictionary<int, string[]>();
        foreach (var p in points)
        {
            var group = level switch
            {
                GroupLevel.District => p.District,
                GroupLevel.Point => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            if (group is not null)
            {
                columns.TryAdd(group, level == GroupLevel.Point ? p.Name : districtNames.GetValueOrDefault(p.District, p.District));
                groupsOf[p.Id] = [group, TotalKey];
            }
            else groupsOf[p.Id] = [TotalKey];
        }
        return new PointGrouping(groupsOf, columns);
    }
}
