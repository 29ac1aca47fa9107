using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Completeness;

/// A point the caller may see, with what decides whether it was open in a period.
public sealed record PresentPoint(int Id, string Code, string Name, ServicePointKind Kind, string CommuneCode, double? Latitude,
    double? Longitude, DateOnly? OpenedOn);

/// Which points were open during a period: opened on or before its last day and, by their status history, active at some
/// moment of it (active when it began, or made active again during it). A point suspended or closed for the whole period
/// served no one then, so no return is expected from it and it is not counted as an active point.
public static class PointPresence
{
    public static async Task<IReadOnlyList<PresentPoint>> OpenDuringAsync(AppDbContext db, UserScope scope, DateOnly today,
        Period period, IReadOnlyCollection<ServicePointKind>? kinds, CancellationToken ct)
    {
        var visible = db.ServicePoints.VisibleTo(db, scope, today).Where(p => p.OpenedOn == null || p.OpenedOn <= period.To);
        if (kinds is not null) visible = visible.Where(p => kinds.Contains(p.Kind));
        var points = await visible
            .Select(p => new PresentPoint(p.Id, p.Code, p.Name, p.Kind, p.CommuneCode, p.Latitude, p.Longitude, p.OpenedOn))
            .ToListAsync(ct);
        var ids = visible.Select(p => p.Id);
        var end = period.ToUtcExclusive;
        var changes = (await db.ServicePointStatusChanges.Where(c => ids.Contains(c.ServicePointId) && c.ChangedAt < end)
                .Select(c => new { c.ServicePointId, c.From, c.To, c.ChangedAt }).ToListAsync(ct))
            .ToLookup(c => c.ServicePointId);
        var start = period.FromUtc;
        return points.Where(p =>
        {
            var history = changes[p.Id].OrderBy(c => c.ChangedAt).ToList();
            // Entered in Bookpost only after the period: it stood then if its opening day says so (a point entered after
            // the fact); with no opening day it did not exist yet.
            if (history.Count == 0) return p.OpenedOn is not null;
            var before = history.LastOrDefault(c => c.ChangedAt < start);
            var atStart = before?.To ?? history[0].From ?? history[0].To;
            return atStart == ServicePointStatus.Active
                || history.Any(c => c.ChangedAt >= start && c.To == ServicePointStatus.Active);
        }).ToList();
    }
}
