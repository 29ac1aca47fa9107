using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Rotation;

public sealed record CycleSummaryDto(int Id, string Name, int LibraryId, string LibraryName, DateOnly StartsOn, DateOnly EndsOn, int RepeatWindow,
    CycleStatus Status, int Assignments, long Version);

public sealed record AssignmentDto(int Id, int SetId, string SetCode, string SetName, int PointId, string PointName, int FromId, string FromName,
    RouteKind Route, DateOnly DispatchOn, DateOnly DueBackOn, int Repeats, double DistanceKm, AssignmentStatus Status, int? ShipmentId, long Version);

public sealed record CycleDetailDto(CycleSummaryDto Cycle, IReadOnlyList<AssignmentDto> Assignments, PlanScore Score, IReadOnlyList<PointRef> Unserved);

public sealed record PointRef(int Id, string Name);

public sealed record CycleInput
{
    public string? Name { get; init; }
    public int? LibraryId { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public int? RepeatWindow { get; init; }
}

public sealed record AssignmentInput(int? PointId, DateOnly? DueBackOn = null);

public static class CycleProjections
{
    public static IQueryable<CycleSummaryDto> ToSummaries(this IQueryable<RotationCycle> cycles) => cycles.Select(c => new CycleSummaryDto(
        c.Id, c.Name, c.LibraryId, c.Library.Name, c.StartsOn, c.EndsOn, c.RepeatWindow, c.Status, c.Assignments.Count, c.Version));

    public static IQueryable<AssignmentDto> ToDtos(this IQueryable<RotationAssignment> a) => a.Select(x => new AssignmentDto(
        x.Id, x.SetId, x.Set.Code, x.Set.Name, x.PointId, x.Point.Name, x.FromId, x.From.Name, x.Route, x.DispatchOn, x.DueBackOn,
        x.Repeats, x.DistanceKm, x.Status, x.ShipmentId, x.Version));
}

public sealed class ListCycles(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<CycleSummaryDto>>> HandleAsync(int? page, int? pageSize, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = Paging.Validate(page, pageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<CycleSummaryDto>>();
        return await RotationScope.Cycles(db, scope, clock.Today()).OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .ToSummaries().ToPagedAsync(request, ct);
    }
}

public sealed class GetCycle(AppDbContext db, TimeProvider clock, RotationPlanning planning)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Where(c => c.Id == id).ToSummaries().SingleOrDefaultAsync(ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        var assignments = db.RotationAssignments.Where(a => a.CycleId == id);
        // A point sees only its own lines of the plan.
        if (scope.Role == AppRole.Point) assignments = assignments.Where(a => a.PointId == scope.PointId || a.FromId == scope.PointId);
        var rows = await assignments.OrderBy(a => a.Point.Name).ThenBy(a => a.Set.Code).ToDtos().ToListAsync(ct);
        var unserved = scope.Role == AppRole.Point || cycle.Status != CycleStatus.Draft ? [] : await planning.UnservedAsync(id, ct);
        var score = new PlanScore(rows.Select(r => r.PointId).Distinct().Count() + unserved.Count, rows.Select(r => r.PointId).Distinct().Count(),
            rows.Sum(r => r.Repeats), 0, Math.Round(rows.Sum(r => r.DistanceKm), 1));
        return new CycleDetailDto(cycle, rows, score, unserved);
    }
}

/// Opens a cycle for a library: a period of at most a year and the repeat window the planner keeps.
public sealed class CreateCycle(AppDbContext db, Text text, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(CycleInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(RotationScope.Planners)) return Result<CycleDetailDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var errors = new FieldErrors();
        var name = TextFolding.CleanOrNull(input.Name);
        if (name is null) errors.Add("name", text["Rotation.NameRequired"]);
        else if (name.Length > 100) errors.Add("name", text.Format("Validation.MaxLength", 100));
        if (input.StartsOn is null) errors.Add("startsOn", text["Rotation.StartRequired"]);
        if (input.EndsOn is null) errors.Add("endsOn", text["Rotation.EndRequired"]);
        else if (input.StartsOn is { } s && (input.EndsOn <= s || input.EndsOn > s.AddDays(366))) errors.Add("endsOn", text["Rotation.EndAfterStart"]);
        if (input.RepeatWindow is < 0 or > 12) errors.Add("repeatWindow", text["Rotation.RepeatWindowRange"]);
        var libraryId = input.LibraryId ?? (scope.Role == AppRole.Library ? scope.PointId : null);
        var library = libraryId is { } l ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == l, ct) : null;
        if (library is null || !library.IsLibrary) errors.Add("libraryId", text["Item.OwnerNotLibrary"]);
        if (errors.Any) return errors.ToResult<CycleDetailDto>();
        if (!RotationScope.OwnsLibrary(scope, library!.Id)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        var now = db.UtcNow;
        var cycle = new RotationCycle
        {
            Name = name!, LibraryId = library.Id, StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value,
            RepeatWindow = input.RepeatWindow ?? 2, CreatedAt = now, UpdatedAt = now,
        };
        db.RotationCycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        return await get.HandleAsync(cycle.Id, UserScope.System, ct);
    }
}

