namespace Bookpost.Web.Features.Rotation;

/// A place on the map: coordinates where known, otherwise only its district.
public readonly record struct Place(double? Latitude, double? Longitude, string District)
{
    /// Nominal road distances used when either end has no coordinates.
    public const double SameDistrictKm = 15, OtherDistrictKm = 60;

    public double DistanceTo(Place other)
    {
        if (Latitude is { } la1 && Longitude is { } lo1 && other.Latitude is { } la2 && other.Longitude is { } lo2)
            return GeoDistance.Km(la1, lo1, la2, lo2);
        return District == other.District ? SameDistrictKm : OtherDistrictKm;
    }
}

/// A point that is due for a set. History holds the titles it had within the repeat window; Capacity is how many
/// sets it takes this cycle.
public sealed record PlanPoint(int Id, Place Place, int Capacity, IReadOnlySet<int> History);

/// A set that may travel this cycle. HolderPointId is the point holding it now, or null when it is at the library.
public sealed record PlanSet(int Id, int? HolderPointId, Place Location, IReadOnlyList<int> Titles);

public sealed record PlanInput(Place Library, IReadOnlyList<PlanPoint> Points, IReadOnlyList<PlanSet> Sets);

public sealed record PlannedMove(int SetId, int PointId, int? FromPointId, RouteKind Route, int Repeats, int NewTitles, double DistanceKm);

public sealed record PlanScore(int PointsDue, int PointsServed, int Repeats, int RepeatsAvoided, double DistanceKm);

public sealed record Plan(IReadOnlyList<PlannedMove> Moves, IReadOnlyList<int> Unserved, PlanScore Score);

/// Proposes which set goes to which point. In order of priority, a plan:
///  1. serves as many due points as possible with a set none of whose titles the point had within the window
///     (a maximum matching over those pairs, found with augmenting paths);
///  2. gives each point still unserved the free set with the fewest repeats that still brings it something new;
///  3. keeps the total distance low: pairs are tried nearest first, and then pairs of moves are swapped while that
///     shortens the total without adding a repeat.
/// A set held by a point travels point to point when that is shorter than going back through the library.
/// The same input always gives the same plan: every choice breaks ties by id.
public static class Planner
{
    /// How many of the nearest repeat-free sets each point considers in the matching; a point that finds none among
    /// them looks at every free set before it accepts a repeat.
    public const int Candidates = 48;

