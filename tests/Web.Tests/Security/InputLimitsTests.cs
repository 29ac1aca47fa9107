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
}

public sealed class InputLimitsTestsOnSqlite(SqliteApp app) : InputLimitsTests(app), IClassFixture<SqliteApp>;

public sealed class InputLimitsTestsOnPostgres(PostgresApp app) : InputLimitsTests(app), IClassFixture<PostgresApp>;
