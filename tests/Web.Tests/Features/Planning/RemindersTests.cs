using System.Net;
using System.Text.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Reminders;
using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Tests.Features.Planning;

/// The demo's planning story (the conference of 20/9/2017, the sustainability plan 2017–2020, this year's plan), each
/// user's inbox built from it, and the digest when no mail server is configured: on both databases.
public abstract class RemindersTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task Demo_Conference2017_HasItsUnitsConclusionsAndTasks_DoneOrLate()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var meeting = await db.Meetings.Include(m => m.Units).Include(m => m.Conclusions)
                .SingleAsync(m => m.Date == DemoPlanningSeeder.ConferenceDay, Ct);
            var codes = await db.Organizations.Where(o => meeting.Units.Select(u => u.OrganizationId).Contains(o.Id)).Select(o => o.Code)
                .ToListAsync(Ct);
            Assert.Subset(codes.ToHashSet(), new HashSet<string> { "STTTT", "SVHTTDL", "BD-TINH", "TV-TINH" });
            Assert.True(codes.Count(c => c.StartsWith("PVHTT-", StringComparison.Ordinal)) >= 2, string.Join(", ", codes));
            Assert.Equal("STTTT", await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Code).SingleAsync(Ct));
            Assert.Contains("Phó Giám đốc", meeting.ChairPosition);
            Assert.True(meeting.Conclusions.Count >= 4);

            var tasks = await db.PlanTasks.Where(t => t.MeetingId == meeting.Id).ToListAsync(Ct);
            Assert.True(tasks.Count >= 5);
            Assert.All(tasks, t => Assert.NotNull(t.ConclusionId));
            Assert.All(tasks, t => Assert.Equal(TaskStatus.Done, t.Status));
            // Some finished late: closed after their deadline.
            Assert.Contains(tasks, t => t.ClosedAt is { } at && Bookpost.Web.Infrastructure.VnTime.DayOf(at) > t.Deadline);
            Assert.Contains(tasks, t => t.ClosedAt is { } at && Bookpost.Web.Infrastructure.VnTime.DayOf(at) <= t.Deadline);
            var ids = tasks.Select(t => t.Id).ToList();
            Assert.True(await db.TaskUpdates.CountAsync(u => ids.Contains(u.TaskId) && u.Kind == TaskUpdateKind.Progress, Ct) >= tasks.Count);
            return 0;
        });
    }

    [DbFact]
    public async Task Demo_SustainabilityPlan_IsIssuedByTheProvince_WithYearlyTargetsTheHistoryFills()
    {
        var plan = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var p = await db.Plans.Include(x => x.Steps).Include(x => x.Bases)
                .SingleAsync(x => x.IssuedNumber == DemoPlanningSeeder.SustainabilityNumber, Ct);
            Assert.Equal(PlanKind.Plan, p.Kind);
            Assert.Equal(PlanStatus.Issued, p.Status);
            Assert.Equal((2017, 2020), (p.FromYear, p.ToYear));
            Assert.Contains("BMGF-VN", p.Title);
            Assert.Equal("UBND-TINH", await db.Organizations.Where(o => o.Id == p.IssuingOrganizationId).Select(o => o.Code).SingleAsync(Ct));
            Assert.Equal(2017, p.IssuedOn!.Value.Year);
            Assert.NotEmpty(p.Bases);
            var steps = p.Steps.OrderBy(s => s.At).Select(s => s.To).ToList();
            Assert.Equal([PlanStatus.Draft, PlanStatus.Submitted, PlanStatus.Issued], steps.Take(3));
            Assert.All(p.Steps.Where(s => s.To != PlanStatus.Closed), s => Assert.Equal(2017, s.At.Year));
            var targets = await db.PlanTargets.Where(t => t.PlanId == p.Id).ToListAsync(Ct);
            foreach (var year in new[] { 2017, 2018, 2019, 2020 })
            {
                Assert.Contains(targets, t => t.Year == year && t.IndicatorCode == DemoPlanningSeeder.WorkingShare && t.Value == 90);
                Assert.Contains(targets, t => t.Year == year && t.IndicatorCode == DemoPlanningSeeder.Sessions);
            }
            return p;
        });

        // The targets' indicators exist, and the demo history gives them values in the plan's years.
        var admin = await app.ClientAsync("demo-admin");
        var catalogue = (await admin.GetJsonAsync("/api/v1/reports/indicators")).EnumerateArray().Select(i => i.GetProperty("code").GetString())
            .ToHashSet();
        var codes = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlanTargets.Where(t => t.PlanId == plan.Id)
            .Select(t => t.IndicatorCode).Distinct().ToListAsync(Ct));
        Assert.All(codes, c => Assert.Contains(c, catalogue));
        foreach (var year in new[] { 2017, 2020 })
        {
            var table = await admin.GetJsonAsync(
                $"/api/v1/reports/indicator-values?period=Year&year={year}&level=Province&codes={string.Join(",", codes)}");
            foreach (var row in table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("breakdown").ValueKind == JsonValueKind.Null))
                Assert.True(row.GetProperty("values").EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number && v.GetDecimal() > 0),
                    $"{row.GetProperty("code")} has no value in {year}");
        }
    }

    [DbFact]
    public async Task Demo_CurrentPlan_IsIssued_WithOverdueDueSoonAndDoneTasks_ForTheLibrary()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var today = app.Today;
            var plan = await db.Plans.SingleAsync(p => p.CreatedBy == DemoPlanningSeeder.By && p.FromYear == today.Year, Ct);
            Assert.Equal(PlanStatus.Issued, plan.Status);
            Assert.NotNull(plan.IssuedNumber);
            var library = await db.Organizations.Where(o => o.Code == "TV-TINH").Select(o => o.Id).SingleAsync(Ct);
            var tasks = await db.PlanTasks.Where(t => t.PlanId == plan.Id).ToListAsync(Ct);
            Assert.True(tasks.Count(t => t.LeadOrganizationId == library && PlanTask.IsOverdue(t.Status, t.Deadline, today)) >= 2);
            Assert.Contains(tasks, t => t.Status is TaskStatus.Open or TaskStatus.InProgress && t.Deadline >= today
                && t.Deadline <= today.AddDays(PlanningInbox.SoonDays));
            Assert.Contains(tasks, t => t.Status == TaskStatus.Done);
            Assert.Contains(tasks, t => t.LeadPointId is not null);
            Assert.True(tasks.Select(t => t.LeadOrganizationId).Distinct().Count() >= 4);
            // Demo accounts have e-mail addresses for the digest.
            Assert.All(await db.Users.Where(u => u.UserName!.StartsWith("demo-")).ToListAsync(Ct),
                u => Assert.Equal($"{u.UserName}@bookpost.example", u.Email));
            return 0;
        });
    }

    [DbFact]
    public async Task Demo_Seeder_RunTwice_AddsNothing()
    {
        static Task<(int, int, int, int, int)> CountAsync(AppDbContext db) =>
            Task.FromResult((db.Plans.Count(), db.PlanTargets.Count(), db.Meetings.Count(), db.PlanTasks.Count(), db.TaskUpdates.Count()));
        var before = await app.WithScopeAsync(sp => CountAsync(sp.GetRequiredService<AppDbContext>()));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoPlanningSeeder>().SeedAsync(Ct);
            return 0;
        });
        Assert.Equal(before, await app.WithScopeAsync(sp => CountAsync(sp.GetRequiredService<AppDbContext>())));
    }

    [DbFact]
    public async Task Inbox_OfTheLibrary_ListsItsOwnOverdueFirst_ThenDueSoon()
    {
        var library = await app.ClientAsync("demo-library");
        var inbox = await library.GetJsonAsync("/api/v1/inbox");
        Assert.Equal("TV-TINH", inbox.GetProperty("unit").GetProperty("key").GetString());
        var today = app.Today;
        var overdue = inbox.GetProperty("overdue").EnumerateArray().ToList();
        Assert.True(overdue.Count >= 2);
        Assert.All(overdue, t => Assert.True(DateOnly.Parse(t.GetProperty("deadline").GetString()!) < today));
        Assert.All(overdue, t => Assert.True(t.GetProperty("daysLate").GetInt32() > 0));
        Assert.Contains(overdue, t => t.GetProperty("title").GetString() == "Luân chuyển đợt sách quý IV tới các điểm Bưu điện – Văn hóa xã");
        var soon = inbox.GetProperty("dueSoon").EnumerateArray().ToList();
        Assert.NotEmpty(soon);
        Assert.All(soon, t => Assert.InRange(DateOnly.Parse(t.GetProperty("deadline").GetString()!), today, today.AddDays(3)));
        // A task the library supports (the department's report) is there too, marked as not led by it.
        Assert.Contains(soon, t => !t.GetProperty("isLead").GetBoolean());
        Assert.NotEmpty(inbox.GetProperty("assigned").EnumerateArray());
        Assert.Empty(inbox.GetProperty("overdueByUnit").EnumerateArray());

        // Another unit's inbox does not hold the library's tasks.
        var point = await (await app.ClientAsync("demo-point")).GetJsonAsync("/api/v1/inbox");
        Assert.DoesNotContain(point.GetProperty("overdue").EnumerateArray(), t => t.GetProperty("leadKey").GetString() == "TV-TINH");
        Assert.NotEmpty(point.GetProperty("overdue").EnumerateArray());
    }

    [DbFact]
    public async Task Inbox_OfTheDepartment_ShowsOverdueByUnit()
    {
        var monitor = await (await app.ClientAsync("demo-monitor")).GetJsonAsync("/api/v1/inbox");
        var units = monitor.GetProperty("overdueByUnit").EnumerateArray().ToList();
        Assert.Contains(units, u => u.GetProperty("key").GetString() == "TV-TINH" && u.GetProperty("count").GetInt32() >= 2);
        Assert.Contains(units, u => u.GetProperty("key").GetString() == "BD-TINH");
    }

    public static TheoryData<string> Users => ["demo-admin", "demo-monitor", "demo-postoffice", "demo-library", "demo-district",
        "demo-commune", "demo-point"];

    [DbTheory]
    [MemberData(nameof(Users))]
    public async Task InboxPage_OpensForEveryRole_AndCountsWhatTheApiLists(string user)
    {
        var page = await PageClient.SignInAsync(app, user);
        var html = await page.GetStringAsync("/Planning/Inbox", Ct);
        var inbox = await (await app.ClientAsync(user)).GetJsonAsync("/api/v1/inbox");
        Assert.Contains($"id=\"inbox-overdue\"", html);
        Assert.Contains($"data-count=\"{inbox.GetProperty("overdue").GetArrayLength()}\"", html);
        Assert.Contains("href=\"/Planning/Inbox\"", html);
        Assert.DoesNotContain("InProgress", html);
    }

    [DbFact]
    public async Task Digest_WithoutMailHost_SendsNothing_AndFailsNothing()
    {
        var admin = await app.ClientAsync("demo-admin");
        var run = await (await admin.PostAsync("/api/v1/reminders/digest", null, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.False(run.GetProperty("mailOn").GetBoolean());
        Assert.Equal(0, run.GetProperty("sent").GetInt32());
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DigestsSent.CountAsync(Ct)));
        // Only the administrator sends.
        var monitor = await app.ClientAsync("demo-monitor");
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.PostAsync("/api/v1/reminders/digest", null, Ct)).StatusCode);
    }
}

public sealed class RemindersTestsOnSqlite(SqliteApp app) : RemindersTests(app), IClassFixture<SqliteApp>;

public sealed class RemindersTestsOnPostgres(PostgresApp app) : RemindersTests(app), IClassFixture<PostgresApp>;
