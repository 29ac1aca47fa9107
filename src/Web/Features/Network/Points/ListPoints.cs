namespace Bookpost.Web.Features.Network.Points;

public sealed record ListPointsQuery(
    string? Q = null,
    string? District = null,
    string? Commune = null,
    ServicePointKind? Kind = null,
    ServicePointStatus? Status = null,
    int? Page = null,
    int? PageSize = null,
    bool? NeedsReview = null);

public sealed class ListPoints(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<PointDto>>> HandleAsync(ListPointsQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<PointDto>>();

        var today = clock.Today();
        return await Filter(query, scope, today).OrderBy(p => p.Code).ToDtos(db, today).ToPagedAsync(page, ct);
    }

    /// The filtered points without paging, for exports. <c>district</c> is a former district's area (see
    /// <see cref="PointScope.InArea"/>), <c>commune</c> today's commune, <c>needsReview</c> the points a person should check.
    public IQueryable<ServicePoint> Filter(ListPointsQuery query, UserScope scope, DateOnly today)
    {
        var points = db.ServicePoints.VisibleTo(db, scope, today);
        foreach (var term in TextFolding.Terms(query.Q))
            points = points.Where(p => p.SearchText.Contains(term));
        if (!string.IsNullOrWhiteSpace(query.District)) points = points.InArea(db, query.District.Trim(), today);
        if (!string.IsNullOrWhiteSpace(query.Commune)) points = points.Where(p => p.CommuneCode == query.Commune.Trim());
        if (query.NeedsReview is { } flagged)
            points = points.Where(p =>
                db.PointCommunes.Any(l => l.ServicePointId == p.Id && l.ValidTo == null && l.NeedsReview) == flagged);
        if (query.Kind is { } kind) points = points.Where(p => p.Kind == kind);
        if (query.Status is { } status) points = points.Where(p => p.Status == status);
        return points;
    }
}
