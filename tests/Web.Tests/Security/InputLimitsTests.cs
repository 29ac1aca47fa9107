using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Features.Access;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Finding 10 (the 500s that now answer 400) and 11 (paging past the end, a kiosk's sessions in the audit, 400s that
/// name the field or byte).
public abstract class InputLimitsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Words(int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"từ{i}"));

    [DbFact]
    public async Task Search_OfAThousandWords_Answers400OnTheField_AtEverySearchEndpoint()
    {
        var admin = await app.ClientAsync("demo-admin");
        var point = await app.ClientAsync("demo-point");
        var q = Uri.EscapeDataString(Words(1000));
        var cases = new (HttpClient Client, string Url, string Field)[]
        {
            (admin, $"/api/v1/catalog/titles?q={q}", "q"),
            (admin, $"/api/v1/catalog/titles?author={q}", "author"),
            (admin, $"/api/v1/catalog/titles?subject={q}", "subject"),
            (admin, $"/api/v1/points?q={q}", "q"),
            (admin, $"/api/v1/points/export?format=csv&q={q}", "q"),
            (admin, $"/api/v1/admin-units?q={q}", "q"),
            (admin, $"/api/v1/organizations?q={q}", "q"),
            (point, $"/api/v1/circulation/readers?q={q}", "q"),
        };
        foreach (var (client, url, field) in cases)
        {
            var problem = await (await client.GetAsync(url, Ct)).JsonAsync(HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains(TextFolding.MaxTerms.ToString(System.Globalization.CultureInfo.InvariantCulture), message,
                StringComparison.Ordinal);
        }
        // At the cap the search runs (on both databases), and so does a page's search past it, with the first words.
        var atCap = Uri.EscapeDataString(Words(TextFolding.MaxTerms));
        await admin.GetAsync<PagedList<TitleSummaryDto>>($"/api/v1/catalog/titles?q={atCap}");
        await admin.GetAsync<PagedList<PointDto>>($"/api/v1/points?q={atCap}");
        Assert.Equal(TextFolding.MaxTerms, TextFolding.Terms(Words(1000)).Count);
    }

    [DbFact]
    public async Task SessionEntry_StartedInYear9999_Answers400OnStartedAt()
    {
        var builders = new AccessBuilders(app);
        var point = await app.ClientAsync("demo-point");
        var (admin, _) = await builders.SiteAsync();
        var computer = await AccessBuilders.ComputerAsync(admin, builders.DemoPoint.Id);
        foreach (var startedAt in new[] { "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z" })
        {
            var body = new { computerId = computer.Id, startedAt, durationMinutes = 30, profile = AccessBuilders.Adult,
                purposes = new[] { AccessPurpose.InformationSearch } };
            var problem = await (await AccessBuilders.PostAsync(point, "/api/v1/access/sessions/entries", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("startedAt", out _), problem.ToString());
        }
        // A desk or kiosk start at a time far off (an offline event's occurredAt) is a field error too.
        foreach (var occurredAt in new[] { "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z" })
        {
            var body = new { computerId = computer.Id, occurredAt, profile = AccessBuilders.Adult };
            var problem = await (await AccessBuilders.PostAsync(point, "/api/v1/access/sessions", body)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("occurredAt", out _), problem.ToString());
        }
    }

    [DbFact]
    public async Task Page_PastIntRange_IsEmpty_WithTheRightTotal()
    {
        var admin = await app.ClientAsync("demo-admin");
        var first = await admin.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=500");
        Assert.NotEmpty(first.Items);
        foreach (var page in new[] { int.MaxValue, int.MaxValue / 500 + 1, 1000 })
        {
            var far = await admin.GetAsync<PagedList<PointDto>>($"/api/v1/points?page={page}&pageSize=500");
            Assert.Empty(far.Items);
            Assert.Equal(first.Total, far.Total);
            Assert.Equal(page, far.Page);
        }
        var titles = await admin.GetAsync<PagedList<TitleSummaryDto>>($"/api/v1/catalog/titles?q=a&page={int.MaxValue}&pageSize=500");
        Assert.Empty(titles.Items);
        await (await admin.GetAsync("/api/v1/points?page=2147483648", Ct)).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task Kiosk_OpenedSession_IsAuditedAsTheComputer_NotAsSystem()
    {
        var builders = new AccessBuilders(app);
        var (admin, _) = await builders.SiteAsync();
        var computer = await AccessBuilders.ComputerAsync(admin, builders.DemoPoint.Id);
        var token = (await (await admin.PostAsync($"/api/v1/access/computers/{computer.Id}/kiosk-token", null, Ct))
            .ReadAsync<KioskTokenDto>()).Token;
        using var kiosk = app.CreateClient();
        kiosk.DefaultRequestHeaders.Add("X-Kiosk-Token", token);
        var session = await (await kiosk.PostJsonAsync("/api/v1/access/kiosk/sessions", new { })).ReadAsync<SessionDto>();
        var entry = app.WithDb(db => db.AuditEntries.Where(a => a.EntityType == nameof(AccessSession) && a.EntityId == session.Id.ToString())
            .Select(a => new { a.UserId, a.UserName }).Single());
        Assert.Equal($"kiosk:{computer.AssetTag}", entry.UserName);
        Assert.Equal($"kiosk:{computer.Id}", entry.UserId);
        Assert.Equal($"kiosk:{computer.AssetTag}", app.WithDb(db => db.AccessSessions.Single(s => s.Id == session.Id).StartedBy));
    }

    [DbFact]
    public async Task Json_UnknownFieldAndInvalidUtf8_Answer400NamingTheFieldOrTheByte()
    {
        var admin = await app.ClientAsync("demo-admin");
        var unknown = await (await admin.PostRawAsync("/api/v1/catalog/titles", """{"titleProper":"Sách","colour":"red"}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        var message = unknown.GetProperty("errors").GetProperty("colour")[0].GetString()!;
        Assert.Contains("$.colour", message, StringComparison.Ordinal);
        Assert.Contains("Trường không được nhận", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bookpost", message, StringComparison.Ordinal);

        var bytes = Encoding.UTF8.GetBytes("""{"titleProper":"Sá  h"}""");
        var bad = Array.IndexOf(bytes, (byte)' ');
        bytes[bad] = 0xC3; // a lead byte followed by a space: not UTF-8
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        var invalid = await (await admin.PostAsync("/api/v1/catalog/titles", content, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        var text = invalid.ToString();
        Assert.Contains("UTF-8", text, StringComparison.Ordinal);
        Assert.Contains("byte", text, StringComparison.Ordinal);
        Assert.Contains("$.titleProper", text, StringComparison.Ordinal);
    }
    [DbFact]
    public async Task Nul_InQueryRouteFormOrJson_Answers400NamingIt_NotADatabaseError()
    {
        var admin = await app.ClientAsync("demo-admin");
        var point = await app.ClientAsync("demo-point");
        using var anonymous = app.CreateClient();
        static void NamesNul(JsonElement problem, string field) =>
            Assert.Contains("U+0000", problem.GetProperty("errors").GetProperty(field)[0].GetString()!, StringComparison.Ordinal);

        NamesNul(await (await anonymous.PostRawAsync("/api/v1/auth/token", """{"username":"a\u0000b","password":"x"}"""))
            .JsonAsync(HttpStatusCode.BadRequest), "username");
        var queries = new (HttpClient Client, string Url, string Field)[]
        {
            (point, "/api/v1/circulation/readers?q=a%00b", "q"),
            (point, "/api/v1/circulation/readers?card=a%00b", "card"),
            (admin, "/api/v1/points?q=a%00b", "q"),
            (admin, "/api/v1/points/export?q=a%00b", "q"),
            (admin, "/api/v1/catalog/items?Barcode=a%00b", "Barcode"),
            (admin, "/api/v1/catalog/titles?Ddc=a%00b", "Ddc"),
            (admin, "/api/v1/rotation/sets?Q=a%00b", "Q"),
            (admin, "/api/v1/admin-units?q=a%00b", "q"),
            (admin, "/api/v1/audit?user=a%00b", "user"),
            (admin, "/api/v1/points?a%00b=1", "a\\0b"),
        };
        foreach (var (client, url, field) in queries)
            NamesNul(await (await client.GetAsync(url, Ct)).JsonAsync(HttpStatusCode.BadRequest), field);
        // JSON bodies: any string field, in an object or a list.
        NamesNul(await (await point.PostRawAsync("/api/v1/circulation/readers", """{"fullName":"A\u0000B","category":"Worker"}"""))
            .JsonAsync(HttpStatusCode.BadRequest), "fullName");
        NamesNul(await (await point.PostRawAsync("/api/v1/circulation/loans", """{"readerCard":"a\u0000b","barcodes":["x"]}"""))
            .JsonAsync(HttpStatusCode.BadRequest), "readerCard");
        var returns = await (await point.PostRawAsync("/api/v1/circulation/returns", """{"barcodes":["a\u0000b"]}"""))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", returns.ToString(), StringComparison.Ordinal);
        // Pages: a query value or a posted form field.
        var page = await PageClient.SignInAsync(app, "demo-admin");
        foreach (var url in new[] { "/Network/Points?q=a%00b", "/Audit?user=a%00b", "/Rotation/Custody?barcode=a%00b" })
            Assert.Equal(HttpStatusCode.BadRequest, (await page.GetAsync(url, Ct)).StatusCode);
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await PageClient.PostFormAsync(browser, "/Account/Login",
            new() { ["Input.UserName"] = "demo-\0admin", ["Input.Password"] = BookpostApp.Password });
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [DbFact]
    public async Task Dates_OutsideTheWindow_Answer400OnTheParameter()
    {
        var admin = await app.ClientAsync("demo-admin");
        var point = await app.ClientAsync("demo-point");
        var cases = new (HttpClient Client, string Url, string Field)[]
        {
            (admin, "/api/v1/audit?to=9999-12-31", "to"),
            (admin, "/api/v1/audit?from=0001-01-01", "from"),
            (point, "/api/v1/circulation/periodicals/missing?to=9999-12-31", "to"),
            (point, "/api/v1/circulation/periodicals/missing?to=0001-01-01", "to"),
            (admin, "/api/v1/access/sessions?To=9999-12-31", "To"),
            (admin, "/api/v1/access/sessions?To=0001-01-01", "To"),
            (point, "/api/v1/circulation/tallies?to=0001-01-01", "to"),
            (admin, "/api/v1/admin-units?asOf=9999-12-31", "asOf"),
        };
        foreach (var (client, url, field) in cases)
        {
            var problem = await (await client.GetAsync(url, Ct)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Contains("1900", problem.GetProperty("errors").GetProperty(field)[0].GetString()!, StringComparison.Ordinal);
        }
        var page = await PageClient.SignInAsync(app, "demo-admin");
        foreach (var url in new[] { "/Audit?to=9999-12-31", "/Rotation/Custody?barcode=X&on=9999-12-31" })
            Assert.Equal(HttpStatusCode.BadRequest, (await page.GetAsync(url, Ct)).StatusCode);
        // Inside the window the lists answer.
        await admin.GetJsonAsync("/api/v1/audit?from=1900-01-01&to=2100-12-31");
    }

    [DbFact]
    public async Task EmptyBody_Answers400InVietnameseFirst()
    {
        var point = await app.ClientAsync("demo-point");
        foreach (var body in new[] { "", "null" })
        {
            var problem = await (await point.PostRawAsync("/api/v1/circulation/readers", body)).JsonAsync(HttpStatusCode.BadRequest);
            var text = problem.ToString();
            Assert.Contains("Thiếu nội dung JSON", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Implicit body", text, StringComparison.Ordinal);
        }
    }

    [DbFact]
    public async Task IfMatch_WeakTag_NeverMatches_412()
    {
        var (point, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Lê Văn Yếu "));
        var read = await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}", Ct);
        var tag = read.Headers.ETag!.Tag;
        async Task<HttpStatusCode> PutAsync(string ifMatch)
        {
            using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/circulation/readers/{reader.Id}")
            {
                Content = JsonContent.Create(new { fullName = reader.FullName + " Sửa", category = "Worker", consentOn = app.Today }),
            };
            edit.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return (await point.SendAsync(edit, Ct)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.PreconditionFailed, await PutAsync("W/" + tag));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(tag));
    }

}

public sealed class InputLimitsTestsOnSqlite(SqliteApp app) : InputLimitsTests(app), IClassFixture<SqliteApp>;

public sealed class InputLimitsTestsOnPostgres(PostgresApp app) : InputLimitsTests(app), IClassFixture<PostgresApp>;
