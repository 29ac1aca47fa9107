using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Portal.Holds;

/// Lapses overdue holds (Portal:HoldWaitingDays unready, Portal:HoldReadyDays ready and not collected): at start and
/// every Portal:HoldSweepMinutes, once across instances (lease "holds"). A lapse deletes the name and number in the
/// same statement; the audit gets one summary and an erasure marker per hold (AuditErasure), never the values. Queries
/// read an overdue hold as lapsed before the sweep reaches it (HoldRules), so the sweep's pace changes no answer.
public sealed class HoldSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PortalOptions> options, JobLeases leases,
    ILogger<HoldSweep> log) : BackgroundService
{
    public const string Lease = "holds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RunOnceAsync(Lease, TimeSpan.FromMinutes(5), RunOnceAsync, stoppingToken);
                AppMetrics.JobDone("holds", ok: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException
                or LeaseLostException)
            {
                log.LogError(e, "Hold sweep failed; it runs again at its next turn");
                AppMetrics.JobDone("holds", ok: false);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.HoldSweepMinutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// One run: every overdue open hold becomes Lapsed, without its name and number. The count of lapsed holds.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rules = scope.ServiceProvider.GetRequiredService<HoldRules>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lapsed = await LapseOverdueAsync(db, rules, now, null, ct);
        if (lapsed == 0) return 0;
        await tx.CommitAsync(ct);
        log.LogInformation("Hold sweep: {Lapsed} holds lapsed", lapsed);
        return lapsed;
    }

    /// Ends the overdue open holds that <paramref name="which"/> selects (every one when null, at most 5,000 a call) in
    /// the caller's transaction: Lapsed, without the name and number, in one statement; the audit gets one summary and
    /// an erasure marker per hold this statement ended. The count.
    public static async Task<int> LapseOverdueAsync(AppDbContext db, HoldRules rules, DateTime now,
        System.Linq.Expressions.Expression<Func<PointHold, bool>>? which, CancellationToken ct)
    {
        var overdue = db.PointHolds.Where(rules.OverdueAt(now));
        if (which is not null) overdue = overdue.Where(which);
        var ids = await overdue.Select(h => h.Id).Take(5000).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        // Still overdue at the update (the version moves, so a desk edit begun on the hold as it was is refused).
        var lapsed = await db.PointHolds.Where(h => ids.Contains(h.Id)).Where(rules.OverdueAt(now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(h => h.Status, HoldStatus.Lapsed)
                .SetProperty(h => h.EndedAt, now)
                .SetProperty(h => h.ChangedBy, "system")
                .SetProperty(h => h.Name, (string?)null)
                .SetProperty(h => h.Phone, (string?)null)
                .SetProperty(h => h.Version, h => h.Version + 1), ct);
        // Another sweep (the timer beside a command, or a second instance before the lease) may have lapsed some of
        // them first: markers only for the holds this statement ended.
        if (lapsed == 0) return 0;
        var ended = lapsed == ids.Count ? ids : await db.PointHolds
            .Where(h => ids.Contains(h.Id) && h.Status == HoldStatus.Lapsed && h.EndedAt == now && h.ChangedBy == "system")
            .Select(h => h.Id).ToListAsync(ct);
        await db.AppendErasureMarkersAsync(nameof(PointHold),
            ended.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("lapse", new { Lapsed = lapsed, rules.WaitingDays, rules.ReadyDays }), ct);
        return lapsed;
    }
}
