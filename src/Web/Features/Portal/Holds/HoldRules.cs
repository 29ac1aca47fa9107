using System.Linq.Expressions;

namespace Bookpost.Web.Features.Portal.Holds;

/// When a hold lapses (Portal:HoldWaitingDays after it was placed while waiting, Portal:HoldReadyDays after it was made
/// ready). The sweep (HoldSweep) ends overdue holds every few minutes; until it has, every query reads an overdue
/// hold as lapsed through <see cref="OpenAt"/> and <see cref="StatusAt"/>, so no page shows it open for a minute longer.
public sealed class HoldRules(Microsoft.Extensions.Options.IOptions<PortalOptions> options)
{
    public int WaitingDays => options.Value.HoldWaitingDays;
    public int ReadyDays => options.Value.HoldReadyDays;

    /// Holds still open at <paramref name="now"/>: waiting or ready, and not past their lapse.
    public Expression<Func<PointHold, bool>> OpenAt(DateTime now)
    {
        var waitingSince = now.AddDays(-WaitingDays);
        var readySince = now.AddDays(-ReadyDays);
        return h => (h.Status == HoldStatus.Waiting && h.PlacedAt > waitingSince)
            || (h.Status == HoldStatus.Ready && h.ReadyAt > readySince);
    }

    /// Open holds past their lapse (what the sweep ends).
    public Expression<Func<PointHold, bool>> OverdueAt(DateTime now)
    {
        var waitingSince = now.AddDays(-WaitingDays);
        var readySince = now.AddDays(-ReadyDays);
        return h => (h.Status == HoldStatus.Waiting && h.PlacedAt <= waitingSince)
            || (h.Status == HoldStatus.Ready && h.ReadyAt <= readySince);
    }

    /// The status as people should read it: an open hold past its lapse is lapsed.
    public HoldStatus StatusAt(HoldStatus status, DateTime placedAt, DateTime? readyAt, DateTime now) => status switch
    {
        HoldStatus.Waiting when placedAt <= now.AddDays(-WaitingDays) => HoldStatus.Lapsed,
        HoldStatus.Ready when readyAt <= now.AddDays(-ReadyDays) => HoldStatus.Lapsed,
        _ => status,
    };

    /// When an open hold lapses if nothing happens.
    public DateTime? LapsesAt(HoldStatus status, DateTime placedAt, DateTime? readyAt) => status switch
    {
        HoldStatus.Waiting => placedAt.AddDays(WaitingDays),
        HoldStatus.Ready => readyAt?.AddDays(ReadyDays),
        _ => null,
    };
}
