using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Rotation;

/// Reads what the planner needs from the database: the library, the due points with what they had within the
/// window, and the sets free to travel.
public sealed class RotationPlanning(AppDbContext db, TimeProvider clock, IOptions<RotationOptions> options)
{
    public sealed record Built(PlanInput Input, IReadOnlyDictionary<int, string> PointNames);

    // A request that edits a plan and then shows it reads the same input twice; it does not depend on the cycle's own
    // assignments, so it is kept for the request (this class is scoped).
    private readonly Dictionary<int, Built> _built = [];

    public async Task<Built> BuildInputAsync(RotationCycle cycle, CancellationToken ct)
    {
        if (_built.TryGetValue(cycle.Id, out var known)) return known;
        return _built[cycle.Id] = await ReadInputAsync(cycle, ct);
    }

    private async Task<Built> ReadInputAsync(RotationCycle cycle, CancellationToken ct)
    {
        var today = clock.Today();
        var library = await db.ServicePoints.SingleAsync(p => p.Id == cycle.LibraryId, ct);
        // Places are keyed by former district (area): since 1 July 2025 every commune's parent is the province.
        var areas = await PointAreas.AreaKeysAsync(db, today, ct);
        var libraryArea = areas.GetValueOrDefault(library.Id, "");
        var candidates = db.ServicePoints.Where(p => p.Status == ServicePointStatus.Active
            && (p.Kind == ServicePointKind.PostCulturePoint || p.Kind == ServicePointKind.CommuneLibrary
                || p.Kind == ServicePointKind.ReadingRoom));
        // A district library serves its former district's area (see PointScope.InArea); the provincial library the province.
        if (library.Kind != ServicePointKind.ProvincialLibrary) candidates = candidates.InArea(db, libraryArea, today);
        var points = await candidates.Select(p => new { p.Id, p.Name, p.Latitude, p.Longitude }).ToListAsync(ct);
        var capacities = await db.PointRotationSettings.ToDictionaryAsync(s => s.PointId, s => s.Capacity, ct);
        // Sets that stay at a point past this cycle keep the point busy; not those that would by then have stayed longer
        // than a set may (Thông tư 33/2018: 6 months), whatever their planned date: the planner moves them on.
        var stayFrom = cycle.EndsOn.AddMonths(-options.Value.MaxStayMonths);
        var staying = await db.RotationAssignments
            .Where(a => a.Status == AssignmentStatus.Received && a.DueBackOn > cycle.EndsOn && a.DispatchOn > stayFrom)
            .GroupBy(a => a.PointId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var (counts, windowStart) = await WindowStartAsync(cycle, ct);
        var pointIds = points.Select(p => p.Id).ToList();
        var history = new Dictionary<int, HashSet<int>>();
        if (counts)
        {
            var journeys = db.ShipmentItems
                .Join(db.Shipments, si => si.ShipmentId, s => s.Id, (si, s) => new { s.ToId, s.DispatchedAt, si.TitleId })
                .Where(x => pointIds.Contains(x.ToId));
            if (windowStart is { } from) journeys = journeys.Where(x => x.DispatchedAt >= from);
            var rows = await journeys.Select(x => new { x.ToId, x.TitleId }).Distinct().ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!history.TryGetValue(r.ToId, out var set)) history[r.ToId] = set = [];
                set.Add(r.TitleId);
            }
        }

        var plannedElsewhere = db.RotationAssignments.Where(a => a.CycleId != cycle.Id && a.Status == AssignmentStatus.Planned)
            .Select(a => a.SetId);
        var sets = await db.RotationSets
            .Where(s => s.OwnerId == cycle.LibraryId && !s.Reserved && !plannedElsewhere.Contains(s.Id)
                && (s.Status == SetStatus.Ready || s.Status == SetStatus.Home || s.Status == SetStatus.AtPoint))
            .Where(s => s.Status != SetStatus.AtPoint || !db.RotationAssignments
                .Any(a => a.SetId == s.Id && a.Status == AssignmentStatus.Received && a.DueBackOn > cycle.EndsOn
                    && a.DispatchOn > stayFrom))
            .Select(s => new { s.Id, s.Status, s.LocationId, Titles = s.Items.Select(i => i.Item.TitleId).ToList() })
            .ToListAsync(ct);
        var places = await db.ServicePoints.Where(p => sets.Select(s => s.LocationId).Contains(p.Id))
            .Select(p => new { p.Id, p.Latitude, p.Longitude }).ToDictionaryAsync(p => p.Id, ct);

