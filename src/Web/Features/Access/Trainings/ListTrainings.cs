namespace Bookpost.Web.Features.Access;

/// Training classes of the sites the user sees, newest first; counts only.
public sealed class ListTrainings(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TrainingDto>> HandleAsync(TrainingQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.Trainings.Where(t => sites.Contains(t.SiteId));
        if (query.SiteId is { } site) q = q.Where(t => t.SiteId == site);
        if (query.From is { } from) q = q.Where(t => t.HeldOn >= from);
        if (query.To is { } to) q = q.Where(t => t.HeldOn <= to);
        return await TrainingDto.Project(q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).Take(500)).ToListAsync(ct);
    }
}
