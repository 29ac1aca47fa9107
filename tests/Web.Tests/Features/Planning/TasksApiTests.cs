using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Tests.Features.Planning;

/// Issue 19, item 3: tasks per unit through the API, on both databases: giving a task, progress from the lead unit and
/// comments from the supporting units, the department's moves, the lists, evidence files and the calendar feed; and
/// every bad input the issue names for tasks.
public abstract class TasksApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/api/v1/tasks";
    private const string Library = "TV-TINH";
    private const string PostOffice = "BD-TINH";
    /// An executable's first bytes, sent as "a.pdf".
    private static readonly byte[] s_exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];
    private static readonly byte[] s_pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, long? version = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<TaskDetail> CreateAsync(string lead, string[]? supports = null, string title = "Rà soát sổ sách luân chuyển",
        int days = 14)
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var response = await monitor.PostJsonAsync(Url, new { title, lead, supports, deadline = app.Today.AddDays(days) });
        return await response.ReadAsync<TaskDetail>(HttpStatusCode.Created);
    }

    private string DemoPointCode() => app.WithDb(db =>
    {
        var pointId = db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).Single();
        return db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.Code).Single();
    });

    private int TaskCount() => app.WithDb(db => db.PlanTasks.Count());

    [DbFact]
    public async Task Create_DeadlineBeforeTheDayItIsGiven_400_NothingSaved()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var before = TaskCount();
        var problem = await (await monitor.PostJsonAsync(Url,
                new { title = "Hạn đã qua", lead = Library, deadline = app.Today.AddDays(-1) }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("deadline", out _));
        // Year 9999 and a missing deadline are refused on the same field.
        foreach (var deadline in new object?[] { "9999-12-31", null })
        {
            var far = await (await monitor.PostJsonAsync(Url, new { title = "Quá xa", lead = Library, deadline }))
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(far.GetProperty("errors").TryGetProperty("deadline", out _));
        }
        Assert.Equal(before, TaskCount());
    }

    [DbFact]
    public async Task Create_UnknownUnits_TooLongTexts_UnknownPlan_400_NothingSaved()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var before = TaskCount();
        var deadline = app.Today.AddDays(5);
        var unknownLead = await (await monitor.PostJsonAsync(Url, new { title = "X", lead = "KHONG-CO", deadline }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownLead.GetProperty("errors").TryGetProperty("lead", out _));
        var unknownSupport = await (await monitor.PostJsonAsync(Url,
                new { title = "X", lead = Library, supports = new[] { "KHONG-CO" }, deadline }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownSupport.GetProperty("errors").TryGetProperty("supports", out _));
        var longLead = await (await monitor.PostJsonAsync(Url, new { title = "X", lead = new string('A', 10_000), deadline }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(longLead.GetProperty("errors").TryGetProperty("lead", out _));
        var longTitle = await (await monitor.PostJsonAsync(Url, new { title = new string('a', 10_000), lead = Library, deadline,
            description = new string('b', 10_000) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(longTitle.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(longTitle.GetProperty("errors").TryGetProperty("description", out _));
        var plan = await (await monitor.PostJsonAsync(Url, new { title = "X", lead = Library, deadline, planId = int.MaxValue }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(plan.GetProperty("errors").TryGetProperty("planId", out _));
        var minPlan = await monitor.PostJsonAsync(Url, new { title = "X", lead = Library, deadline, planId = int.MinValue });
        Assert.Equal(HttpStatusCode.BadRequest, minPlan.StatusCode);
        Assert.Equal(before, TaskCount());
        // Only the department gives tasks.
        var library = await app.ClientAsync("demo-library");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await library.PostJsonAsync(Url, new { title = "X", lead = Library, deadline })).StatusCode);
    }

    [DbFact]
    public async Task Create_ReplayedWithTheSameKey_OneTask_SameAnswer()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var body = new { title = "Kiểm kê máy tính", lead = Library, deadline = app.Today.AddDays(20) };
        var before = TaskCount();
        var first = await (await monitor.SendAsync(Request(HttpMethod.Post, Url, body, key: "task-replay-1"), Ct))
            .ReadAsync<TaskDetail>(HttpStatusCode.Created);
        var again = await monitor.SendAsync(Request(HttpMethod.Post, Url, body, key: "task-replay-1"), Ct);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Task.Id, (await again.ReadAsync<TaskDetail>(HttpStatusCode.Created)).Task.Id);
        Assert.Equal(before + 1, TaskCount());
        // The same key with another request is refused.
        var other = await monitor.SendAsync(Request(HttpMethod.Post, Url, body with { title = "Khác" }, key: "task-replay-1"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [DbFact]
    public async Task LeadReportsProgressWithEvidence_SupportComments_OthersRefused404Or403()
    {
        var task = await CreateAsync(Library, [PostOffice]);
        Assert.Equal(TaskStatus.Open, task.Task.Status);
        Assert.Equal(TaskUpdateKind.Assigned, Assert.Single(task.Updates).Kind);

        // The lead unit's user: progress, a percent and a PDF, sent as a form.
        var library = await app.ClientAsync("demo-library");
        var form = new MultipartFormDataContent
        {
            { new StringContent("Đã rà soát 3/5 kho"), "text" },
            { new StringContent("60"), "progress" },
            { new ByteArrayContent(s_pdf), "files", "bien-ban.pdf" },
        };
        var progressed = await (await library.PostAsync($"{Url}/{task.Task.Id}/updates", form, Ct)).ReadAsync<TaskDetail>();
        Assert.Equal(60, progressed.Task.Progress);
        Assert.Equal(TaskStatus.InProgress, progressed.Task.Status);
        var entry = progressed.Updates[0];
        Assert.Equal(TaskUpdateKind.Progress, entry.Kind);
        var file = Assert.Single(entry.Files);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(s_pdf, await (await library.GetAsync(file.Url, Ct)).Content.ReadAsByteArrayAsync(Ct));

        // A supporting unit comments (JSON); it cannot report progress or send files.
        var post = await app.ClientAsync("demo-postoffice");
        var comment = await (await post.PostJsonAsync($"{Url}/{task.Task.Id}/updates", new { text = "Bưu điện sẽ chở sách về" }))
            .ReadAsync<TaskDetail>();
        Assert.Equal(TaskUpdateKind.Comment, comment.Updates[0].Kind);
        Assert.Equal(60, comment.Task.Progress);
        var postProgress = await (await post.PostJsonAsync($"{Url}/{task.Task.Id}/updates", new { text = "x", progress = 100 }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(postProgress.GetProperty("errors").TryGetProperty("progress", out _));

        // Outside the user's sight: 404, the task and its evidence alike.
        var point = await app.ClientAsync("demo-point");
        Assert.Equal(HttpStatusCode.NotFound, (await point.PostJsonAsync($"{Url}/{task.Task.Id}/updates", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync($"{Url}/{task.Task.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync(file.Url, Ct)).StatusCode);
        var updates = app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Task.Id));
        Assert.Equal(3, updates);
    }

    [DbFact]
    public async Task UpdateFromAUnitInScopeThatIsNotLeadNorSupport_403_OutOfScope_404()
    {
        var task = await CreateAsync(DemoPointCode(), title: "Mở cửa đúng giờ niêm yết");
        var before = app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Task.Id));
        // The area office and the commune office see the point's task but do not lead it.
        foreach (var user in new[] { "demo-district", "demo-commune" })
        {
            var client = await app.ClientAsync(user);
            var seen = await client.GetAsync<TaskDetail>($"{Url}/{task.Task.Id}");
            Assert.False(seen.Rights.Progress);
            Assert.False(seen.Rights.Comment);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync($"{Url}/{task.Task.Id}/updates",
                new { text = "Đã nhắc", progress = 50 })).StatusCode);
        }
        // The library reads nothing of a point's task: 404.
        var library = await app.ClientAsync("demo-library");
        Assert.Equal(HttpStatusCode.NotFound,
            (await library.PostJsonAsync($"{Url}/{task.Task.Id}/updates", new { text = "x" })).StatusCode);
        Assert.Equal(before, app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Task.Id)));
        // The point itself leads it.
        var point = await app.ClientAsync("demo-point");
        var done = await (await point.PostJsonAsync($"{Url}/{task.Task.Id}/updates",
                new { text = "Đã niêm yết giờ mở cửa", progress = 100 }))
            .ReadAsync<TaskDetail>();
        Assert.Equal(100, done.Task.Progress);
    }

    [DbFact]
    public async Task Update_BadInput_400_NothingSaved()
    {
        var task = await CreateAsync(Library);
        var library = await app.ClientAsync("demo-library");
        var url = $"{Url}/{task.Task.Id}/updates";
        var cases = new (object Body, string Field)[]
        {
            (new { text = new string('x', 10_000) }, "text"),
            (new { text = "x", progress = 101 }, "progress"),
            (new { text = "x", progress = int.MinValue }, "progress"),
            (new { }, "text"),
            (new { text = "x", files = new[] { new { name = "a.pdf", content = Convert.ToBase64String(s_exe) } } },
                "files"),
            (new { text = "x", files = new[] { new { name = "../a.pdf", content = Convert.ToBase64String(s_pdf) } } }, "files"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await (await library.PostJsonAsync(url, body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        var notPicture = new MultipartFormDataContent { { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0, 1, 2]), "files", "anh.jpg" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await library.PostAsync(url, notPicture, Ct)).StatusCode);
        var badPercent = new MultipartFormDataContent { { new StringContent("nhiều"), "progress" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await library.PostAsync(url, badPercent, Ct)).StatusCode);
        Assert.Equal(1, app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Task.Id)));
        Assert.Equal(0, app.WithDb(db => db.Attachments.Count(a => a.Owner == AttachmentOwner.TaskUpdate && a.CreatedBy == "demo-library"
            && a.FileName == "a.pdf")));
    }

    [DbFact]
    public async Task Update_Replayed_OneEntry()
    {
        var task = await CreateAsync(Library);
        var library = await app.ClientAsync("demo-library");
        var url = $"{Url}/{task.Task.Id}/updates";
        var body = new { text = "Báo cáo tuần", progress = 30 };
        await (await library.SendAsync(Request(HttpMethod.Post, url, body, key: "task-update-replay"), Ct)).ReadAsync<TaskDetail>();
        var again = await library.SendAsync(Request(HttpMethod.Post, url, body, key: "task-update-replay"), Ct);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, app.WithDb(db => db.TaskUpdates.Count(u => u.TaskId == task.Task.Id)));
    }

    [DbFact]
    public async Task Close_NeedsIfMatch_Twice409_TerminalUntilReopened()
    {
        var task = await CreateAsync(Library);
        var monitor = await app.ClientAsync("demo-monitor");
        var close = $"{Url}/{task.Task.Id}/close";
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await monitor.SendAsync(Request(HttpMethod.Post, close), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await monitor.SendAsync(Request(HttpMethod.Post, close, version: task.Version + 5), Ct)).StatusCode);
        var closed = await (await monitor.SendAsync(Request(HttpMethod.Post, close, new { note = "Đạt yêu cầu" }, task.Version), Ct))
            .ReadAsync<TaskDetail>();
        Assert.Equal(TaskStatus.Done, closed.Task.Status);
        Assert.Equal(100, closed.Task.Progress);
        var versionAfter = closed.Version;
        // Closing twice: 409 whatever version is sent, and nothing changes.
        Assert.Equal(HttpStatusCode.Conflict,
            (await monitor.SendAsync(Request(HttpMethod.Post, close, version: closed.Version), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await monitor.SendAsync(Request(HttpMethod.Post, close, version: task.Version), Ct)).StatusCode);
        // Done is final: no update, no new deadline, no cancel.
        var library = await app.ClientAsync("demo-library");
        Assert.Equal(HttpStatusCode.Conflict,
            (await library.PostJsonAsync($"{Url}/{task.Task.Id}/updates", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{task.Task.Id}/cancel",
            new { note = "x" }, closed.Version), Ct)).StatusCode);
        Assert.Equal(versionAfter, app.WithDb(db => db.PlanTasks.Where(t => t.Id == task.Task.Id).Select(t => t.Version).Single()));
        // Reopened, it takes progress again; a library user cannot reopen.
        Assert.Equal(HttpStatusCode.Forbidden, (await library.SendAsync(Request(HttpMethod.Post, $"{Url}/{task.Task.Id}/reopen", new { },
            closed.Version), Ct)).StatusCode);
        var reopened = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{task.Task.Id}/reopen",
            new { deadline = app.Today.AddDays(30), note = "Bổ sung biên bản" }, closed.Version), Ct)).ReadAsync<TaskDetail>();
        Assert.Equal(TaskStatus.InProgress, reopened.Task.Status);
        Assert.Equal(app.Today.AddDays(30), reopened.Task.Deadline);
        Assert.Equal(HttpStatusCode.Conflict, (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{task.Task.Id}/reopen", new { },
            reopened.Version), Ct)).StatusCode);
        Assert.Equal([TaskUpdateKind.Reopened, TaskUpdateKind.Closed, TaskUpdateKind.Assigned], reopened.Updates.Select(u => u.Kind));
    }

    [DbFact]
    public async Task Moves_Reassign_Reschedule_Cancel_BadInput400()
    {
        var task = await CreateAsync(Library);
        var monitor = await app.ClientAsync("demo-monitor");
        var id = task.Task.Id;
        var early = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/deadline",
            new { deadline = app.Today.AddDays(-3) },
            task.Version), Ct)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("deadline", out _));
        var unknown = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/reassign", new { lead = "KHONG-CO" },
                task.Version), Ct))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("lead", out _));
        var longNote = await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/cancel", new { note = new string('n', 10_000) },
            task.Version), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        var noReason = await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/cancel", new { }, task.Version), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var moved = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/reassign",
            new { lead = PostOffice, supports = new[] { Library } }, task.Version), Ct)).ReadAsync<TaskDetail>();
        Assert.Equal(PostOffice, moved.Task.Lead.Key);
        Assert.Equal(Library, Assert.Single(moved.Supports).Key);
        var later = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/deadline",
            new { deadline = app.Today.AddDays(40) },
            moved.Version), Ct)).ReadAsync<TaskDetail>();
        Assert.Equal(app.Today.AddDays(40), later.Task.Deadline);
        // Now the library supports it: it comments, no longer reports progress.
        var library = await app.ClientAsync("demo-library");
        var asSupport = await library.GetAsync<TaskDetail>($"{Url}/{id}");
        Assert.True(asSupport.Rights.Comment);
        Assert.False(asSupport.Rights.Progress);
        var cancelled = await (await monitor.SendAsync(Request(HttpMethod.Post, $"{Url}/{id}/cancel", new { note = "Trùng nhiệm vụ khác" },
            later.Version), Ct)).ReadAsync<TaskDetail>();
        Assert.Equal(TaskStatus.Cancelled, cancelled.Task.Status);
    }

    /// The acceptance check: the provincial library's user asks for overdue tasks and sees its own only.
    [DbFact]
    public async Task Overdue_AsTheLibrary_ListsItsOwnOnly_DerivedFromTheDeadline()
    {
        var ids = app.WithDb(db =>
        {
            var library = db.Organizations.Single(o => o.Code == Library).Id;
            var post = db.Organizations.Single(o => o.Code == PostOffice).Id;
            var now = app.UtcNow.AddDays(-30);
            PlanTask Late(int org, string title, TaskStatus status) => new()
            {
                Title = title, LeadOrganizationId = org, Deadline = app.Today.AddDays(-2), Status = status, CreatedAt = now,
                CreatedBy = "test", UpdatedAt = now,
            };
            var mine = Late(library, "Thư viện trễ hạn", TaskStatus.InProgress);
            var theirs = Late(post, "Bưu điện trễ hạn", TaskStatus.Open);
            var done = Late(library, "Thư viện đã xong", TaskStatus.Done);
            db.PlanTasks.AddRange(mine, theirs, done);
            db.SaveChanges();
            return (mine.Id, theirs.Id, done.Id);
        });
        var client = await app.ClientAsync("demo-library");
        var list = await client.GetAsync<TaskList>($"{Url}?overdue=true&pageSize=500");
        Assert.Contains(list.Items, t => t.Id == ids.Item1);
        Assert.DoesNotContain(list.Items, t => t.Id == ids.Item2 || t.Id == ids.Item3);
        Assert.All(list.Items, t => Assert.Equal(Library, t.Lead.Key));
        Assert.All(list.Items, t => Assert.True(t.Overdue));
        Assert.Equal(Library, Assert.Single(list.ByUnit).Key);
        Assert.Equal(2, list.Items.Single(t => t.Id == ids.Item1).DaysLate);

        // The department sees both, counted by unit.
        var monitor = await app.ClientAsync("demo-monitor");
        var all = await monitor.GetAsync<TaskList>($"{Url}?overdue=true&pageSize=500");
        Assert.Contains(all.Items, t => t.Id == ids.Item2);
        Assert.Contains(all.ByUnit, u => u.Key == PostOffice && u.Overdue >= 1);
        var byUnit = await monitor.GetAsync<TaskList>($"{Url}?unit={PostOffice}&status=Open&dueBefore={app.Today:yyyy-MM-dd}");
        Assert.Contains(byUnit.Items, t => t.Id == ids.Item2);
        Assert.All(byUnit.Items, t => Assert.Equal(PostOffice, t.Lead.Key));
    }

    [DbFact]
    public async Task List_BadFilters_400()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        foreach (var (query, field) in new[] { ("status=Overdue", "status"), ("unit=KHONG-CO", "unit"), ("plan=-1", "plan"),
                     ("pageSize=501", "pageSize"), ("dueBefore=9999-12-31", "dueBefore") })
        {
            var problem = await monitor.GetJsonAsync($"{Url}?{query}", HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync($"{Url}?overdue=maybe", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync($"{Url}/{int.MaxValue}", Ct)).StatusCode);
    }

    [DbFact]
    public async Task CalendarFeed_SecretLink_ListsTheUnitsDeadlines_RevokedIs404()
    {
        var task = await CreateAsync(Library, title: "Nộp báo cáo quý về Sở");
        var scope = await ScopeOfAsync("demo-library");
        var secret = await app.WithScopeAsync(sp => sp.GetRequiredService<TaskFeed>().CreateAsync(scope, Ct));
        var hash = TaskFeed.Hash(secret);
        Assert.True(app.WithDb(db => db.TaskFeedLinks.Any(l => l.SecretHash == hash)));
        Assert.False(app.WithDb(db => db.TaskFeedLinks.Any(l => l.SecretHash == secret)));

        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync($"{TaskFeed.Path}{secret}.ics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains($"task-{task.Task.Id}@bookpost", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART;VALUE=DATE:{task.Task.Deadline:yyyyMMdd}", ics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{TaskFeed.Path}{secret}x.ics", Ct)).StatusCode);

        // A new link replaces the old one; revoking stops it at once.
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<TaskFeed>().CreateAsync(scope, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{TaskFeed.Path}{secret}.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{TaskFeed.Path}{second}.ics", Ct)).StatusCode);
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<TaskFeed>().RevokeAsync(scope, Ct); return 0; });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{TaskFeed.Path}{second}.ics", Ct)).StatusCode);
    }

    private async Task<UserScope> ScopeOfAsync(string userName) => await app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var factory = sp.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>();
        return UserScope.FromPrincipal(await factory.CreateAsync((await users.FindByNameAsync(userName))!))!;
    });
}

public sealed class TasksApiTestsOnSqlite(SqliteApp app) : TasksApiTests(app), IClassFixture<SqliteApp>;

public sealed class TasksApiTestsOnPostgres(PostgresApp app) : TasksApiTests(app), IClassFixture<PostgresApp>;
