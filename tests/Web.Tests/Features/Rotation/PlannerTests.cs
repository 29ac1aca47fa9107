using Bookpost.Web.Features.Rotation;

namespace Bookpost.Web.Tests.Features.Rotation;

public sealed class PlannerTests
{
    private static readonly Place Library = new(19.80, 105.78, "380");

    /// Random networks: a pool of titles, sets of a few titles each, points with random histories, some sets out at points.
    private static PlanInput RandomNetwork(Random r, bool capacities)
    {
        var titles = r.Next(8, 40);
        var districts = new[] { "380", "381", "382", "383" };
        var points = Enumerable.Range(1, r.Next(2, 16)).Select(id =>
        {
            var history = Enumerable.Range(1, titles).Where(_ => r.NextDouble() < 0.3).ToHashSet();
            var place = r.NextDouble() < 0.7 ? new Place(19.5 + r.NextDouble(), 105.2 + r.NextDouble(), districts[r.Next(4)]) : new Place(null, null, districts[r.Next(4)]);
            return new PlanPoint(id * 10, place, capacities ? r.Next(0, 3) : 1, history);
        }).ToList();
        var sets = Enumerable.Range(1, r.Next(1, 14)).Select(id =>
        {
            var setTitles = Enumerable.Range(1, titles).OrderBy(_ => r.Next()).Take(r.Next(1, 7)).Order().ToList();
            int? holder = r.NextDouble() < 0.3 ? points[r.Next(points.Count)].Id : null;
            var place = holder is null ? Library : points.First(p => p.Id == holder).Place;
            return new PlanSet(id * 7, holder, place, setTitles);
        }).ToList();
        return new PlanInput(Library, points, sets);
    }

    private static int Repeats(PlanInput input, int pointId, int setId) =>
        input.Sets.Single(s => s.Id == setId).Titles.Count(input.Points.Single(p => p.Id == pointId).History.Contains);

    /// The largest number of points that could each get a set with no repeat: Kuhn's augmenting paths, by brute force.
    private static int MaxRepeatFree(PlanInput input)
    {
        var points = input.Points.Where(p => p.Capacity > 0).ToList();
        var owner = new Dictionary<int, int>();
        var matched = 0;
        foreach (var p in points)
            if (Try(p, [])) matched++;
        return matched;

        bool Try(PlanPoint p, HashSet<int> seen)
        {
            foreach (var s in input.Sets.Where(s => s.HolderPointId != p.Id && Repeats(input, p.Id, s.Id) == 0))
            {
                if (!seen.Add(s.Id)) continue;
                if (!owner.TryGetValue(s.Id, out var other) || Try(points.Single(x => x.Id == other), seen))
                {
                    owner[s.Id] = p.Id;
                    return true;
                }
            }
            return false;
        }
    }