    public static Plan Propose(PlanInput input)
    {
        var points = input.Points.Where(p => p.Capacity > 0).OrderBy(p => p.Id).ToArray();
        var sets = input.Sets.OrderBy(s => s.Id).ToArray();
        // A point taking two sets is two slots of the same point.
        var slots = points.SelectMany((p, i) => Enumerable.Repeat(i, p.Capacity)).ToArray();
        var repeats = new RepeatCounter(points, sets);

        var slotsOf = new List<int>[points.Length];
        for (var pi = 0; pi < points.Length; pi++) slotsOf[pi] = [];
        for (var s = 0; s < slots.Length; s++) slotsOf[slots[s]].Add(s);

        // Distances to and from the library are computed once; a pair then costs at most one more.
        var libraryToPoint = points.Select(p => input.Library.DistanceTo(p.Place)).ToArray();
        var setToLibrary = sets.Select(st => st.HolderPointId is null ? 0 : st.Location.DistanceTo(input.Library)).ToArray();
        double Distance(int pi, int si) => sets[si].HolderPointId is null
            ? libraryToPoint[pi]
            : Math.Min(sets[si].Location.DistanceTo(points[pi].Place), setToLibrary[si] + libraryToPoint[pi]);

        // Candidate lists: for each point, its nearest sets with no repeat (never the set it holds). The repeats of
        // the nearest set of all are what a plan blind to history would have brought back.
        var candidates = new int[points.Length][];
        var blindRepeats = new int[points.Length];
        var best = new (double D, int Si)[Candidates];
        for (var pi = 0; pi < points.Length; pi++)
        {
            var p = points[pi];
            var count = 0;
            var nearest = (D: double.MaxValue, Si: -1);
            for (var si = 0; si < sets.Length; si++)
            {
                if (sets[si].HolderPointId == p.Id) continue;
                var d = Distance(pi, si);
                if (d < nearest.D) nearest = (d, si);
                if (repeats.Count(pi, si) != 0) continue;
                // Keep the K nearest in order; sets come in id order, so equal distances keep the lower id first.
                if (count == Candidates && d >= best[count - 1].D) continue;
                var at = count < Candidates ? count++ : count - 1;
                while (at > 0 && best[at - 1].D > d) { best[at] = best[at - 1]; at--; }
                best[at] = (d, si);
            }
            candidates[pi] = best.Take(count).Select(b => b.Si).ToArray();
            blindRepeats[pi] = nearest.Si < 0 ? 0 : repeats.Count(pi, nearest.Si);
        }

        var setOfSlot = Enumerable.Repeat(-1, slots.Length).ToArray();
        var slotOfSet = Enumerable.Repeat(-1, sets.Length).ToArray();
        var free = sets.Length;

        // Every point's first slot is served before any point's second: a second set for one point never leaves
        // another point without one.
        var tierOf = new int[slots.Length];
        foreach (var list in slotsOf)
            for (var k = 0; k < list.Count; k++) tierOf[list[k]] = k;
        var visited = new bool[sets.Length];
        var onPath = new bool[points.Length];
        for (var tier = 0; tier <= (slots.Length == 0 ? -1 : tierOf.Max()); tier++)
        {
            var tierSlots = Enumerable.Range(0, slots.Length).Where(x => tierOf[x] == tier).ToArray();
            // 1a. Greedy, nearest pairs first.
            var pairs = new List<(double d, int slot, int si)>();
            foreach (var s in tierSlots)
                foreach (var si in candidates[slots[s]]) pairs.Add((Distance(slots[s], si), s, si));
            pairs.Sort((a, b) => a.d != b.d ? a.d.CompareTo(b.d)
                : a.slot != b.slot ? a.slot.CompareTo(b.slot)
                : sets[a.si].Id.CompareTo(sets[b.si].Id));
            foreach (var (_, s, si) in pairs)
            {
                if (setOfSlot[s] >= 0 || slotOfSet[si] >= 0 || HoldsTitlesOf(s, si)) continue;
                Match(s, si);
            }

            // 1b. Augmenting paths: an unserved slot takes a set from another slot that can move on to a free one.
            // A failed search marks sets from which no path exists; that stays true until the matching changes.
            Array.Clear(visited);
            foreach (var s in tierSlots)
            {
                if (FreeSets() == 0) break;
                if (setOfSlot[s] >= 0) continue;
                if (Augment(s, visited, 0)) Array.Clear(visited);
            }

            // 1c. Beyond the candidate lists: any free repeat-free set, nearest first.
            foreach (var s in tierSlots)
            {
                if (FreeSets() == 0) break;
                if (setOfSlot[s] >= 0) continue;
                var pi = slots[s];
                var pick = -1;
                for (var si = 0; si < sets.Length; si++)
                {
                    if (slotOfSet[si] >= 0 || sets[si].HolderPointId == points[pi].Id || repeats.Count(pi, si) != 0
                        || HoldsTitlesOf(s, si)) continue;
                    if (pick < 0 || Distance(pi, si) < Distance(pi, pick)) pick = si;
                }
                if (pick >= 0) Match(s, pick);
            }

            // 2. Fewest repeats for the rest, as long as the set brings the point at least one new title.
            foreach (var s in tierSlots)
            {
                if (FreeSets() == 0) break;
                if (setOfSlot[s] >= 0) continue;
                var pi = slots[s];
                var pick = -1;
                for (var si = 0; si < sets.Length; si++)
                {
                    if (slotOfSet[si] >= 0 || sets[si].HolderPointId == points[pi].Id || HoldsTitlesOf(s, si)) continue;
                    var r = repeats.Count(pi, si);
                    if (r >= sets[si].Titles.Count) continue;
                    if (pick < 0 || r < repeats.Count(pi, pick)
                        || (r == repeats.Count(pi, pick) && Distance(pi, si) < Distance(pi, pick))) pick = si;
                }
                if (pick >= 0) Match(s, pick);
            }
        }

        // 3. Swaps that shorten the total without adding repeats.
        var matched = Enumerable.Range(0, slots.Length).Where(s => setOfSlot[s] >= 0).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var improved = false;
            foreach (var a in matched)
            {
                var pa = slots[a];
                // Only the slots holding the point's nearest candidate sets are worth a try.
                foreach (var si in candidates[pa])
                {
                    var b = slotOfSet[si];
                    if (b < 0 || b == a || slots[b] == pa) continue;
                    var sa = setOfSlot[a];
                    var pb = slots[b];
                    if (sets[sa].HolderPointId == points[pb].Id) continue;
                    var before = Distance(pa, sa) + Distance(pb, si);
                    var after = Distance(pa, si) + Distance(pb, sa);
                    if (after + 1e-9 >= before) continue;
                    if (repeats.Count(pa, si) + repeats.Count(pb, sa) > repeats.Count(pa, sa) + repeats.Count(pb, si)) continue;
                    if (repeats.Count(pb, sa) >= sets[sa].Titles.Count) continue;
                    setOfSlot[a] = si; slotOfSet[si] = a;
                    setOfSlot[b] = sa; slotOfSet[sa] = b;
                    if (HoldsTitlesOf(a, si) || HoldsTitlesOf(b, sa))
                    {
                        setOfSlot[a] = sa; slotOfSet[sa] = a;
                        setOfSlot[b] = si; slotOfSet[si] = b;
                        continue;
                    }
                    improved = true;
                }
            }
            if (!improved) break;
        }

