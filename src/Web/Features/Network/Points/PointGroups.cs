using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Network.Points;

/// <summary>
/// The network's answer to Reports: the visible points and where each stood on the map of a day, read from the points'
/// commune history (<see cref="PointCommune"/>), the unit versions and their successions. Every point gets one commune,
/// one district and one area at most, so each counts in exactly one column at any level.
/// </summary>
public sealed class PointGroups(AppDbContext db, TimeProvider clock, AdminMapCache maps) : IPointGroups
{
    public async Task<IReadOnlyList<MappedPoint>> PointsAsync(UserScope scope, DateOnly mapDay, CancellationToken ct)
    {
        // Who may be counted is decided on today's tree (as for every read); where a point counts, on the day's.
        var today = clock.Today();
        var visible = db.ServicePoints.VisibleTo(db, scope, today);
        var points = await visible.Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var ids = visible.Select(p => p.Id);
        var rows = (await db.PointCommunes.Where(l => ids.Contains(l.ServicePointId))
                .Select(l => new Row(l.ServicePointId, l.CommuneCode, l.ValidFrom, l.ValidTo)).ToListAsync(ct))
            .ToLookup(r => r.PointId);
        var map = await MapAsync(ct);
        // The area is the one rule every feature uses for a point's former district (PointAreas), named as on its last day.
        var database = db.Database.GetConnectionString() ?? "";
        var rules = await maps.GetAsync($"{database}|areas|{(today < AdminUnit.TwoTierSince ? today : AdminUnit.TwoTierSince)}",
            c => PointAreas.RulesAsync(db, today, c), ct);
        var areas = await PointAreas.AreaKeysAsync(db, today, ct, visible, rules);
        var areaDay = today < AdminUnit.TwoTierSince ? today : AdminUnit.LastThreeTierDay;
        return points.Select(p =>
        {
            var history = rows[p.Id].OrderBy(r => r.From ?? DateOnly.MinValue).ToList();
            var commune = map.CommuneOn(history, mapDay);
            var area = areas.GetValueOrDefault(p.Id) is { Length: > 0 } code ? map.District(code, areaDay) : null;
            return new MappedPoint(p.Id, p.Name, Unit(map.DistrictOf(commune, mapDay)), Unit(area), Unit(commune));
        }).ToList();
    }

    public Task<bool> HasDistrictsAsync(DateOnly mapDay, CancellationToken ct) =>
        db.AdminUnits.Where(AdminUnit.ValidOn(mapDay)).AnyAsync(u => u.Level == AdminLevel.District, ct);

    private static MapUnit? Unit(Version? v) => v is null ? null : new MapUnit(v.Code, v.Name);

    /// The map is read once and kept until a unit or succession is saved (<see cref="AdminMapCache"/>); the points and
    /// their commune history are read on every call, so a point moved to another commune counts there at once.
    private Task<Map> MapAsync(CancellationToken ct) => maps.GetAsync($"{db.Database.GetConnectionString()}|map", ReadMapAsync, ct);

    private async Task<Map> ReadMapAsync(CancellationToken ct)
    {
        var units = await db.AdminUnits.Where(u => u.Level != AdminLevel.Province)
            .Select(u => new Version(u.Id, u.Code, u.Name, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo)).ToListAsync(ct);
        var links = await db.AdminUnitSuccessions.OrderBy(s => s.Id)
            .Select(s => new Link(s.PredecessorId, s.SuccessorId, s.EffectiveOn)).ToListAsync(ct);
        return new Map(units, links);
    }

    private sealed record Row(int PointId, string Code, DateOnly? From, DateOnly? To)
    {
        public bool IsValidOn(DateOnly day) => (From is null || From <= day) && (To is null || To > day);
    }

    private sealed record Version(int Id, string Code, string Name, AdminLevel Level, string? ParentCode, DateOnly? From, DateOnly? To)
    {
        public bool IsValidOn(DateOnly day) => (From is null || From <= day) && (To is null || To > day);
    }

