using System.Security.Cryptography;
using Bookpost.Web.Features.Planning.Units;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Bookpost.Web.Features.Planning.Tasks;

/// The calendar feed (.ics) of a user's unit deadlines, which a phone's calendar subscribes to by a secret link. Only
/// the secret's SHA-256 is stored: the link is shown once, when it is made. Making a new link revokes the old one;
/// a revoked link, or one of a disabled account, answers 404 at once. The feed reads as the user would, on the day it
/// is read: the tasks the user's unit leads or supports (the department: every task), open ones and those finished in
/// the last 90 days, each an all-day event on its deadline.
public sealed class TaskFeed(AppDbContext db, PlanningUnits units, TaskReads reads, TimeProvider clock, Text text)
{
    /// The path of the feed; the secret follows it.
    public const string Path = "/api/v1/tasks/calendar/";

    public sealed record LinkState(bool Active, DateTime? CreatedAt);

    public async Task<LinkState> StateAsync(UserScope scope, CancellationToken ct)
    {
        var link = await db.TaskFeedLinks.AsNoTracking().Where(l => l.UserId == scope.UserId && l.RevokedAt == null)
            .OrderByDescending(l => l.Id).FirstOrDefaultAsync(ct);
        return new LinkState(link is not null, link?.CreatedAt);
    }

    /// A new secret for the user (the old link stops); returned once, never stored.
    public async Task<string> CreateAsync(UserScope scope, CancellationToken ct)
    {
        await RevokeAllAsync(scope.UserId, ct);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.TaskFeedLinks.Add(new TaskFeedLink { UserId = scope.UserId, SecretHash = Hash(secret), CreatedAt = db.UtcNow });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task RevokeAsync(UserScope scope, CancellationToken ct)
    {
        await RevokeAllAsync(scope.UserId, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task RevokeAllAsync(string userId, CancellationToken ct)
    {
        var now = db.UtcNow;
        foreach (var old in await db.TaskFeedLinks.Where(l => l.UserId == userId && l.RevokedAt == null).ToListAsync(ct))
            old.RevokedAt = now;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// The calendar for a secret; null when no live link has it (unknown, revoked, or its user disabled).
    public async Task<string?> CalendarAsync(string? secret, string baseUrl, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length is < 20 or > 100) return null;
        var hash = Hash(secret.Trim());
        var link = await db.TaskFeedLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SecretHash == hash && l.RevokedAt == null, ct);
        if (link is null) return null;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == link.UserId, ct);
        if (user is null || user.IsDisabled) return null;
        var claims = UserScope.ClaimsFor(user).Append(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier,
            user.Id)).Append(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user.UserName ?? ""));
        var scope = UserScope.FromPrincipal(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims,
            "feed")));
        if (scope is null) return null;

        var today = clock.Today();
        var since = VnTime.StartOfDayUtc(today.AddDays(-90));
        var q = db.PlanTasks.AsNoTracking().Where(t => t.Status == TaskStatus.Open || t.Status == TaskStatus.InProgress
            || (t.Status == TaskStatus.Done && t.ClosedAt >= since));
        if (!scope.Is(TaskReads.Department))
        {
            if (await units.UnitOfAsync(scope, ct) is not { } own) q = q.Where(t => false);
            else
            {
                var supported = reads.SupportedBy(db.PlanTasks, own).Select(t => t.Id);
                q = own.OrganizationId is { } o
                    ? q.Where(t => t.LeadOrganizationId == o || supported.Contains(t.Id))
                    : q.Where(t => t.LeadPointId == own.PointId || supported.Contains(t.Id));
            }
        }
        var tasks = await q.OrderBy(t => t.Deadline).ThenBy(t => t.Id).Take(2000).ToListAsync(ct);
        var rows = await reads.RowsAsync(tasks, ct);

        var calendar = new Calendar { ProductId = "-//Bookpost//Nhiem vu//VI" };
        calendar.AddProperty("X-WR-CALNAME", text["Tasks.FeedName"]);
        foreach (var r in rows)
        {
            var state = r.Overdue ? text.Format("Tasks.OverdueDays", r.DaysLate) : r.StatusName;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"task-{r.Id}@bookpost",
                Summary = $"{text["Tasks.FeedPrefix"]} {r.Title}",
                Description = $"{text["Tasks.Lead"]}: {r.Lead.Name}\n{text["Tasks.Status"]}: {state} · {r.Progress}%\n"
                    + $"{baseUrl}/Planning/Tasks/{r.Id}",
                Url = new Uri($"{baseUrl}/Planning/Tasks/{r.Id}"),
                Start = new CalDateTime(r.Deadline),
                End = new CalDateTime(r.Deadline.AddDays(1)),
                DtStamp = new CalDateTime(db.UtcNow),
                Status = r.Status == TaskStatus.Done ? EventStatus.Confirmed : EventStatus.Tentative,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }
}