        var moves = new List<PlannedMove>();
        for (var s = 0; s < slots.Length; s++)
        {
            var si = setOfSlot[s];
            if (si < 0) continue;
            var pi = slots[s];
            var route = Route(input.Library, sets[si], points[pi].Place);
            var r = repeats.Count(pi, si);
            moves.Add(new PlannedMove(sets[si].Id, points[pi].Id, sets[si].HolderPointId, route.Kind, r, sets[si].Titles.Count - r,
                Math.Round(route.Km, 2)));
        }
        moves.Sort((x, y) => x.PointId != y.PointId ? x.PointId.CompareTo(y.PointId) : x.SetId.CompareTo(y.SetId));
        var served = moves.Select(m => m.PointId).ToHashSet();
        var unserved = points.Where(p => !served.Contains(p.Id)).Select(p => p.Id).ToList();
        var indexOf = points.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var blind = moves.Sum(m => blindRepeats[indexOf[m.PointId]]);
        return new Plan(moves, unserved, Score(points.Length, moves, blind));

        void Match(int s, int si)
        {
            if (slotOfSet[si] < 0) free--;
            setOfSlot[s] = si;
            slotOfSet[si] = s;
        }

        int FreeSets() => free;

        // A point with two slots should not get the same titles twice in one cycle.
        bool HoldsTitlesOf(int s, int si)
        {
            var pi = slots[s];
            if (slotsOf[pi].Count == 1) return false;
            foreach (var other in slotsOf[pi])
            {
                if (other == s || setOfSlot[other] < 0) continue;
                if (sets[setOfSlot[other]].Titles.Intersect(sets[si].Titles).Any()) return true;
            }
            return false;
        }