    private sealed record Link(int PredecessorId, int SuccessorId, DateOnly On);

    /// The administrative history in memory, with the rules that place a point on the map of a day.
    private sealed class Map(IReadOnlyList<Version> units, IReadOnlyList<Link> links)
    {
        private readonly ILookup<(string, AdminLevel), Version> _byCode = units.ToLookup(u => (u.Code, u.Level));
        private readonly Dictionary<int, Version> _byId = units.ToDictionary(u => u.Id);
        private readonly ILookup<int, int> _predecessors = links.ToLookup(l => l.SuccessorId, l => l.PredecessorId);
        private readonly ILookup<int, int> _successors = links.ToLookup(l => l.PredecessorId, l => l.SuccessorId);

        private Version? On(string code, AdminLevel level, DateOnly day) => _byCode[(code, level)].FirstOrDefault(u => u.IsValidOn(day));

        /// The version a row names: the one valid on a day of the row (its first, or the day asked for when the row reaches
        /// back before our records); a row left in a unit that ended without a successor names that unit's last version.
        private Version? Named(Row row, DateOnly day) =>
            On(row.Code, AdminLevel.Commune, day)
            ?? _byCode[(row.Code, AdminLevel.Commune)].Where(u => u.From is null || u.From <= day).MaxBy(u => u.From ?? DateOnly.MinValue);

        /// The point's commune on the map of a day: the commune of its row valid that day. A point with no row that day
        /// (opened later) takes the unit of that day linked to its earliest commune, nearest in the chain of successions
        /// and first in recorded order; null when no chain reaches that day's map.
        public Version? CommuneOn(IReadOnlyList<Row> history, DateOnly day)
        {
            if (history.FirstOrDefault(r => r.IsValidOn(day)) is { } row)
            {
                var named = Named(row, day);
                if (named is null || named.IsValidOn(day)) return named;
                // The row outlived its unit (an ended commune no one moved the point out of): follow the unit if it can be.
                return Nearest(named, day, _successors).FirstOrDefault() ?? named;
            }
            if (history.Count == 0) return null;
            var first = history[0];
            var start = first.From ?? day;
            var earliest = Named(first, start);
            if (earliest is null) return null;
            if (earliest.IsValidOn(day)) return earliest;
            return Nearest(earliest, day, earliest.From > day ? _predecessors : _successors).FirstOrDefault();
        }

        /// The district of a commune version on a day (for a version that has ended, on its last day); null on a map
        /// without districts.
        public Version? DistrictOf(Version? commune, DateOnly day)
        {
            if (commune?.ParentCode is not { } parent) return null;
            var onDay = commune.IsValidOn(day) ? day : commune.To is { } to ? to.AddDays(-1) : day;
            return On(parent, AdminLevel.District, onDay);
        }

        /// A district's version on a day.
        public Version? District(string code, DateOnly day) => On(code, AdminLevel.District, day);

        /// The versions valid on a day reached from a version through links in one direction, at the fewest steps that
        /// reach any, in the order the links were recorded.
        private List<Version> Nearest(Version from, DateOnly day, ILookup<int, int> direction) =>
            // The map is kept between calls and every point of a commune asks the same walk: each is done once.
            _nearest.GetOrAdd((from.Id, day, direction == _predecessors), _ => Walk(from, day, direction));

        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, DateOnly, bool), List<Version>> _nearest = new();

        private List<Version> Walk(Version from, DateOnly day, ILookup<int, int> direction)
        {
            var seen = new HashSet<int> { from.Id };
            var level = new List<int> { from.Id };
            while (level.Count > 0)
            {
                var next = level.SelectMany(id => direction[id]).Where(seen.Add).ToList();
                var found = next.Select(id => _byId.GetValueOrDefault(id)).OfType<Version>()
                    .Where(v => v.Level == AdminLevel.Commune && v.IsValidOn(day)).ToList();
                if (found.Count > 0) return found;
                level = next;
            }
            return [];
        }
    }
}
