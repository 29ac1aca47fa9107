using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Planning;

/// Issue 19, item 4: meetings, their conclusions turned into tasks in one call (all or nothing), and who reads them, on
/// both databases. Each test makes its own meeting, with a title of its own.
public abstract class MeetingsApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/api/v1/meetings";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? etag = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private object MeetingBody(string title, object[]? units = null, string[]? conclusions = null, string? date = null) => new
    {
        date = date ?? Day(app.Today.AddDays(-1)),
        title,
        place = "Hội trường Sở",
        chairName = "Lê Văn Thử",
        chairPosition = "Phó Giám đốc Sở",
        units = units ?? new object[]
        {
            new { unit = "TV-TINH", attendees = "Bà Nguyễn Thị Thư, Giám đốc" },
            new { unit = "BD-TINH", attendees = "Ông Trần Văn Bưu, Phó Giám đốc" },
        },
        agenda = "Sơ kết 9 tháng; nhiệm vụ quý IV.",
        minutes = "Các đơn vị báo cáo.\nThảo luận.",
        conclusions = conclusions ?? ["Xây dựng kế hoạch duy trì giai đoạn 2017–2020.", "Bảo đảm máy tính hoạt động tốt."],
    };

    private async Task<(JsonElement Meeting, string ETag)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Url, body, Ct);
        var json = await response.JsonAsync(HttpStatusCode.Created);
        return (json, response.Headers.ETag!.Tag);
    }

    private object Task(string title, string lead, string[]? supports = null, DateOnly? deadline = null) =>
        new { title, lead, supports = supports ?? [], deadline = Day(deadline ?? app.Today.AddDays(30)) };

    private int TasksOf(int meetingId) => app.WithDb(db => db.PlanTasks.Count(t => t.MeetingId == meetingId));

    [DbFact]
    public async Task Conclusion_TurnedIntoTwoTasks_InOneCall()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var (meeting, _) = await CreateAsync(monitor, MeetingBody($"Hội nghị sơ kết {Guid.NewGuid():N}"));
        var id = meeting.GetProperty("id").GetInt32();
        Assert.Equal(2, meeting.GetProperty("conclusions").GetArrayLength());
        Assert.Equal(2, meeting.GetProperty("units").GetArrayLength());

        var response = await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/1/tasks", new
        {
            tasks = new[]
            {
                Task("Trình UBND tỉnh kế hoạch duy trì 2017–2020", "TV-TINH", ["BD-TINH"], app.Today.AddDays(40)),
                Task("Rà soát máy tính tại các điểm", "BD-TINH", deadline: app.Today.AddDays(20)),
            },
        }, Ct);
        var made = await response.JsonAsync(HttpStatusCode.Created);
        var tasks = made.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Equal("TV-TINH", tasks[0].GetProperty("lead").GetProperty("key").GetString());
        Assert.Equal("BD-TINH", tasks[0].GetProperty("supports")[0].GetProperty("key").GetString());
        Assert.Equal("BD-TINH", tasks[1].GetProperty("lead").GetProperty("key").GetString());

        // The tasks hang on the meeting and its first conclusion, each with its first history entry.
        app.WithDb(db =>
        {
            var rows = db.PlanTasks.Include(t => t.Updates).Where(t => t.MeetingId == id).ToList();
            Assert.Equal(2, rows.Count);
            var first = db.MeetingConclusions.Single(c => c.MeetingId == id && c.Number == 1).Id;
            Assert.All(rows, t => Assert.Equal(first, t.ConclusionId));
            Assert.All(rows, t => Assert.Single(t.Updates));
            return 0;
        });
        // Everyone reads the meeting with its tasks under the conclusion: the library whose task it is, too.
        var library = await app.ClientAsync("demo-library");
        var read = await library.GetJsonAsync($"{Url}/{id}");
        Assert.Equal(2, read.GetProperty("conclusions")[0].GetProperty("tasks").GetArrayLength());
        Assert.Equal(0, read.GetProperty("conclusions")[1].GetProperty("tasks").GetArrayLength());
        Assert.False(read.GetProperty("canEdit").GetBoolean());
        var list = await library.GetJsonAsync($"{Url}?q={Uri.EscapeDataString(meeting.GetProperty("title").GetString()!)}");
        Assert.Equal(2, list.GetProperty("items")[0].GetProperty("tasks").GetInt32());
    }

    [DbFact]
    public async Task Tasks_OneBad_RefusesAll()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var (meeting, _) = await CreateAsync(monitor, MeetingBody($"Họp giao ban {Guid.NewGuid():N}"));
        var id = meeting.GetProperty("id").GetInt32();
        async Task<JsonElement> RefusedAsync(params object[] tasks) =>
            await (await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/2/tasks", new { tasks }, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        bool Names(JsonElement problem, string field) => problem.GetProperty("errors").TryGetProperty(field, out _);

        // A deadline before today on the second task: the first, good one is not made either.
        var before = await RefusedAsync(Task("Việc tốt", "TV-TINH"), Task("Việc trễ", "BD-TINH", deadline: app.Today.AddDays(-1)));
        Assert.True(Names(before, "tasks[1].deadline"), before.ToString());
        Assert.False(Names(before, "tasks[0].deadline"));
        // An unknown lead, an unknown supporting unit.
        Assert.True(Names(await RefusedAsync(Task("Việc", "KHONG-CO")), "tasks[0].lead"));
        Assert.True(Names(await RefusedAsync(Task("Việc", "TV-TINH", ["KHONG-CO"])), "tasks[0].supports"));
        // A 10,000-character title, a deadline in year 9999.
        Assert.True(Names(await RefusedAsync(Task(new string('x', 10_000), "TV-TINH")), "tasks[0].title"));
        Assert.True(Names(await RefusedAsync(Task("Việc xa", "TV-TINH", deadline: new DateOnly(9999, 12, 31))), "tasks[0].deadline"));
        // No task, a null task, the same task twice in one call.
        Assert.True(Names(await RefusedAsync(), "tasks"));
        Assert.True(Names(await RefusedAsync(Task("Việc", "TV-TINH"), null!), "tasks[1]"));
        Assert.True(Names(await RefusedAsync(Task("Việc đôi", "TV-TINH"), Task("việc đôi", "TV-TINH")), "tasks[1].title"));
        Assert.Equal(0, TasksOf(id));

        // Conclusions that do not exist: 404, whatever the number.
        foreach (var n in new[] { int.MinValue, -1, 0, 3, int.MaxValue })
        {
            var missing = await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/{n}/tasks", new { tasks = new[] { Task("Việc", "TV-TINH") } }, Ct);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound,
            (await monitor.PostAsJsonAsync($"{Url}/0/conclusions/1/tasks", new { tasks = new[] { Task("Việc", "TV-TINH") } }, Ct)).StatusCode);

        // Made once; the same task again (a second tap without its key) is a conflict and makes nothing.
        var body = new { tasks = new[] { Task("Rà soát đường truyền", "BD-TINH") } };
        Assert.Equal(HttpStatusCode.Created, (await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/2/tasks", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/2/tasks", body, Ct)).StatusCode);
        // A replay with its Idempotency-Key answers the first answer again.
        var key = Guid.NewGuid().ToString("N");
        var keyed = new { tasks = new[] { Task("Cập nhật sổ sách", "TV-TINH") } };
        for (var i = 0; i < 2; i++)
        {
            using var request = Request(HttpMethod.Post, $"{Url}/{id}/conclusions/1/tasks", keyed);
            request.Headers.Add("Idempotency-Key", key);
            Assert.Equal(HttpStatusCode.Created, (await monitor.SendAsync(request, Ct)).StatusCode);
        }
        Assert.Equal(2, TasksOf(id));
    }

    [DbFact]
    public async Task Meeting_BadInput_Refused_NothingWritten()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var before = app.WithDb(db => db.Meetings.Count());
        async Task RefusedAsync(object body, string field)
        {
            var problem = await (await monitor.PostAsJsonAsync(Url, body, Ct)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        await RefusedAsync(MeetingBody(new string('h', 10_000)), "title");
        await RefusedAsync(MeetingBody("Họp", date: "9999-12-31"), "date");
        await RefusedAsync(MeetingBody("Họp", date: "1900-01-01"), "date");
        await RefusedAsync(MeetingBody("Họp", units: [new { unit = "KHONG-CO" }]), "units[0].unit");
        await RefusedAsync(MeetingBody("Họp", units: [new { unit = "TV-TINH" }, new { unit = "TV-TINH" }]), "units[1].unit");
        await RefusedAsync(MeetingBody("Họp", units: [new { unit = "TV-TINH", attendees = new string('a', 10_000) }]), "units[0].attendees");
        await RefusedAsync(MeetingBody("Họp", conclusions: ["Một", new string('k', 10_000)]), "conclusions[1]");
        await RefusedAsync(MeetingBody("Họp", conclusions: ["Một", "  "]), "conclusions[1]");
        await RefusedAsync(MeetingBody("Họp\u0007"), "title");
        // Only the department writes.
        foreach (var user in new[] { "demo-library", "demo-point", "demo-district" })
        {
            var client = await app.ClientAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Url, MeetingBody("Họp"), Ct)).StatusCode);
        }
        Assert.Equal(before, app.WithDb(db => db.Meetings.Count()));
    }

    [DbFact]
    public async Task Edit_NeedsIfMatch_StaleAnswers412_ConclusionWithTasksStays()
    {
        var admin = await app.ClientAsync("demo-admin");
        var title = $"Hội nghị sửa {Guid.NewGuid():N}";
        var (meeting, etag) = await CreateAsync(admin, MeetingBody(title));
        var id = meeting.GetProperty("id").GetInt32();
        var changed = MeetingBody(title + " (sửa)", conclusions: ["Kết luận một, sửa lời.", "Kết luận hai.", "Kết luận ba."]);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", changed), Ct)).StatusCode);
        var saved = await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", changed, etag), Ct);
        var json = await saved.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, json.GetProperty("conclusions").GetArrayLength());
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        // The version read before the edit is stale now: 412, nothing changed.
        var stale = await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", MeetingBody("Khác"), etag), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(title + " (sửa)", app.WithDb(db => db.Meetings.Single(m => m.Id == id).Title));

        // Conclusion 3 gave a task: it cannot be dropped, and the task stays with conclusion 1's row when 1's words change.
        await (await admin.PostAsJsonAsync($"{Url}/{id}/conclusions/3/tasks", new { tasks = new[] { Task("Việc của kết luận ba", "TV-TINH") } }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        var current = saved.Headers.ETag!.Tag;
        var dropping = await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}",
            MeetingBody(title, conclusions: ["Một.", "Hai."]), current), Ct);
        Assert.Equal(HttpStatusCode.Conflict, dropping.StatusCode);
        Assert.Equal(3, app.WithDb(db => db.MeetingConclusions.Count(c => c.MeetingId == id)));
        // A version that is no number at all, a weak tag: 428 and 412 as elsewhere.
        Assert.Equal(HttpStatusCode.PreconditionRequired,
            (await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", changed, "\"abc\""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", changed, "W/" + current), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(Request(HttpMethod.Put, $"{Url}/0", changed, current), Ct)).StatusCode);
    }

    [DbFact]
    public async Task Point_ReadsOnlyMeetingsItsAgencyAttended()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var operatorCode = app.WithDb(db =>
        {
            var pointId = db.Users.Single(u => u.UserName == "demo-point").ScopePointId;
            var op = db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.OperatorId).Single();
            return db.Organizations.Where(o => o.Id == op).Select(o => o.Code).Single();
        });
        var tag = Guid.NewGuid().ToString("N");
        var (attended, _) = await CreateAsync(monitor, MeetingBody($"Họp có đơn vị của điểm {tag}",
            units: [new { unit = operatorCode, attendees = "Ông A" }]));
        var (other, _) = await CreateAsync(monitor, MeetingBody($"Họp không có đơn vị của điểm {tag}", units: [new { unit = "TV-TINH" }]));
        var point = await app.ClientAsync("demo-point");
        await point.GetJsonAsync($"{Url}/{attended.GetProperty("id").GetInt32()}");
        await point.GetJsonAsync($"{Url}/{other.GetProperty("id").GetInt32()}", HttpStatusCode.NotFound);
        var list = await point.GetJsonAsync($"{Url}?q={tag}");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        // The commune office reads both.
        var commune = await app.ClientAsync("demo-commune");
        Assert.Equal(2, (await commune.GetJsonAsync($"{Url}?q={tag}")).GetProperty("total").GetInt32());
        // Filters out of range are refused, not a 500.
        await commune.GetJsonAsync($"{Url}?from=2020-01-01&to=2019-01-01", HttpStatusCode.BadRequest);
        await commune.GetJsonAsync($"{Url}?q={new string('q', 200)}", HttpStatusCode.BadRequest);
        await commune.GetJsonAsync($"{Url}?page=0", HttpStatusCode.BadRequest);
    }

    /// The conclusion notice in the Decree 30 layout: issued by the department as it was on the notice's day (Sở TT&TT
    /// before 1/3/2025, Sở KH&CN from then) under the province, "Số: 45/TB-…", the conclusions numbered with their tasks,
    /// the units present as recipients; a valid DOCX and a PDF that reads back.
    [DbFact]
    public async Task Notice_DocxValid_PdfReadsBack_IssuerAsOnTheDay()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var old = MeetingBody($"Hội nghị sơ kết Dự án BMGF-VN {Guid.NewGuid():N}", date: "2024-09-20");
        var (meeting, etag) = await CreateAsync(monitor, old);
        var id = meeting.GetProperty("id").GetInt32();
        await (await monitor.PostAsJsonAsync($"{Url}/{id}/conclusions/1/tasks", new
        {
            tasks = new[] { Task("Trình kế hoạch duy trì", "TV-TINH", ["BD-TINH"], app.Today.AddDays(15)) },
        }, Ct)).JsonAsync(HttpStatusCode.Created);
        // Without a number the notice is a draft.
        var draft = await (await monitor.GetAsync($"{Url}/{id}/notice?format=docx", Ct)).Content.ReadAsByteArrayAsync(Ct);
        Assert.Contains("DỰ THẢO", DocxText(draft));

        var numbered = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(old))!;
        numbered["noticeNumber"] = "45";
        numbered["noticeDate"] = "2024-09-25";
        await (await monitor.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", numbered, etag), Ct)).JsonAsync(HttpStatusCode.OK);

        var library = await app.ClientAsync("demo-library");
        var docxResponse = await library.GetAsync($"{Url}/{id}/notice?format=docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docxResponse.StatusCode);
        var text = DocxText(await docxResponse.Content.ReadAsByteArrayAsync(Ct));
        string[] expected = ["ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 45/TB-STTTT",
            "Thanh Hóa, ngày 25 tháng 09 năm 2024", "THÔNG BÁO", "Kết luận của Phó Giám đốc Sở Lê Văn Thử tại Hội nghị sơ kết",
            "1. Xây dựng kế hoạch", "2. Bảo đảm máy tính", "Trình kế hoạch duy trì: Thư viện tỉnh Thanh Hóa chủ trì",
            "phối hợp với Bưu điện tỉnh Thanh Hóa", VnTimeShow(app.Today.AddDays(15)), "Nơi nhận", "- Thư viện tỉnh Thanh Hóa;",
            "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Thử"];
        foreach (var e in expected) Assert.Contains(e, text);
        Assert.DoesNotContain("DỰ THẢO", text);

        var pdf = await (await library.GetAsync($"{Url}/{id}/notice?format=pdf", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var read = await Rotation.RotationCycleTests.PdfTextAsync(pdf);
        Assert.SkipWhen(read is null, "pdftotext (poppler-utils) is not installed.");
        var flat = System.Text.RegularExpressions.Regex.Replace(read!, @"\s+", " ");
        foreach (var e in new[] { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 45/TB-STTTT", "THÔNG BÁO",
                     "Trình kế hoạch duy trì", "Nơi nhận", "KT. GIÁM ĐỐC" })
            Assert.Contains(e, flat);

        // After the merger of 1/3/2025 the same department issues as Sở KH&CN.
        var (recent, _) = await CreateAsync(monitor, MeetingBody($"Họp giao ban {Guid.NewGuid():N}", date: "2025-06-10"));
        var recentText = DocxText(await (await monitor.GetAsync($"{Url}/{recent.GetProperty("id").GetInt32()}/notice", Ct))
            .Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ", recentText);
        Assert.Contains("/TB-SKHCN", recentText);
        // A format that is neither, a meeting that does not exist.
        await monitor.GetJsonAsync($"{Url}/{id}/notice?format=exe", HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync($"{Url}/0/notice?format=pdf", Ct)).StatusCode);
    }

    private static string VnTimeShow(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// The DOCX's text, paragraph by paragraph, once OpenXmlValidator finds nothing wrong with it.
    private static string DocxText(byte[] docx)
    {
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return string.Join("\n", word.MainDocumentPart!.Document!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Select(p => p.InnerText));
    }
}

public sealed class MeetingsApiTestsOnSqlite(SqliteApp app) : MeetingsApiTests(app), IClassFixture<SqliteApp>;

public sealed class MeetingsApiTestsOnPostgres(PostgresApp app) : MeetingsApiTests(app), IClassFixture<PostgresApp>;