    [Fact]
    public void Propose_OnRandomNetworks_NeverRepeatsATitleWhereARepeatFreeAlternativeExists()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var input = RandomNetwork(new Random(seed), capacities: false);
            var plan = Planner.Propose(input);
            // A set goes to one point, never back to the point holding it, and each point gets at most one.
            Assert.Equal(plan.Moves.Count, plan.Moves.Select(m => m.SetId).Distinct().Count());
            Assert.Equal(plan.Moves.Count, plan.Moves.Select(m => m.PointId).Distinct().Count());
            Assert.All(plan.Moves, m => Assert.NotEqual(input.Sets.Single(s => s.Id == m.SetId).HolderPointId, m.PointId));
            Assert.All(plan.Moves, m => Assert.Equal(Repeats(input, m.PointId, m.SetId), m.Repeats));
            // As many points as possible get a repeat-free set: no other choice of sets would serve more that way.
            Assert.True(MaxRepeatFree(input) == plan.Moves.Count(m => m.Repeats == 0), $"seed {seed}: fewer repeat-free points than possible");
            // A point given repeats could not have had a repeat-free set still left free.
            var free = input.Sets.Where(s => plan.Moves.All(m => m.SetId != s.Id)).ToList();
            foreach (var m in plan.Moves.Where(m => m.Repeats > 0))
                Assert.DoesNotContain(free, s => s.HolderPointId != m.PointId && Repeats(input, m.PointId, s.Id) == 0);
            // Every move brings something new, and a point left out had nothing new among the free sets.
            Assert.All(plan.Moves, m => Assert.True(m.NewTitles > 0));
            foreach (var p in plan.Unserved)
                Assert.DoesNotContain(free, s => s.HolderPointId != p && s.Titles.Any(t => !input.Points.Single(x => x.Id == p).History.Contains(t)));
        }
    }

    [Fact]
    public void Propose_IsDeterministic_WhateverTheInputOrder()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var input = RandomNetwork(new Random(seed), capacities: true);
            var shuffled = input with
            {
                Points = input.Points.OrderBy(p => p.Id % 3).ThenByDescending(p => p.Id).ToList(),
                Sets = input.Sets.AsEnumerable().Reverse().ToList(),
            };
            var a = Planner.Propose(input);
            var b = Planner.Propose(shuffled);
            Assert.Equal(a.Moves, b.Moves);
            Assert.Equal(a.Unserved, b.Unserved);
            Assert.Equal(a.Score, b.Score);
        }
    }

    [Fact]
    public void Propose_RespectsCapacity_AndNeverGivesOnePointTheSameTitleTwice()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var input = RandomNetwork(new Random(seed), capacities: true);
            var plan = Planner.Propose(input);
            foreach (var group in plan.Moves.GroupBy(m => m.PointId))
            {
                Assert.True(group.Count() <= input.Points.Single(p => p.Id == group.Key).Capacity);
                var titles = group.SelectMany(m => input.Sets.Single(s => s.Id == m.SetId).Titles).ToList();
                Assert.Equal(titles.Count, titles.Distinct().Count());
            }
            Assert.DoesNotContain(plan.Moves, m => input.Points.Single(p => p.Id == m.PointId).Capacity == 0);
        }
    }

    [Fact]
    public void Propose_SendsASetPointToPoint_WhenThatIsShorterThanGoingHome()
    {
        var near = new Place(20.50, 105.00, "390");
        var neighbour = new Place(20.52, 105.02, "390");
        var points = new List<PlanPoint> { new(1, near, 0, new HashSet<int>()), new(2, neighbour, 1, new HashSet<int>()) };
        var sets = new List<PlanSet> { new(10, 1, near, [1, 2, 3]), new(11, null, Library, [4, 5, 6]) };
        var plan = Planner.Propose(new PlanInput(Library, points, sets));
        var move = Assert.Single(plan.Moves);
        Assert.Equal((10, RouteKind.PointToPoint), (move.SetId, move.Route));
        Assert.True(move.DistanceKm < 5, $"{move.DistanceKm} km");
        Assert.True(Planner.Greedy(new PlanInput(Library, points, sets)).Score.DistanceKm <= plan.Score.DistanceKm + 0.01);
    }

    [Fact]
    public void Propose_PrefersANewSetOverANearerRepeat_WhereTheBaselineDoesNot()
    {
        var point = new PlanPoint(1, new Place(19.81, 105.79, "380"), 1, new HashSet<int> { 1, 2, 3 });
        var sets = new List<PlanSet> { new(10, null, Library, [1, 2, 3]), new(11, null, Library, [4, 5]) };
        var input = new PlanInput(Library, [point], sets);
        Assert.Equal(11, Assert.Single(Planner.Propose(input).Moves).SetId);
        Assert.Equal(3, Planner.Greedy(input).Score.Repeats);
    }

    [Fact]
    public void Propose_ServesEveryPointOnce_BeforeAnyPointGetsASecondSet()
    {
        var big = new PlanPoint(1, new Place(19.80, 105.78, "380"), 2, new HashSet<int>());
        var far = new PlanPoint(2, new Place(20.90, 104.50, "384"), 1, new HashSet<int>());
        var sets = new List<PlanSet> { new(10, null, Library, [1, 2]), new(11, null, Library, [3, 4]) };
        var plan = Planner.Propose(new PlanInput(Library, [big, far], sets));
        Assert.Equal([1, 2], plan.Moves.Select(m => m.PointId).Order().ToArray());
        Assert.Empty(plan.Unserved);
    }

    [Fact]
    public void Place_WithoutCoordinates_FallsBackToDistricts()
    {
        Assert.Equal(Place.SameDistrictKm, new Place(null, null, "380").DistanceTo(new Place(19.8, 105.7, "380")));
        Assert.Equal(Place.OtherDistrictKm, new Place(null, null, "380").DistanceTo(new Place(null, null, "381")));
        // Thanh Hóa city to Mường Lát is about 200 km as the crow flies.
        var km = new Place(19.807, 105.776, "380").DistanceTo(new Place(20.530, 104.600, "384"));
        Assert.InRange(km, 140, 160);
    }
}