/// Runs the planner for a draft cycle and keeps its proposal as the cycle's assignments, replacing an earlier one.
public sealed class ProposePlan(AppDbContext db, TimeProvider clock, Text text, RotationPlanning planning, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (cycle.Status != CycleStatus.Draft) return Result<CycleDetailDto>.Conflict(text["Rotation.CycleNotDraft"]);
        var input = await planning.BuildInputAsync(cycle, ct);
        var plan = Planner.Propose(input.Input);
        db.RotationAssignments.RemoveRange(cycle.Assignments);
        foreach (var move in plan.Moves)
        {
            db.RotationAssignments.Add(new RotationAssignment
            {
                CycleId = cycle.Id, SetId = move.SetId, PointId = move.PointId, FromId = move.FromPointId ?? cycle.LibraryId, Route = move.Route,
                DispatchOn = cycle.StartsOn, DueBackOn = cycle.EndsOn, Repeats = move.Repeats, DistanceKm = move.DistanceKm,
            });
        }
        cycle.UpdatedAt = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CycleDetailDto>.Conflict(text["Concurrency.Stale"]);
        }
        var result = await get.HandleAsync(cycle.Id, UserScope.System, ct);
        return result.IsOk ? result.Value! with { Score = plan.Score } : result;
    }
}

/// The librarian's edit of a proposed line: another point (the figures are worked out again), or none (removed).
public sealed class EditAssignment(AppDbContext db, TimeProvider clock, Text text, RotationPlanning planning, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, int assignmentId, AssignmentInput input, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (cycle.Status != CycleStatus.Draft) return Result<CycleDetailDto>.Conflict(text["Rotation.CycleNotDraft"]);
        var assignment = await db.RotationAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.CycleId == cycleId, ct);
        if (assignment is null) return Result<CycleDetailDto>.NotFound();
        if (input.PointId is null)
        {
            db.RotationAssignments.Remove(assignment);
        }
        else
        {
            var point = await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == input.PointId, ct);
            if (point is null || !RotationScope.TakesSets(point)) return Result<CycleDetailDto>.Invalid("pointId", text["Rotation.PointCannotTake"]);
            var set = await db.RotationSets.SingleAsync(s => s.Id == assignment.SetId, ct);
            if (set.LocationId == point.Id) return Result<CycleDetailDto>.Invalid("pointId", text["Rotation.SamePoint"]);
            if (input.DueBackOn is { } due && due <= cycle.StartsOn) return Result<CycleDetailDto>.Invalid("dueBackOn", text["Rotation.EndAfterStart"]);
            var figures = await planning.FiguresAsync(cycle, set, point, ct);
            assignment.PointId = point.Id;
            assignment.Repeats = figures.Repeats;
            assignment.DistanceKm = figures.DistanceKm;
            assignment.Route = figures.Route;
            assignment.DueBackOn = input.DueBackOn ?? assignment.DueBackOn;
        }
        cycle.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return await get.HandleAsync(cycleId, UserScope.System, ct);
    }
}

public sealed class ConfirmCycle(AppDbContext db, TimeProvider clock, Text text, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(int cycleId, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var cycle = await RotationScope.Cycles(db, scope, clock.Today()).Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Result<CycleDetailDto>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, cycle.LibraryId)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        if (expectedVersion is { } v && v != cycle.Version) return Result<CycleDetailDto>.Stale(text["Concurrency.Stale"]);
        if (cycle.Status != CycleStatus.Draft) return Result<CycleDetailDto>.Conflict(text["Rotation.CycleNotDraft"]);
        if (cycle.Assignments.Count == 0) return Result<CycleDetailDto>.Conflict(text["Rotation.NothingPlanned"]);
        // A set may be planned in one confirmed cycle at a time.
        var setIds = cycle.Assignments.Select(a => a.SetId).ToList();
        var busy = await db.RotationAssignments.Where(a => setIds.Contains(a.SetId) && a.CycleId != cycleId && a.Status == AssignmentStatus.Planned)
            .Select(a => a.Set.Code).FirstOrDefaultAsync(ct);
        if (busy is not null) return Result<CycleDetailDto>.Conflict(text.Format("Rotation.SetPlannedElsewhere", busy));
        foreach (var a in cycle.Assignments) a.Status = AssignmentStatus.Planned;
        cycle.Status = CycleStatus.Confirmed;
        cycle.UpdatedAt = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CycleDetailDto>.Conflict(text["Concurrency.Stale"]);
        }
        return await get.HandleAsync(cycleId, UserScope.System, ct);
    }
}

