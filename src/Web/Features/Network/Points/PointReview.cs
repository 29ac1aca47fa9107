namespace Bookpost.Web.Features.Network.Points;

/// Another commune a flagged point could be in: a successor of the divided commune it followed, with the distance from
/// the point to the unit's centre when both are known.
public sealed record ReviewAlternativeDto(string CommuneCode, string CommuneName, double? DistanceKm);

/// A point placed by a rule that may be wrong: where it is, since when, why, and where else it could be.
public sealed record PointReviewDto(
    PointDto Point,
    DateOnly? Since,
    string? Note,
    double? DistanceKm,
    IReadOnlyList<ReviewAlternativeDto> Alternatives);

/// What a person sends to move a point: the commune, the first day there (today when not given), and why.
public sealed record MovePointInput(string? CommuneCode, DateOnly? MovedOn, string? Note);

/// The points in the user's scope that wait for a person to check their commune ("kiểm tra lại").
public sealed class ListPointReview(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<PointReviewDto>>> HandleAsync(int? page, int? pageSize, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = Paging.Validate(page, pageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<PointReviewDto>>();
        var today = clock.Today();
        var flagged = db.ServicePoints.VisibleTo(db, scope, today)
            .Where(p => db.PointCommunes.Any(l => l.ServicePointId == p.Id && l.ValidTo == null && l.NeedsReview));
        var points = await flagged.OrderBy(p => p.Code).ToDtos(db, today).ToPagedAsync(request, ct);
        var items = await ReviewsOfAsync(points.Items, today, ct);
        return new PagedList<PointReviewDto>(items, points.Total, points.Page, points.PageSize);
    }

    /// The alternatives are the other units the commune of the point's previous row went into on the day the open row
    /// began; a point whose commune ended with no successor has none (any commune in scope may still be chosen). Three
    /// queries for the whole page: the points' rows, the successions of their previous communes, today's communes.
    private async Task<List<PointReviewDto>> ReviewsOfAsync(IReadOnlyList<PointDto> points, DateOnly today, CancellationToken ct)
    {
        var ids = points.Select(p => p.Id).ToList();
        var rows = (await db.PointCommunes.Where(l => ids.Contains(l.ServicePointId)).AsNoTracking().ToListAsync(ct))
            .ToLookup(r => r.ServicePointId);
        var places = points.Select(point =>
        {
            var open = rows[point.Id].Single(r => r.ValidTo is null);
            var before = open.ValidFrom is { } since ? rows[point.Id].SingleOrDefault(r => r.ValidTo == since) : null;
            return (Point: point, Open: open, Before: before);
        }).ToList();
        var days = places.Where(x => x.Before is not null).Select(x => x.Open.ValidFrom!.Value).Distinct().ToList();
        var previous = places.Where(x => x.Before is not null).Select(x => x.Before!.CommuneCode).Distinct().ToList();
        var links = await db.AdminUnitSuccessions.Where(s => days.Contains(s.EffectiveOn) && previous.Contains(s.Predecessor.Code))
            .OrderBy(s => s.Id).Include(s => s.Predecessor).Include(s => s.Successor).AsNoTracking().ToListAsync(ct);
        var codes = points.Select(p => p.CommuneCode).Distinct().ToList();
        var current = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => codes.Contains(u.Code)).AsNoTracking()
            .ToDictionaryAsync(u => u.Code, ct);

        return places.Select(x =>
        {
            // The predecessor is the version of the previous row's code that held on the eve of the open row.
            var successors = x.Before is null ? []
                : links.Where(s => s.EffectiveOn == x.Open.ValidFrom && s.Predecessor.Code == x.Before.CommuneCode
                        && s.Predecessor.IsValidOn(x.Open.ValidFrom!.Value.AddDays(-1)))
                    .Select(s => s.Successor).ToList();
            var alternatives = successors.Where(s => s.Code != x.Point.CommuneCode)
                .Select(s => new ReviewAlternativeDto(s.Code, s.Name, Distance(x.Point, s))).ToList();
            return new PointReviewDto(x.Point, x.Open.ValidFrom, x.Open.Note,
                current.TryGetValue(x.Point.CommuneCode, out var unit) ? Distance(x.Point, unit) : null, alternatives);
        }).ToList();
    }

    private static double? Distance(PointDto point, AdminUnit unit) =>
        point is { Latitude: { } lat, Longitude: { } lon } && unit is { Latitude: { } uLat, Longitude: { } uLon }
            ? Math.Round(GeoDistance.Km(lat, lon, uLat, uLon), 1)
            : null;
}

/// A person confirms the commune the system put a point in. Needs the version read (If-Match) like every point write;
/// the point itself is touched so its version moves on and the confirmation is audited with it.
public sealed class ConfirmPointCommune(AppDbContext db, TimeProvider clock, Text text, GetPoint get)
{
    public async Task<Result<PointDetailDto>> HandleAsync(int id, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var point = await db.ServicePoints.Where(p => p.Id == id).VisibleTo(db, scope, clock.Today()).SingleOrDefaultAsync(ct);
        if (point is null) return Result<PointDetailDto>.NotFound();
        if (text.CheckVersion<PointDetailDto>(expectedVersion, point.Version) is { } refused) return refused;
        if (!await PointPlaces.ConfirmAsync(db, point.Id, scope.UserName, ct)) return Result<PointDetailDto>.NotFound();
        point.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<PointDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(point.Id, UserScope.System, ct);
    }
}

/// A person moves a point into another commune from a day (or corrects where the system put it): the point and the
/// commune must both be in the user's scope, the commune must exist on that day and still today.
public sealed class MovePoint(AppDbContext db, PointValidator validator, TimeProvider clock, Text text, GetPoint get)
{
    public async Task<Result<PointDetailDto>> HandleAsync(int id, long? expectedVersion, MovePointInput input, UserScope scope,
        CancellationToken ct)
    {
        var today = clock.Today();
        var point = await db.ServicePoints.Where(p => p.Id == id).VisibleTo(db, scope, today).SingleOrDefaultAsync(ct);
        if (point is null) return Result<PointDetailDto>.NotFound();
        if (text.CheckVersion<PointDetailDto>(expectedVersion, point.Version) is { } refused) return refused;

        var errors = new FieldErrors();
        var note = TextFolding.CleanOrNull(input.Note);
        if (note?.Length > 500) errors.Add("note", text.Format("Validation.MaxLength", 500));
        var commune = await validator.ValidateMoveAsync(point.Id, input.CommuneCode, input.MovedOn ?? today, errors, ct);
        if (errors.Any) return errors.ToResult<PointDetailDto>();
        if (!await validator.InScopeAsync(scope, commune!, ct)) return Result<PointDetailDto>.Forbidden(text["Scope.CommuneOutside"]);

        await PointPlaces.MoveAsync(db, point, commune!.Code, input.MovedOn ?? today, scope.UserName, note, ct);
        point.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<PointDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(point.Id, UserScope.System, ct);
    }
}
