using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Planning.Attachments;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Features.Planning;

/// Issue 19, item 1: programmes and plans through the API on both databases: the workflow with who and when, issuing
/// freezes, a change after issuing is a new version, who sees what, and every bad input the issue lists for plans
/// (steps out of order, a file that lies about its kind, a ZIP bomb, a file too big, a name with ../) refused with
/// nothing changed and nothing written.
public abstract class PlansApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/api/v1/plans";
    private static int s_counter;

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, long? version = null,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// A valid plan body; each test changes what it is about. Titles are unique per test so lists can find them.
    private static Dictionary<string, object?> Body(string? title = null, string? area = null) => new()
    {
        ["kind"] = "Plan",
        ["title"] = title ?? $"Kế hoạch duy trì bền vững dự án BMGF-VN thử nghiệm {Interlocked.Increment(ref s_counter)}",
        ["fromYear"] = 2017,
        ["toYear"] = 2020,
        ["areaCode"] = area,
        ["issuingUnit"] = "UBND-TINH",
        ["purpose"] = "Duy trì hoạt động của các điểm.\nNâng cao hiệu quả phục vụ.",
        ["content"] = "Duy trì máy tính hoạt động tốt.",
        ["implementation"] = "Sở chủ trì, phối hợp Bưu điện tỉnh.",
        ["bases"] = new[]
        {
            new { number = "1234/QĐ-UBND", date = "2017-04-10", issuer = "UBND tỉnh Thanh Hóa", title = "Quyết định phê duyệt dự án" },
        },
    };

    private async Task<PlanDetail> CreateAsync(HttpClient client, Dictionary<string, object?>? body = null) =>
        await (await client.PostJsonAsync(Url, body ?? Body())).ReadAsync<PlanDetail>(HttpStatusCode.Created);

    private async Task<PlanDetail> StepAsync(HttpClient client, int id, string step, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync($"{Url}/{id}/{step}", body ?? new { })).ReadAsync<PlanDetail>(expected);

    private string IssueDay => app.Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<PlanDetail> IssuedAsync(HttpClient client, Dictionary<string, object?>? body = null)
    {
        var plan = await CreateAsync(client, body);
        await StepAsync(client, plan.Plan.Id, "submit");
        return await StepAsync(client, plan.Plan.Id, "issue",
            new { number = $"{Interlocked.Increment(ref s_counter) + 100}/QĐ-UBND", issuedOn = IssueDay });
    }

    private PlanStatus StatusOf(int id) => app.WithDb(db => db.Plans.Where(p => p.Id == id).Select(p => p.Status).Single());

    [DbFact]
    public async Task Workflow_DraftSubmitIssueClose_RecordsWhoAndWhen_IssuingFreezes_AmendingMakesANewVersion()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var plan = await CreateAsync(monitor);
        Assert.Equal(PlanStatus.Draft, plan.Plan.Status);
        Assert.Equal("38", plan.Plan.AreaCode);
        Assert.Equal("UBND-TINH", plan.IssuingUnit?.Key);
        Assert.Equal("SKHCN", plan.DraftingUnit?.Key);
        Assert.Single(plan.Bases);
        Assert.True(plan.CanEdit && plan.CanSubmit && !plan.CanIssue);
        var id = plan.Plan.Id;

        var read = await monitor.GetAsync($"{Url}/{id}", Ct);
        Assert.Equal($"\"{plan.Version}\"", read.Headers.ETag?.Tag);
        var edit = Body("Kế hoạch đã sửa tên");
        edit["bases"] = Array.Empty<object>();
        var saved = await (await monitor.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", edit, plan.Version), Ct)).ReadAsync<PlanDetail>();
        Assert.Equal("Kế hoạch đã sửa tên", saved.Plan.Title);
        Assert.Empty(saved.Bases);

        var submitted = await StepAsync(monitor, id, "submit");
        Assert.Equal(PlanStatus.Submitted, submitted.Plan.Status);
        var issued = await StepAsync(monitor, id, "issue", new { number = "2510/QĐ-UBND", issuedOn = IssueDay });
        Assert.Equal(PlanStatus.Issued, issued.Plan.Status);
        Assert.Equal("2510/QĐ-UBND", issued.Plan.IssuedNumber);
        Assert.Equal(app.Today.AddDays(-3), issued.Plan.IssuedOn);
        Assert.Equal([PlanStatus.Draft, PlanStatus.Submitted, PlanStatus.Issued], issued.Steps.Select(s => s.To));
        Assert.All(issued.Steps, s => Assert.Equal("demo-monitor", s.By));
        Assert.All(issued.Steps, s => Assert.NotEqual("", s.ByName));
        Assert.Contains("2510/QĐ-UBND", issued.Steps[^1].Note);
        Assert.False(issued.CanEdit);

        // Frozen: an edit of the issued plan is a conflict and changes nothing.
        var frozen = await monitor.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", Body("Không được sửa"), issued.Version), Ct);
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Equal("Kế hoạch đã sửa tên", app.WithDb(db => db.Plans.Single(p => p.Id == id).Title));

        // A change after issuing: a new draft that names the plan it amends and what it changes.
        var amendment = await (await monitor.PostJsonAsync($"{Url}/{id}/amend", new { note = "Bổ sung chỉ tiêu năm 2020" }))
            .ReadAsync<PlanDetail>(HttpStatusCode.Created);
        Assert.Equal(PlanStatus.Draft, amendment.Plan.Status);
        Assert.Equal(id, amendment.Plan.AmendsId);
        Assert.Equal("Bổ sung chỉ tiêu năm 2020", amendment.AmendmentNote);
        Assert.Equal(id, amendment.Amends?.Id);
        // A second while the first is open: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await monitor.PostJsonAsync($"{Url}/{id}/amend", new { note = "Lần nữa" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.PostJsonAsync($"{Url}/{amendment.Plan.Id}/amend", new { })).StatusCode);
        var original = await monitor.GetAsync<PlanDetail>($"{Url}/{id}");
        Assert.Equal([amendment.Plan.Id], original.AmendedBy.Select(a => a.Id));

        var closed = await StepAsync(monitor, id, "close");
        Assert.Equal(PlanStatus.Closed, closed.Plan.Status);
        Assert.Equal(PlanStatus.Closed, closed.Steps[^1].To);
        Assert.Equal(PlanStatus.Issued, closed.Steps[^1].From);
        // Closing twice: out of order.
        await StepAsync(monitor, id, "close", expected: HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task StepsOutOfOrder_AreConflicts_AndChangeNothing()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var plan = await CreateAsync(monitor);
        var id = plan.Plan.Id;
        var steps = app.WithDb(db => db.PlanSteps.Count(s => s.PlanId == id));
        // Issuing a draft never submitted.
        var refused = await monitor.PostJsonAsync($"{Url}/{id}/issue", new { number = "99/QĐ-UBND", issuedOn = IssueDay });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("trình", await refused.Content.ReadAsStringAsync(Ct));
        await StepAsync(monitor, id, "close", expected: HttpStatusCode.Conflict);
        Assert.Equal(PlanStatus.Draft, StatusOf(id));
        Assert.Null(app.WithDb(db => db.Plans.Single(p => p.Id == id).IssuedNumber));
        Assert.Equal(steps, app.WithDb(db => db.PlanSteps.Count(s => s.PlanId == id)));

        await StepAsync(monitor, id, "submit");
        await StepAsync(monitor, id, "submit", expected: HttpStatusCode.Conflict);
        // Withdrawing says why; then nothing moves any more, and amending needs an issued plan.
        await StepAsync(monitor, id, "withdraw", expected: HttpStatusCode.BadRequest);
        var withdrawn = await StepAsync(monitor, id, "withdraw", new { note = "Không còn kinh phí" });
        Assert.Equal(PlanStatus.Withdrawn, withdrawn.Plan.Status);
        Assert.Equal("Không còn kinh phí", withdrawn.Steps[^1].Note);
        await StepAsync(monitor, id, "submit", expected: HttpStatusCode.Conflict);
        await StepAsync(monitor, id, "issue", new { number = "98/QĐ-UBND", issuedOn = IssueDay }, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await monitor.PostJsonAsync($"{Url}/{id}/amend", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await monitor.SendAsync(Request(HttpMethod.Put, $"{Url}/{id}", Body(), withdrawn.Version), Ct)).StatusCode);
    }

    [DbFact]
    public async Task Edit_NeedsIfMatch_StaleIsRefused()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var plan = await CreateAsync(monitor);
        var url = $"{Url}/{plan.Plan.Id}";
        Assert.Equal((HttpStatusCode)428, (await monitor.SendAsync(Request(HttpMethod.Put, url, Body()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await monitor.SendAsync(Request(HttpMethod.Put, url, Body(), plan.Version + 7), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await monitor.SendAsync(Request(HttpMethod.Put, url, Body(), ifMatch: $"W/\"{plan.Version}\""), Ct)).StatusCode);
        // A step with a stale If-Match is refused too; without one it goes ahead.
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await monitor.SendAsync(Request(HttpMethod.Post, $"{url}/submit", new { }, plan.Version + 7), Ct)).StatusCode);
        Assert.Equal(PlanStatus.Draft, StatusOf(plan.Plan.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.SendAsync(Request(HttpMethod.Put, $"{Url}/0", Body(), 1), Ct)).StatusCode);
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "title", "", "title" },
        { "title", new string('a', 10_000), "title" },
        { "title", "Kế hoạch\u0000", "title" },
        { "kind", "Nope", "kind" },
        { "kind", "7", "kind" },
        { "kind", null, "kind" },
        { "fromYear", int.MinValue, "fromYear" },
        { "fromYear", 9999, "fromYear" },
        { "toYear", 2016, "toYear" },
        { "toYear", 2099, "toYear" },
        { "fromYear", null, "fromYear" },
        { "areaCode", "99999", "areaCode" },
        { "areaCode", new string('9', 10_000), "areaCode" },
        { "issuingUnit", "KHONG-CO", "issuingUnit" },
        { "draftingUnit", "KHONG-CO", "draftingUnit" },
        { "purpose", new string('x', 20_001), "purpose" },
    };

    [DbTheory]
    [MemberData(nameof(BadFields))]
    public async Task Create_BadField_IsRefusedWithItsField_AndNothingStored(string field, object? value, string errorKey)
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var body = Body();
        body[field] = value;
        var before = app.WithDb(db => db.Plans.Count());
        var response = await monitor.PostJsonAsync(Url, body);
        var json = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty(errorKey, out _), json.ToString());
        Assert.Equal(before, app.WithDb(db => db.Plans.Count()));
    }

    [DbFact]
    public async Task Create_BadBases_AreRefusedByRow()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var body = Body();
        body["bases"] = new object[]
        {
            new { number = "1/QĐ", title = "Quyết định" },
            new { number = "1/QĐ", title = "Quyết định trùng" },
            new { number = "", title = "" },
            new { number = "2/QĐ", title = "Quyết định", date = "9999-01-01" },
        };
        var json = await (await monitor.PostJsonAsync(Url, body)).JsonAsync(HttpStatusCode.BadRequest);
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("bases[1].number", out _));
        Assert.True(errors.TryGetProperty("bases[2].number", out _));
        Assert.True(errors.TryGetProperty("bases[2].title", out _));
        Assert.True(errors.TryGetProperty("bases[3].date", out _));
        body["bases"] = Enumerable.Range(1, 31).Select(i => new { number = $"{i}/QĐ", title = "Quyết định" }).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.PostJsonAsync(Url, body)).StatusCode);
        // A body that is not JSON at all, or a year that is not a number.
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.PostRawAsync(Url, "{\"fromYear\": \"hai nghìn\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await monitor.PostRawAsync(Url, "{")).StatusCode);
    }

    [DbFact]
    public async Task Issue_BadInput_IsRefused_AndTheSameNumberTwiceIsATypingSlip()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var plan = await CreateAsync(monitor);
        var id = plan.Plan.Id;
        await StepAsync(monitor, id, "submit");
        var future = app.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await StepAsync(monitor, id, "issue", new { issuedOn = IssueDay }, HttpStatusCode.BadRequest);
        await StepAsync(monitor, id, "issue", new { number = "5/QĐ-UBND" }, HttpStatusCode.BadRequest);
        await StepAsync(monitor, id, "issue", new { number = "5/QĐ-UBND", issuedOn = future }, HttpStatusCode.BadRequest);
        await StepAsync(monitor, id, "issue", new { number = "5/QĐ-UBND", issuedOn = "9999-12-31" }, HttpStatusCode.BadRequest);
        await StepAsync(monitor, id, "issue", new { number = new string('5', 10_000), issuedOn = IssueDay }, HttpStatusCode.BadRequest);
        await StepAsync(monitor, id, "issue", new { number = "5/QĐ-UBND", issuedOn = IssueDay, issuingUnit = "../x" },
            HttpStatusCode.BadRequest);
        // Years before a 2017–2020 plan could be drafted: a typing slip.
        await StepAsync(monitor, id, "issue", new { number = "5/QĐ-UBND", issuedOn = "2000-01-01" }, HttpStatusCode.BadRequest);
        Assert.Equal(PlanStatus.Submitted, StatusOf(id));

        var other = await IssuedAsync(monitor);
        var taken = other.Plan.IssuedNumber!;
        await StepAsync(monitor, id, "issue", new { number = taken, issuedOn = IssueDay }, HttpStatusCode.BadRequest);
        Assert.Equal(PlanStatus.Submitted, StatusOf(id));
        // A replay of an issuing that went in is out of order, not a second issuing.
        await StepAsync(monitor, other.Plan.Id, "issue", new { number = taken, issuedOn = IssueDay }, HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task Visibility_DraftsStayWithTheDepartmentAndTheDraftingUnit_IssuedPlansReachTheirArea()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var commune = await app.ClientAsync("demo-commune");
        var point = await app.ClientAsync("demo-point");
        var district = await app.ClientAsync("demo-district");
        var draft = await CreateAsync(monitor);
        foreach (var outsider in new[] { commune, point, district })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Url}/{draft.Plan.Id}", Ct)).StatusCode);
            var list = await outsider.GetAsync<PagedList<PlanRow>>($"{Url}?pageSize=500");
            Assert.DoesNotContain(list.Items, p => p.Id == draft.Plan.Id);
        }
        // A draft out of sight cannot be acted on either: 404, not 403.
        Assert.Equal(HttpStatusCode.NotFound, (await commune.PostJsonAsync($"{Url}/{draft.Plan.Id}/submit", new { })).StatusCode);

        var issued = await IssuedAsync(monitor);
        foreach (var reader in new[] { commune, point, district })
        {
            var seen = await reader.GetAsync<PlanDetail>($"{Url}/{issued.Plan.Id}");
            Assert.False(seen.CanEdit || seen.CanClose || seen.CanAmend || seen.CanAttach);
        }
        // In sight but not theirs to manage: 403 for an office, and the point may not write plans at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostJsonAsync($"{Url}/{issued.Plan.Id}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await point.PostJsonAsync($"{Url}/{issued.Plan.Id}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await point.PostJsonAsync(Url, Body())).StatusCode);
        Assert.Equal(PlanStatus.Issued, StatusOf(issued.Plan.Id));

        // The area office drafts its own area's plan: the department sees it, the commune in the area does not until issued.
        var areaCode = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-district").ScopeAreaCode);
        var own = await CreateAsync(district, Body(area: null));
        Assert.Equal(areaCode, own.Plan.AreaCode);
        // It may not record its plan as issued by the province's People's Committee: only the department records another
        // body's issuing.
        await StepAsync(district, own.Plan.Id, "submit");
        var asProvince = await district.PostJsonAsync($"{Url}/{own.Plan.Id}/issue",
            new { number = "242/QĐ-UBND", issuedOn = IssueDay, issuingUnit = "UBND-TINH" });
        Assert.Equal(HttpStatusCode.BadRequest, asProvince.StatusCode);
        Assert.Contains("issuingUnit", await asProvince.Content.ReadAsStringAsync(Ct));
        Assert.Equal(PlanStatus.Submitted, StatusOf(own.Plan.Id));
        Assert.True(own.CanEdit);
        await monitor.GetAsync<PlanDetail>($"{Url}/{own.Plan.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"{Url}/{own.Plan.Id}", Ct)).StatusCode);
        // Nor may it draft for the province or an agency other than its own.
        var wide = Body(area: "38");
        Assert.Equal(HttpStatusCode.BadRequest, (await district.PostJsonAsync(Url, wide)).StatusCode);
        var foreign = Body();
        foreign["draftingUnit"] = "TV-TINH";
        Assert.Equal(HttpStatusCode.BadRequest, (await district.PostJsonAsync(Url, foreign)).StatusCode);
        // Issued under its own office's name, it is.
        await StepAsync(district, own.Plan.Id, "issue", new { number = "77/KH-PVHTT", issuedOn = IssueDay,
            issuingUnit = $"PVHTT-{areaCode}" });
        await commune.GetAsync<PlanDetail>($"{Url}/{own.Plan.Id}");

        // Filters, and a filter that is not one.
        var issuedList = await monitor.GetAsync<PagedList<PlanRow>>($"{Url}?status=Issued&year=2018&pageSize=500");
        Assert.Contains(issuedList.Items, p => p.Id == issued.Plan.Id);
        Assert.All(issuedList.Items, p => Assert.Equal(PlanStatus.Issued, p.Status));
        var byNumber = await monitor.GetAsync<PagedList<PlanRow>>($"{Url}?q={Uri.EscapeDataString(issued.Plan.IssuedNumber!)}");
        Assert.Contains(byNumber.Items, p => p.Id == issued.Plan.Id);
        Assert.DoesNotContain((await monitor.GetAsync<PagedList<PlanRow>>($"{Url}?year=2030")).Items, p => p.Id == issued.Plan.Id);
        foreach (var bad in new[] { "status=Nope", "kind=9", "year=9999", "year=-2147483648", "page=0", "pageSize=100000",
                     "q=" + new string('q', 10_000) })
            Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync($"{Url}?{bad}", Ct)).StatusCode);
    }

    private string FilesRoot => Path.Combine(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory, "files");

    private int StoredFiles => Directory.Exists(FilesRoot) ? Directory.GetFiles(FilesRoot, "*", SearchOption.AllDirectories).Length : 0;

    private static MultipartFormDataContent Upload(byte[] content, string fileName, string? caption = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        return form;
    }

    private static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// A ZIP that looks like a DOCX and unpacks to 150 MB of zeros.
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = zip.CreateEntry("[Content_Types].xml").Open()) w.Write("<Types/>"u8);
            using var s = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 150; i++) s.Write(zeros);
        }
        return buffer.ToArray();
    }

    [DbFact]
    public async Task Attachments_CheckedByContent_BadOnesRefusedAndNothingWritten_ServedOnlyToThoseWhoSeeThePlan()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var point = await app.ClientAsync("demo-point");
        var plan = await CreateAsync(monitor);
        var url = $"{Url}/{plan.Plan.Id}/attachments";

        var exe = new byte[4096];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        var tooBig = new byte[PlanAttachments.MaxBytes + 1];
        Pdf("x").CopyTo(tooBig, 0);
        var refused = new (byte[] Content, string Name)[]
        {
            (exe, "ke-hoach.pdf"),
            (ZipBomb(), "ke-hoach.pdf"),
            (ZipBomb(), "phu-luc.docx"),
            (tooBig, "ban-ky.pdf"),
            (Pdf("ok"), "../../ke-hoach.pdf"),
            (Pdf("ok"), "..\\ke-hoach.pdf"),
            ([], "trong.pdf"),
        };
        var files = StoredFiles;
        foreach (var (content, name) in refused)
        {
            var response = await monitor.PostAsync(url, Upload(content, name), Ct);
            var json = await response.JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(json.GetProperty("errors").TryGetProperty("file", out _), name);
        }
        Assert.Equal(files, StoredFiles);
        Assert.Equal(0, app.WithDb(db => db.Attachments.Count(a => a.Owner == AttachmentOwner.Plan && a.OwnerId == plan.Plan.Id)));

        var bytes = Pdf($"ban ky {Guid.NewGuid()}");
        var added = await (await monitor.PostAsync(url, Upload(bytes, "Bản ký.pdf", "Bản ký số"), Ct))
            .ReadAsync<PlanAttachmentDto>(HttpStatusCode.Created);
        Assert.Equal("application/pdf", added.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), added.Sha256);
        Assert.Equal(files + 1, StoredFiles);
        Assert.True(File.Exists(Path.Combine(FilesRoot, added.Sha256[..2], added.Sha256 + ".bin")));
        var list = await monitor.GetAsync<List<PlanAttachmentDto>>(url);
        Assert.Equal([added.Id], list.Select(a => a.Id));
        var download = await monitor.GetAsync(added.Url, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));

        // The draft is out of the point's sight, and so are its files; once issued for the province, they are its to read.
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync(added.Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await point.PostAsync(url, Upload(Pdf("x"), "x.pdf"), Ct)).StatusCode);
        await StepAsync(monitor, plan.Plan.Id, "submit");
        await StepAsync(monitor, plan.Plan.Id, "issue", new { number = $"{Guid.NewGuid():N}"[..8] + "/QĐ-UBND", issuedOn = IssueDay });
        Assert.Equal(bytes, await (await point.GetAsync(added.Url, Ct)).Content.ReadAsByteArrayAsync(Ct));
        // A file of another plan is not reached through this one.
        var other = await CreateAsync(monitor);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync($"{Url}/{other.Plan.Id}/attachments/{added.Id}", Ct)).StatusCode);
        // The signed scan comes after issuing: still accepted.
        await (await monitor.PostAsync(url, Upload(Pdf("scan"), "scan.pdf"), Ct)).ReadAsync<PlanAttachmentDto>(HttpStatusCode.Created);
    }

    [DbFact]
    public async Task File_UnknownFormatIsRefused_OutOfSightIsNotFound()
    {
        var monitor = await app.ClientAsync("demo-monitor");
        var point = await app.ClientAsync("demo-point");
        var plan = await CreateAsync(monitor);
        foreach (var format in new[] { "", "xls", "docxx", new string('d', 10_000) })
            Assert.Equal(HttpStatusCode.BadRequest, (await monitor.GetAsync($"{Url}/{plan.Plan.Id}/file?format={format}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync($"{Url}/{plan.Plan.Id}/file?format=pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await monitor.GetAsync($"{Url}/0/file?format=pdf", Ct)).StatusCode);
    }
}

public sealed class PlansApiTestsOnSqlite(SqliteApp app) : PlansApiTests(app), IClassFixture<SqliteApp>;

public sealed class PlansApiTestsOnPostgres(PostgresApp app) : PlansApiTests(app), IClassFixture<PostgresApp>;