/// Reads what the planner needs from the database: the library, the due points with what they had within the
/// window, and the sets free to travel.
public sealed class RotationPlanning(AppDbContext db, TimeProvider clock)
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
        var districts = await db.AdminUnits.Where(Network.AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune)
            .ToDictionaryAsync(u => u.Code, u => u.ParentCode ?? "", ct);
        var libraryDistrict = districts.GetValueOrDefault(library.CommuneCode, "");
        var candidates = db.ServicePoints.Where(p => p.Status == ServicePointStatus.Active
            && (p.Kind == ServicePointKind.PostCulturePoint || p.Kind == ServicePointKind.CommuneLibrary || p.Kind == ServicePointKind.ReadingRoom));
        var points = await candidates.Select(p => new { p.Id, p.Name, p.CommuneCode, p.Latitude, p.Longitude }).ToListAsync(ct);
        // A district library serves its own district; the provincial library serves the province.
        if (library.Kind != ServicePointKind.ProvincialLibrary)
            points = points.Where(p => districts.GetValueOrDefault(p.CommuneCode) == libraryDistrict).ToList();
        var capacities = await db.PointRotationSettings.ToDictionaryAsync(s => s.PointId, s => s.Capacity, ct);
        // Sets that stay at a point past this cycle keep the point busy.
        var staying = await db.RotationAssignments.Where(a => a.Status == AssignmentStatus.Received && a.DueBackOn > cycle.EndsOn)
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

        var plannedElsewhere = db.RotationAssignments.Where(a => a.CycleId != cycle.Id && a.Status == AssignmentStatus.Planned).Select(a => a.SetId);
        var sets = await db.RotationSets
            .Where(s => s.OwnerId == cycle.LibraryId && !s.Reserved && !plannedElsewhere.Contains(s.Id)
                && (s.Status == SetStatus.Ready || s.Status == SetStatus.Home || s.Status == SetStatus.AtPoint))
            .Where(s => s.Status != SetStatus.AtPoint || !db.RotationAssignments.Any(a => a.SetId == s.Id && a.Status == AssignmentStatus.Received && a.DueBackOn > cycle.EndsOn))
            .Select(s => new { s.Id, s.Status, s.LocationId, Titles = s.Items.Select(i => i.Item.TitleId).ToList() })
            .ToListAsync(ct);
        var places = await db.ServicePoints.Where(p => sets.Select(s => s.LocationId).Contains(p.Id))
            .Select(p => new { p.Id, p.CommuneCode, p.Latitude, p.Longitude }).ToDictionaryAsync(p => p.Id, ct);

        Place PlaceOf(string commune, double? lat, double? lon) => new(lat, lon, districts.GetValueOrDefault(commune, ""));
        var input = new PlanInput(
            PlaceOf(library.CommuneCode, library.Latitude, library.Longitude),
            points.Select(p => new PlanPoint(p.Id, PlaceOf(p.CommuneCode, p.Latitude, p.Longitude),
                Math.Max(0, capacities.GetValueOrDefault(p.Id, 1) - staying.GetValueOrDefault(p.Id)),
                history.TryGetValue(p.Id, out var h) ? h : new HashSet<int>())).ToList(),
            sets.Where(s => s.Titles.Count > 0).Select(s =>
            {
                var at = places[s.LocationId];
                return new PlanSet(s.Id, s.Status == SetStatus.AtPoint ? s.LocationId : null, PlaceOf(at.CommuneCode, at.Latitude, at.Longitude),
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

    public async Task<(int Repeats, double DistanceKm, RouteKind Route)> FiguresAsync(RotationCycle cycle, RotationSet set, ServicePoint point, CancellationToken ct)
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
        return built.Input.Points.Where(p => p.Capacity > 0 && !served.Contains(p.Id)).OrderBy(p => built.PointNames[p.Id], StringComparer.Ordinal)
            .Select(p => new PointRef(p.Id, built.PointNames[p.Id])).ToList();
    }
}
