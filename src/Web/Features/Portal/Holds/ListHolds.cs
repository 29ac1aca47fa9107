namespace Bookpost.Web.Features.Portal.Holds;

/// Status: a status name, or "open" (the default: waiting and ready) or "all".
public sealed record HoldQuery(int? PointId = null, string? Status = null, int? Page = null, int? PageSize = null);

/// The holds the caller may see, newest first; names and numbers only for the serving point and Admin.
public sealed class ListHolds(AppDbContext db, HoldRules rules, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<HoldDto>>> HandleAsync(HoldQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = Paging.Validate(query.Page, query.PageSize, errors, text);
        var status = query.Status?.Trim().ToLowerInvariant() is null or "" or "open" or "all" ? null
            : errors.Choice<HoldStatus>("status", query.Status, text);
        if (errors.Any) return errors.ToResult<PagedList<HoldDto>>();
        var now = db.UtcNow;
        var holds = HoldScope.Visible(db, scope, clock.Today()).AsNoTracking();
        if (query.PointId is { } pointId)
        {
            if (!await Network.Points.PointScope.VisibleTo(db.ServicePoints, db, scope, clock.Today()).AnyAsync(p => p.Id == pointId, ct)
                || (scope.Role == AppRole.Point && scope.PointId != pointId))
                return Result<PagedList<HoldDto>>.NotFound();
            holds = holds.Where(h => h.ServicePointId == pointId);
        }
        holds = status switch
        {
            null when query.Status?.Trim().ToLowerInvariant() == "all" => holds,
            null => holds.Where(rules.OpenAt(now)),
            // An overdue hold the sweep has not reached yet is lapsed, not waiting or ready.
            HoldStatus.Waiting or HoldStatus.Ready => holds.Where(h => h.Status == status).Where(rules.OpenAt(now)),
            HoldStatus.Lapsed => holds.Where(h => h.Status == HoldStatus.Lapsed).Concat(holds.Where(rules.OverdueAt(now))),
            _ => holds.Where(h => h.Status == status),
        };
        var page = await holds.OrderByDescending(h => h.PlacedAt).ThenByDescending(h => h.Id)
            .Select(h => new
            {
                h.Id, h.ServicePointId, h.ServicePoint.Code, PointName = h.ServicePoint.Name, h.TitleId, h.Title.TitleProper, h.Name, h.Phone,
                h.Status, h.PlacedAt, h.ReadyAt, h.EndedAt, h.Version,
            })
            .ToPagedAsync(paging, ct);
        return new PagedList<HoldDto>(page.Items.Select(h =>
        {
            var named = HoldScope.SeesPeople(scope, h.ServicePointId);
            var shown = rules.StatusAt(h.Status, h.PlacedAt, h.ReadyAt, now);
            return new HoldDto(h.Id, h.ServicePointId, h.Code, h.PointName, h.TitleId, h.TitleProper, named ? h.Name : null,
                named ? h.Phone : null, shown, h.PlacedAt, h.ReadyAt, h.EndedAt,
                shown is HoldStatus.Waiting or HoldStatus.Ready ? rules.LapsesAt(shown, h.PlacedAt, h.ReadyAt) : null, h.Version);
        }).ToList(), page.Total, page.Page, page.PageSize);
    }

    /// Open holds per point the caller may see (the desk page of readers who see counts only).
    public async Task<IReadOnlyList<HoldCount>> CountsAsync(UserScope scope, CancellationToken ct)
    {
        var now = db.UtcNow;
        var rows = await HoldScope.Visible(db, scope, clock.Today()).Where(rules.OpenAt(now))
            .GroupBy(h => new { h.ServicePointId, h.ServicePoint.Code, h.ServicePoint.Name })
            .Select(g => new
            {
                g.Key.ServicePointId, g.Key.Code, g.Key.Name,
                Waiting = g.Count(h => h.Status == HoldStatus.Waiting), Ready = g.Count(h => h.Status == HoldStatus.Ready),
            })
            .ToListAsync(ct);
        return rows.Select(r => new HoldCount(r.ServicePointId, r.Code, r.Name, r.Waiting, r.Ready))
            .OrderBy(r => TextFolding.SortKey(r.PointName), StringComparer.Ordinal).ToList();
    }
}
