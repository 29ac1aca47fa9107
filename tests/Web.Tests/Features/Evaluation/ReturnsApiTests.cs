using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// Issue 18, item 1: the points' periodic returns through the API, on both databases. Each test uses its own month of last
/// year, so the tests of a class do not meet on the same return.
public abstract class ReturnsApiTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Url = "/api/v1/reports/returns";
    private int LastYear => app.Today.Year - 1;

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, long? version = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<ReturnDetail> OpenAsync(HttpClient client, int month, int? pointId = null,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await client.PostJsonAsync(Url, new { form = ReturnForms.MonthlyCode, year = LastYear, number = month, pointId }))
            .ReadAsync<ReturnDetail>(expected);

    private async Task<ReturnDetail> PutAsync(HttpClient client, ReturnDetail r, object values, string? remarks = null) =>
        await (await client.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}", new { values, remarks }, r.Version), Ct))
            .ReadAsync<ReturnDetail>();

    /// Clerks write a thousand as 1.000 and three and a half as 3,5: read as a decimal point, "1.000" would be 1.
    [DbFact]
    public async Task Figures_WrittenTheVietnameseWay_DotsGroupThousands()
    {
        var point = await app.ClientAsync("demo-point");
        var opened = await OpenAsync(point, 9);
        var saved = await PutAsync(point, opened,
            new Dictionary<string, object> { ["circulation.visits"] = "1.000", ["access.hours"] = "1.200,5" });
        Assert.Equal(1000m, saved.Fields.Single(f => f.Key == "circulation.visits").Value);
        Assert.Equal(1200.5m, saved.Fields.Single(f => f.Key == "access.hours").Value);
        // "2.5" is not a grouping of thousands: a decimal, which a whole-number field refuses.
        var refused = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{saved.Return.Id}",
            new { values = new Dictionary<string, object> { ["circulation.loans"] = "2.5" } }, saved.Version), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private long VersionOf(int id) => app.WithDb(db => db.PointReturns.Where(r => r.Id == id).Select(r => r.Version).Single());

    [DbFact]
    public async Task Workflow_OpenPrefilled_Edit_Submit_Accept_Correct_Supersedes()
    {
        var point = await app.ClientAsync("demo-point");
        var office = await app.ClientAsync("demo-district");
        var opened = await OpenAsync(point, 1);
        Assert.Equal(ReturnStatus.Draft, opened.Return.Status);
        Assert.Equal(ReturnForms.Monthly.Fields.Select(f => f.Key), opened.Fields.Select(f => f.Key));
        // Pre-filled with what was recorded; codes the catalogue lacks prefill as 0 with no recorded value.
        Assert.All(opened.Fields, f => Assert.Equal(f.Recorded ?? 0m, f.Value));
        Assert.Null(opened.Fields.Single(f => f.Key == "point.days_closed").Recorded);
        var again = await OpenAsync(point, 1, expected: HttpStatusCode.OK);
        Assert.Equal(opened.Return.Id, again.Return.Id);

        var saved = await PutAsync(point, opened, new Dictionary<string, object> { ["circulation.visits"] = 12, ["access.hours"] = "3,5" },
            "Tháng này mất điện 2 ngày");
        Assert.Equal(12m, saved.Fields.Single(f => f.Key == "circulation.visits").Value);
        Assert.Equal(3.5m, saved.Fields.Single(f => f.Key == "access.hours").Value);
        Assert.True(saved.CanSubmit);

        var submitted = await (await point.PostAsync($"{Url}/{opened.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Submitted, submitted.Return.Status);
        var waiting = await office.GetAsync<PagedList<ReturnRow>>($"{Url}?waiting=true&year={LastYear}&number=1&form=point-monthly");
        Assert.Contains(waiting.Items, r => r.Id == opened.Return.Id);
        var accepted = await (await office.PostAsync($"{Url}/{opened.Return.Id}/accept", null, Ct)).ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Accepted, accepted.Return.Status);
        Assert.Equal("demo-district", accepted.DecidedBy);

        var revised = await (await point.PostAsync($"{Url}/{opened.Return.Id}/revise", null, Ct)).ReadAsync<ReturnDetail>(HttpStatusCode.Created);
        Assert.Equal(2, revised.Return.Revision);
        Assert.Equal(12m, revised.Fields.Single(f => f.Key == "circulation.visits").Value);
        Assert.Equal("Tháng này mất điện 2 ngày", revised.Remarks);
        var fixedUp = await PutAsync(point, revised, new Dictionary<string, object> { ["circulation.visits"] = 14 });
        await (await point.PostAsync($"{Url}/{fixedUp.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        var second = await (await office.PostAsync($"{Url}/{fixedUp.Return.Id}/accept", null, Ct)).ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Accepted, second.Return.Status);
        var old = await point.GetAsync<ReturnDetail>($"{Url}/{opened.Return.Id}");
        Assert.Equal(ReturnStatus.Superseded, old.Return.Status);
        Assert.Equal([2, 1], old.Revisions.Select(v => v.Revision));

        // Every change is in the audit, with the figure's change too.
        var audited = app.WithDb(db => db.AuditEntries.Count(e => e.EntityType == nameof(PointReturn) && e.EntityId == opened.Return.Id.ToString()));
        Assert.True(audited >= 4, $"{audited} audit entries");
        Assert.True(app.WithDb(db => db.AuditEntries.Any(e => e.EntityType == nameof(ReturnFigure) && e.After!.Contains("14"))));
    }

    [DbFact]
    public async Task SendBack_NeedsAReason_ThenThePointCorrectsAndSubmitsAgain()
    {
        var point = await app.ClientAsync("demo-point");
        var office = await app.ClientAsync("demo-commune");
        var r = await OpenAsync(point, 2);
        await (await point.PostAsync($"{Url}/{r.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        var noReason = await office.PostJsonAsync($"{Url}/{r.Return.Id}/reject", new { reason = " " });
        var problem = await noReason.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        var back = await (await office.PostJsonAsync($"{Url}/{r.Return.Id}/reject", new { reason = "Thiếu số giờ máy" }))
            .ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Rejected, back.Return.Status);
        Assert.Equal("Thiếu số giờ máy", back.RejectReason);
        var edited = await PutAsync(point, back, new Dictionary<string, object> { ["access.hours"] = 10 });
        var resent = await (await point.PostAsync($"{Url}/{edited.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Submitted, resent.Return.Status);
        // The point cannot decide its own return.
        Assert.Equal(HttpStatusCode.Forbidden, (await point.PostAsync($"{Url}/{r.Return.Id}/accept", null, Ct)).StatusCode);
    }

    [DbFact]
    public async Task SubmittedTwice_409_AndEditsToAnAcceptedReturn_409_MakeACorrection()
    {
        var point = await app.ClientAsync("demo-point");
        var r = await OpenAsync(point, 3);
        await (await point.PostAsync($"{Url}/{r.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        var twice = await (await point.PostAsync($"{Url}/{r.Return.Id}/submit", null, Ct)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("đã nộp", twice.GetProperty("detail").GetString());
        var admin = await app.ClientAsync("demo-admin");
        var accepted = await (await admin.PostAsync($"{Url}/{r.Return.Id}/accept", null, Ct)).ReadAsync<ReturnDetail>();
        var edit = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}",
            new { values = new Dictionary<string, object> { ["circulation.visits"] = 1 } }, accepted.Version), Ct);
        var body = await edit.JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("bản sửa", body.GetProperty("detail").GetString());
        Assert.Equal(accepted.Version, VersionOf(r.Return.Id));
    }

    [DbFact]
    public async Task FuturePeriods_CannotBeOpened_NorSubmittedBeforeTheyEnd()
    {
        var point = await app.ClientAsync("demo-point");
        var (year, month) = Bookpost.Web.Features.Reports.ReportingPeriods.Containing(Bookpost.Web.Features.Reports.PeriodKind.Month,
            app.Today, false, 14);
        var nextYear = month == 12 ? year + 1 : year;
        var next = month == 12 ? 1 : month + 1;
        var future = await point.PostJsonAsync(Url, new { form = ReturnForms.MonthlyCode, year = nextYear, number = next });
        Assert.True((await future.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("number", out _));
        var current = await (await point.PostJsonAsync(Url, new { form = ReturnForms.MonthlyCode, year, number = month }))
            .ReadAsync<ReturnDetail>(HttpStatusCode.Created);
        Assert.False(current.CanSubmit);
        var early = await (await point.PostAsync($"{Url}/{current.Return.Id}/submit", null, Ct)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("chưa kết thúc", early.GetProperty("detail").GetString());
        Assert.Equal(current.Version, VersionOf(current.Return.Id));
    }

    public static TheoryData<string, string> BadOpens => new()
    {
        { """{"form":"point-monthly","year":9999,"number":1}""", "year" },
        { """{"form":"point-monthly","year":-2147483648,"number":1}""", "year" },
        { """{"form":"point-monthly","year":2025,"number":13}""", "number" },
        { """{"form":"point-monthly","year":2025,"number":-2147483648}""", "number" },
        { """{"form":"point-yearly","year":2025,"number":2}""", "number" },
        { """{"form":"no-such-form","year":2025,"number":1}""", "form" },
        { """{"year":2025,"number":1}""", "form" },
    };

    [DbTheory]
    [MemberData(nameof(BadOpens))]
    public async Task Open_BadInput_400_WithTheField(string json, string field)
    {
        var point = await app.ClientAsync("demo-point");
        var before = app.WithDb(db => db.PointReturns.Count());
        var problem = await (await point.PostRawAsync(Url, json)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, app.WithDb(db => db.PointReturns.Count()));
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { """{"values":{"circulation.visits":-1}}""", "values.circulation.visits" },
        { """{"values":{"circulation.visits":"mười hai"}}""", "values.circulation.visits" },
        { """{"values":{"circulation.visits":1e10}}""", "values.circulation.visits" },
        { """{"values":{"circulation.visits":-2147483648}}""", "values.circulation.visits" },
        { """{"values":{"circulation.visits":1.5}}""", "values.circulation.visits" },
        { """{"values":{"circulation.visits":{"a":1}}}""", "values.circulation.visits" },
        { """{"values":{"no.such.field":1}}""", "values.no.such.field" },
        { """{"values":{"access.users_by_sex/Other":1}}""", "values.access.users_by_sex/Other" },
        { "{\"remarks\":\"" + new string('x', 10_000) + "\"}", "remarks" },
    };

    [DbTheory]
    [MemberData(nameof(BadValues))]
    public async Task Save_BadFigures_400_WithTheField_NothingChanged(string json, string field)
    {
        var point = await app.ClientAsync("demo-point");
        var r = await OpenAsync(point, 4, expected: HttpStatusCode.Created) is var created ? created : null;
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{r!.Return.Id}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{r.Version}\"");
        var problem = await (await point.SendAsync(request, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(r.Version, VersionOf(r.Return.Id));
        // Each case starts again from a fresh draft of the same month.
        app.WithDb(db => db.PointReturns.Where(x => x.Id == r.Return.Id).ExecuteDelete());
    }

    [DbFact]
    public async Task Save_StaleIfMatch_412_Missing_428_AndAReplayedKey_IsAnsweredOnce()
    {
        var point = await app.ClientAsync("demo-point");
        var r = await OpenAsync(point, 5);
        var body = new { values = new Dictionary<string, object> { ["circulation.loans"] = 7 } };
        var missing = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}", body), Ct);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        var key = Guid.NewGuid().ToString();
        var first = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}", body, r.Version, key), Ct);
        var saved = await first.ReadAsync<ReturnDetail>();
        var replay = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}", body, r.Version, key), Ct);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(saved.Version, (await replay.ReadAsync<ReturnDetail>()).Version);
        Assert.Equal(saved.Version, VersionOf(r.Return.Id));
        var stale = await point.SendAsync(Request(HttpMethod.Put, $"{Url}/{r.Return.Id}", body, r.Version), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var staleSubmit = await point.SendAsync(Request(HttpMethod.Post, $"{Url}/{r.Return.Id}/submit", version: r.Version), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleSubmit.StatusCode);
        Assert.Equal(saved.Version, VersionOf(r.Return.Id));

        // A replayed submit is done once and answered the same.
        var submitKey = Guid.NewGuid().ToString();
        var s1 = await (await point.SendAsync(Request(HttpMethod.Post, $"{Url}/{r.Return.Id}/submit", key: submitKey), Ct)).ReadAsync<ReturnDetail>();
        var s2 = await point.SendAsync(Request(HttpMethod.Post, $"{Url}/{r.Return.Id}/submit", key: submitKey), Ct);
        Assert.Equal(HttpStatusCode.OK, s2.StatusCode);
        Assert.Equal(s1.Version, VersionOf(r.Return.Id));
    }

    [DbFact]
    public async Task Scope_OutsideTheArea_404_AndReadersOnlyRead()
    {
        var admin = await app.ClientAsync("demo-admin");
        var outside = app.AddPoint(app.CommuneOutside(app.DemoDistrict()), NetworkBuilders.UniqueCode("RT"));
        var r = await OpenAsync(admin, 6, outside.Id);
        await (await admin.PostAsync($"{Url}/{r.Return.Id}/submit", null, Ct)).ReadAsync<ReturnDetail>();
        foreach (var user in new[] { "demo-district", "demo-commune", "demo-point" })
        {
            var client = await app.ClientAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url}/{r.Return.Id}", Ct)).StatusCode);
            var list = await client.GetAsync<PagedList<ReturnRow>>($"{Url}?pageSize=500&year={LastYear}&number=6");
            Assert.DoesNotContain(list.Items, x => x.Id == r.Return.Id);
        }
        var district = await app.ClientAsync("demo-district");
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostAsync($"{Url}/{r.Return.Id}/accept", null, Ct)).StatusCode);
        var point = await app.ClientAsync("demo-point");
        Assert.Equal(HttpStatusCode.NotFound, (await point.PostJsonAsync(Url,
            new { form = ReturnForms.MonthlyCode, year = LastYear, number = 6, pointId = outside.Id })).StatusCode);
        foreach (var reader in new[] { "demo-monitor", "demo-library" })
        {
            var client = await app.ClientAsync(reader);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Url}/{r.Return.Id}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Url}/{r.Return.Id}/accept", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync(Url,
                new { form = ReturnForms.MonthlyCode, year = LastYear, number = 6, pointId = outside.Id })).StatusCode);
        }
        // The provincial post office accepts the Post-Culture point's return.
        var post = await app.ClientAsync("demo-postoffice");
        var accepted = await (await post.PostAsync($"{Url}/{r.Return.Id}/accept", null, Ct)).ReadAsync<ReturnDetail>();
        Assert.Equal(ReturnStatus.Accepted, accepted.Return.Status);
    }

    [DbFact]
    public async Task List_Filters_AndBadFilters_400()
    {
        var point = await app.ClientAsync("demo-point");
        var r = await OpenAsync(point, 7);
        var list = await point.GetAsync<PagedList<ReturnRow>>($"{Url}?form=point-monthly&period=Month&year={LastYear}&number=7");
        var row = Assert.Single(list.Items);
        Assert.Equal(r.Return.Id, row.Id);
        Assert.Equal("Đang soạn", row.StatusName);
        Assert.Equal("Báo cáo tháng của điểm", row.FormName);
        Assert.True(row.Late);
        Assert.Empty((await point.GetAsync<PagedList<ReturnRow>>($"{Url}?status=Accepted&year={LastYear}&number=7")).Items);
        foreach (var bad in new[] { "form=x", "period=Quarter", "period=Year&form=point-monthly", "status=Nope", "year=9999",
                     "number=13", "year=-2147483648", "page=0", "pageSize=100000" })
            Assert.Equal(HttpStatusCode.BadRequest, (await point.GetAsync($"{Url}?{bad}", Ct)).StatusCode);
    }

    /// The pages: the point saves through the form (a bad figure re-renders with the message and changes nothing), a
    /// reader role cannot accept through the page, the office accepts.
    [DbFact]
    public async Task Pages_SaveRefusesBadFigures_ReadersCannotAccept_OfficeAccepts()
    {
        var api = await app.ClientAsync("demo-point");
        var r = await OpenAsync(api, 8);
        var point = await PageClient.SignInAsync(app, "demo-point");
        var url = $"/Reports/Returns/{r.Return.Id}";
        var page = await point.GetStringAsync(url, Ct);
        Assert.Contains("Bookpost ghi nhận", page);
        Assert.Contains("inputmode=\"numeric\"", page);
        var bad = await PageClient.PostFormAsync(point, url + "?handler=Save", new Dictionary<string, string>
        {
            ["version"] = r.Version.ToString(), ["v:circulation.visits"] = "-5", ["act"] = "submit",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("error", bad.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Equal(r.Version, VersionOf(r.Return.Id));
        var good = await PageClient.PostFormAsync(point, url + "?handler=Save", new Dictionary<string, string>
        {
            ["version"] = r.Version.ToString(), ["v:circulation.visits"] = "21", ["act"] = "submit",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(ReturnStatus.Submitted, app.WithDb(db => db.PointReturns.Single(x => x.Id == r.Return.Id).Status));

        var monitor = await PageClient.SignInAsync(app, "demo-monitor");
        PageClient.AssertDenied(await PageClient.PostFormAsAsync(monitor, "/Reports/Returns", url + "?handler=Accept",
            new Dictionary<string, string>()));
        var office = await PageClient.SignInAsync(app, "demo-district");
        var accepted = await PageClient.PostFormAsync(office, url + "?handler=Accept", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(ReturnStatus.Accepted, app.WithDb(db => db.PointReturns.Single(x => x.Id == r.Return.Id).Status));
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/Reports/Returns?Year=9999", Ct)).StatusCode);
    }
}

public sealed class ReturnsApiTestsOnSqlite(SqliteApp app) : ReturnsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnsApiTestsOnPostgres(PostgresApp app) : ReturnsApiTests(app), IClassFixture<PostgresApp>;