        // A path passes each point once, so the title check against the point's other slots stays true along it.
        bool Augment(int s, bool[] visited, int depth)
        {
            if (depth > 64) return false;
            onPath[slots[s]] = true;
            try
            {
                foreach (var si in candidates[slots[s]])
                {
                    if (visited[si] || HoldsTitlesOf(s, si)) continue;
                    var holder = slotOfSet[si];
                    if (holder >= 0 && onPath[slots[holder]]) continue;
                    visited[si] = true;
                    if (holder < 0 || Augment(holder, visited, depth + 1))
                    {
                        Match(s, si);
                        return true;
                    }
                }
                return false;
            }
            finally
            {
                onPath[slots[s]] = false;
            }
        }
    }

    /// The way a set reaches a point: from the library, or from the point that holds it, directly or back
    /// through the library, whichever is shorter.
    public static (RouteKind Kind, double Km) Route(Place library, PlanSet set, Place to)
    {
        if (set.HolderPointId is null) return (RouteKind.FromLibrary, library.DistanceTo(to));
        var direct = set.Location.DistanceTo(to);
        var via = set.Location.DistanceTo(library) + library.DistanceTo(to);
        return direct <= via ? (RouteKind.PointToPoint, direct) : (RouteKind.ViaLibrary, via);
    }

    /// Repeats avoided: the repeats that the set nearest to each served point would have brought back, less those
    /// the plan carries.
    private static PlanScore Score(int due, IReadOnlyList<PlannedMove> moves, int blindRepeats) =>
        new(due, moves.Select(m => m.PointId).Distinct().Count(), moves.Sum(m => m.Repeats),
            Math.Max(0, blindRepeats - moves.Sum(m => m.Repeats)), Math.Round(moves.Sum(m => m.DistanceKm), 1));

    /// The plain baseline the benchmark compares with: each point in id order takes the nearest free set,
    /// with no regard for what it had before.
    public static Plan Greedy(PlanInput input)
    {
        var points = input.Points.Where(p => p.Capacity > 0).OrderBy(p => p.Id).ToArray();
        var sets = input.Sets.OrderBy(s => s.Id).ToArray();
        var repeats = new RepeatCounter(points, sets);
        var taken = new bool[sets.Length];
        var moves = new List<PlannedMove>();
        for (var pi = 0; pi < points.Length; pi++)
        for (var c = 0; c < points[pi].Capacity; c++)
        {
            var best = -1;
            var bestKm = double.MaxValue;
            for (var si = 0; si < sets.Length; si++)
            {
                if (taken[si] || sets[si].HolderPointId == points[pi].Id) continue;
                var km = Route(input.Library, sets[si], points[pi].Place).Km;
                if (km < bestKm) (best, bestKm) = (si, km);
            }
            if (best < 0) break;
            taken[best] = true;
            var route = Route(input.Library, sets[best], points[pi].Place);
            var r = repeats.Count(pi, best);
            moves.Add(new PlannedMove(sets[best].Id, points[pi].Id, sets[best].HolderPointId, route.Kind, r, sets[best].Titles.Count - r,
                Math.Round(route.Km, 2)));
        }
        var served = moves.Select(m => m.PointId).ToHashSet();
        return new Plan(moves, points.Where(p => !served.Contains(p.Id)).Select(p => p.Id).ToList(),
            Score(points.Length, moves, moves.Sum(m => m.Repeats)));
    }

    /// Counts, for a point and a set, how many of the set's titles the point had within the window. Built by walking
    /// each title of a point's history to the sets that hold it, so the cost follows the overlaps; kept as one dense
    /// table (2 bytes a pair: 40 MB for 10,000 points × 2,000 sets).
    private sealed class RepeatCounter
    {
        private readonly ushort[] _counts;
        private readonly int _sets;

        public RepeatCounter(PlanPoint[] points, PlanSet[] sets)
        {
            _sets = sets.Length;
            _counts = new ushort[(long)points.Length * sets.Length];
            var setsByTitle = new Dictionary<int, List<int>>();
            for (var si = 0; si < sets.Length; si++)
                foreach (var t in sets[si].Titles.Distinct())
                {
                    if (!setsByTitle.TryGetValue(t, out var list)) setsByTitle[t] = list = [];
                    list.Add(si);
                }
            for (var pi = 0; pi < points.Length; pi++)
            {
                var row = (long)pi * _sets;
                foreach (var t in points[pi].History)
                {
                    if (!setsByTitle.TryGetValue(t, out var list)) continue;
                    foreach (var si in list)
                        if (_counts[row + si] < ushort.MaxValue) _counts[row + si]++;
                }
            }
        }

        public int Count(int pi, int si) => _counts[(long)pi * _sets + si];
    }
}
