using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Access;

/// Retention of attendance lists (Personal Data Protection Law; Privacy:AttendeeRetentionYears, default 5): once a
/// day, and once at start after the database is ready, the attendees of classes held more than that many years ago
/// lose their identity. The name becomes an anonymous label and the birth year goes (no indicator reads it); the sex
/// and the minority and poor-household marks stay as anonymous figures, and the class's own counts, which are what the
/// indicators read, are not touched, so no indicator changes. The run's count goes to the log and, when it anonymised
/// anything, into one summary audit entry, without the values it removed, and an erasure marker per attendee
/// (AuditErasure) so that the attendees' earlier audit entries are masked.
public sealed class AttendeeRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PrivacyOptions> options,
    Infrastructure.Operations.JobLeases leases, ILogger<AttendeeRetention> log) : BackgroundService
{
    /// What an anonymised attendee is called.
    public const string AnonymousName = "Ẩn danh";

    /// When the daily run comes next; null until the run at start has finished.
    public DateTimeOffset? NextRunAt { get; private set; }

    public sealed record Outcome(DateOnly HeldBefore, int Classes, int Attendees);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            NextRunAt = null;
            try
            {
                // One instance runs it when several share the database; a later run on another is a no-op.
                await Infrastructure.Operations.LeasedWork.RunOnceAsync(leases, "retention:attendees", TimeSpan.FromMinutes(10),
                    RunOnceAsync, stoppingToken);
                Infrastructure.Operations.AppMetrics.JobDone("retention", ok: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogError(e, "Attendee retention failed; it runs again tomorrow");
                Infrastructure.Operations.AppMetrics.JobDone("retention", ok: false);
            }
            try
            {
                var wait = Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
                NextRunAt = clock.GetUtcNow() + TimeSpan.FromDays(1);
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// One run: anonymises the lists of classes held before today minus the retention period that still have them.
    public async Task<Outcome> RunOnceAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var heldBefore = today.AddYears(-options.Value.AttendeeRetentionYears);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dueIds = await db.Trainings.Where(t => t.HeldOn < heldBefore && t.AttendeesAnonymisedOn == null).Select(t => t.Id)
            .ToListAsync(ct);
        var of = db.TrainingAttendees.Where(a => dueIds.Contains(a.TrainingId));
        var attendeeIds = dueIds.Count == 0 ? [] : await of.Select(a => a.Id).ToListAsync(ct);
        var attendees = dueIds.Count == 0 ? 0
            : await of.ExecuteUpdateAsync(u => u.SetProperty(a => a.FullName, AnonymousName).SetProperty(a => a.BirthYear, (int?)null), ct);
        // The version moves, so an edit begun on the list as it was is refused rather than writing the names back.
        var classes = dueIds.Count == 0 ? 0 : await db.Trainings.Where(t => dueIds.Contains(t.Id) && t.AttendeesAnonymisedOn == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.AttendeesAnonymisedOn, today).SetProperty(t => t.Version,
                t => t.Version + 1), ct);
        // The summary, and an erasure marker per attendee (AuditErasure), so their earlier audit entries are masked.
        if (classes > 0)
            await db.AppendErasureMarkersAsync(nameof(TrainingAttendee),
                attendeeIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("retention", new { HeldBefore = heldBefore, Classes = classes, Attendees = attendees,
                    Privacy = "AttendeeRetentionYears" }), ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Attendee retention: {Attendees} attendees of {Classes} classes held before {HeldBefore} anonymised",
            attendees, classes, heldBefore);
        return new Outcome(heldBefore, classes, attendees);
    }
}