        Place PlaceOf(int pointId, double? lat, double? lon) => new(lat, lon, areas.GetValueOrDefault(pointId, ""));
        var input = new PlanInput(
            PlaceOf(library.Id, library.Latitude, library.Longitude),
            points.Select(p => new PlanPoint(p.Id, PlaceOf(p.Id, p.Latitude, p.Longitude),
                Math.Max(0, capacities.GetValueOrDefault(p.Id, 1) - staying.GetValueOrDefault(p.Id)),
                history.TryGetValue(p.Id, out var h) ? h : new HashSet<int>())).ToList(),
            sets.Where(s => s.Titles.Count > 0).Select(s =>
            {
                var at = places[s.LocationId];
                var holder = s.Status == SetStatus.AtPoint ? s.LocationId : (int?)null;
                return new PlanSet(s.Id, holder, PlaceOf(at.Id, at.Latitude, at.Longitude),
                    s.Titles.Distinct().Order().ToList());
            }).ToList());
        return new Built(input, points.ToDictionary(p => p.Id, p => p.Name));
    }

    /// The window starts with the earliest of the library's N cycles before this one. A window of 0 counts nothing;
    /// with fewer cycles on record than the window, everything the points ever had counts (no start).
    private async Task<(bool Counts, DateTime? From)> WindowStartAsync(RotationCycle cycle, CancellationToken ct)
    {
        if (cycle.RepeatWindow == 0) return (false, null);
        var earlier = await db.RotationCycles.Where(c => c.LibraryId == cycle.LibraryId && c.StartsOn < cycle.StartsOn)
            .OrderByDescending(c => c.StartsOn).Take(cycle.RepeatWindow).Select(c => c.StartsOn).ToListAsync(ct);
        if (earlier.Count < cycle.RepeatWindow) return (true, null);
        return (true, earlier.Min().ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7));
    }

    public async Task<(int Repeats, double DistanceKm, RouteKind Route)> FiguresAsync(RotationCycle cycle, RotationSet set,
        ServicePoint point, CancellationToken ct)

    {
        var built = await BuildInputAsync(cycle, ct);
        var planPoint = built.Input.Points.FirstOrDefault(p => p.Id == point.Id);
        var planSet = built.Input.Sets.FirstOrDefault(s => s.Id == set.Id);
        if (planSet is null) return (0, 0, RouteKind.FromLibrary);
        var history = planPoint?.History ?? new HashSet<int>();
        var place = planPoint?.Place ?? built.Input.Library;
        var route = Planner.Route(built.Input.Library, planSet, place);
        return (planSet.Titles.Count(history.Contains), Math.Round(route.Km, 2), route.Kind);
    }

    public async Task<IReadOnlyList<PointRef>> UnservedAsync(int cycleId, CancellationToken ct)
    {
        var cycle = await db.RotationCycles.SingleAsync(c => c.Id == cycleId, ct);
        var built = await BuildInputAsync(cycle, ct);
        var served = await db.RotationAssignments.Where(a => a.CycleId == cycleId).Select(a => a.PointId).ToListAsync(ct);
        return built.Input.Points.Where(p => p.Capacity > 0 && !served.Contains(p.Id))
            .OrderBy(p => built.PointNames[p.Id], StringComparer.Ordinal)
            .Select(p => new PointRef(p.Id, built.PointNames[p.Id])).ToList();
    }
}
