using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Home;

/// Points that did not open or report: active Post-Culture points with nothing recorded in the last
/// <see cref="Days"/> days, neither a tally, nor a loan lent or returned, nor a computer session. A point that opens
/// records at least one of these; one that records none is either closed or not reporting, and the area office asks.
public sealed class QuietPoints(AppDbContext db, TimeProvider clock)
{
    public const int Days = 14;

    public sealed record Quiet(int Id, string Name);

    public async Task<(int Count, IReadOnlyList<Quiet> First)> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var since = today.AddDays(-Days);
        var sinceUtc = VnTime.StartOfDayUtc(since);
        var quiet = db.ServicePoints.VisibleTo(db, scope, today)
            .Where(p => p.Status == ServicePointStatus.Active && p.Kind == ServicePointKind.PostCulturePoint)
            .Where(p => !db.TallyEvents.Any(t => t.PointId == p.Id && t.Day >= since)
                && !db.Loans.Any(l => l.PointId == p.Id && l.LentAt >= sinceUtc)
                && !db.Loans.Any(l => l.ReturnedAtPointId == p.Id && l.ReturnedAt >= sinceUtc)
                && !db.AccessSessions.Any(s => s.SiteId == p.Id && s.StartedAt >= sinceUtc));
        var count = await quiet.CountAsync(ct);
        var first = await quiet.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(HomeModule.Rows).Select(p => new Quiet(p.Id, p.Name))
            .ToListAsync(ct);
        return (count, first);
    }
}
