using System.Diagnostics;
using System.Globalization;
using Bookpost.Web.Features.Rotation;

// Benchmark of issue 4: plan one cycle for POINTS points and SETS sets of TITLES titles each, with the planner and with
// the plain greedy baseline on the same input, ROUNDS times each, interleaved.
// Usage: Bookpost.PlanBench [POINTS=10000] [SETS=2000] [ROUNDS=5] [TITLES=175] [SEED=2026]
var args_ = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
int Arg(int i, int fallback) => args_.Length > i ? args_[i] : fallback;
var (pointCount, setCount, rounds, perSet, seed) = (Arg(0, 10_000), Arg(1, 2_000), Arg(2, 5), Arg(3, 175), Arg(4, 2026));

var sw = Stopwatch.StartNew();
var input = Network.Generate(pointCount, setCount, perSet, seed);
Console.WriteLine($"input: {pointCount:N0} points, {setCount:N0} sets × {perSet} titles, {input.Sets.Count(s => s.HolderPointId is not null):N0} sets out at points, " +
    $"{input.Points.Sum(p => p.History.Count):N0} (point, title) history pairs; built in {sw.Elapsed.TotalSeconds:F1} s");

var ours = new List<double>();
var greedy = new List<double>();
Plan? plan = null, baseline = null;
for (var r = 0; r < rounds; r++)
{
    sw.Restart();
    plan = Planner.Propose(input);
    ours.Add(sw.Elapsed.TotalSeconds);
    sw.Restart();
    baseline = Planner.Greedy(input);
    greedy.Add(sw.Elapsed.TotalSeconds);
    Console.WriteLine($"round {r + 1}: planner {ours[^1]:F2} s, greedy {greedy[^1]:F2} s");
}
static double Median(List<double> v) { var s = v.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
Console.WriteLine();
Console.WriteLine("| method | median time (s) | points served | repeat-free points | title repeats | total distance (km) | km per set |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, p, times) in new[] { ("greedy baseline (nearest free set, blind to history)", baseline!, greedy), ("**planner**", plan!, ours) })
    Console.WriteLine($"| {name} | {Median(times):F2} | {p.Score.PointsServed:N0} | {p.Moves.Count(m => m.Repeats == 0):N0} | {p.Score.Repeats:N0} | {p.Score.DistanceKm:N0} | {p.Score.DistanceKm / Math.Max(1, p.Moves.Count):F1} |");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");

/// A country-sized network: points spread over Việt Nam's latitude and longitude range in 700 districts, sets drawn
/// from a pool of titles, and a history of two earlier sets per point. About three sets in four are out at points.
internal static class Network
{
    public static PlanInput Generate(int points, int sets, int perSet, int seed)
    {
        var r = new Random(seed);
        var pool = Math.Max(perSet * 4, sets * perSet / 6);
        var library = new Place(19.807, 105.776, "D0");
        var setTitles = Enumerable.Range(0, sets).Select(_ =>
        {
            var titles = new HashSet<int>();
            while (titles.Count < perSet) titles.Add(r.Next(pool));
            return titles.Order().ToList();
        }).ToList();
        var pointList = Enumerable.Range(1, points).Select(id =>
        {
            var district = $"D{r.Next(700)}";
            var place = r.NextDouble() < 0.8 ? new Place(8.6 + r.NextDouble() * 14.8, 102.2 + r.NextDouble() * 7.2, district) : new Place(null, null, district);
            var history = setTitles[r.Next(sets)].Concat(setTitles[r.Next(sets)]).ToHashSet();
            return new PlanPoint(id, place, r.NextDouble() < 0.05 ? 2 : 1, history);
        }).ToList();
        var holders = pointList.OrderBy(_ => r.Next()).Take(sets * 3 / 4).ToList();
        var setList = Enumerable.Range(0, sets).Select(i =>
        {
            var holder = i < holders.Count ? holders[i] : null;
            // The point holding a set has had its titles.
            if (holder is not null) ((HashSet<int>)holder.History).UnionWith(setTitles[i]);
            return new PlanSet(100_000 + i, holder?.Id, holder?.Place ?? library, setTitles[i]);
        }).ToList();
        return new PlanInput(library, pointList, setList);
    }
}
