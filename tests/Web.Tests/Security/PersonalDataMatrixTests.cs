using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Security;

/// Rows with personal data that no other test has, made through the API as the point that serves the person, and the
/// readers of answers that look at the text a person would see (JSON strings decoded, HTML entities decoded).
public static class PersonalRows
{
    /// Every demo role, and a point user of another point than the demo point.
    public static readonly string[] DemoUsers =
        ["demo-admin", "demo-monitor", "demo-postoffice", "demo-library", "demo-district", "demo-point", "demo-commune", OtherPoint];

    public const string OtherPoint = "other-point";

    public static int DemoPointId(this BookpostApp app) =>
        app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value);

    /// Letters only, so the value never appears by chance inside a number or a code.
    public static string Letters(int count = 8) =>
        string.Concat(Enumerable.Range(0, count).Select(i => (char)((i == 0 ? 'A' : 'a') + Random.Shared.Next(26))));

    public sealed record ReaderRow(ReaderDto Reader, string Name, string Phone, string Card, string Village);

    /// A reader of the demo point with a distinctive name, phone, card number and village.
    public static async Task<ReaderRow> ReaderAsync(BookpostApp app)
    {
        using var point = await app.ClientAsync("demo-point");
        var name = $"Quàng Thị {Letters()}";
        var phone = $"+84 39{Random.Shared.Next(10)}-{Random.Shared.Next(100000, 999999)}";
        var card = $"PDM-{Letters(10).ToUpperInvariant()}";
        var village = $"Bản {Letters()}";
        var reader = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            cardNumber = card, fullName = name, birthYear = 1987, sex = "Female", category = "Farmer", ethnicMinority = true,
            poorHousehold = true, village, phone, consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        return new ReaderRow(reader, name, phone, card, village);
    }

    /// A class at a site with one distinctive attendee, recorded by <paramref name="client"/>.
    public static async Task<(TrainingDto Training, string Name)> TrainingAsync(BookpostApp app, HttpClient client, int siteId,
        DateOnly? heldOn = null)
    {
        var name = $"Lò Văn {Letters()}";
        var input = new TrainingInput(siteId, "Dịch vụ công trực tuyến", TrainingAudience.Public, heldOn ?? app.Today, 3, "Lê Thị Hằng",
            null, null, null, null, [new AttendeeInput(name, Sex.Male, 1979, true, true), new AttendeeInput($"Hà Thị {Letters()}", Sex.Female)]);
        var training = await (await client.PostAsJsonAsync("/api/v1/access/trainings", input, Api.Json, Api.Ct))
            .ReadAsync<TrainingDto>(HttpStatusCode.Created);
        return (training, name);
    }

    public sealed record HoldRow(long Id, int TitleId, string Name, string Phone);

    /// A hold at the demo point, placed on the public API, with a distinctive name and number (issue 21).
    public static async Task<HoldRow> HoldAsync(BookpostApp app)
    {
        var p = app.DemoPointId();
        var title = Features.Portal.HoldRows.TitleAt(app, p);
        var name = $"Đinh Thị {Letters()}";
        var phone = Features.Portal.HoldRows.NewPhone();
        return new HoldRow(await Features.Portal.HoldRows.HoldAsync(app, p, title, name, phone), title, name, phone);
    }

    /// A Point user of another Post-Culture point than the demo point (made once per app).
    public static async Task<int> EnsureOtherPointUserAsync(BookpostApp app) => await app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Web.Data.AppDbContext>();
        var demo = db.Users.Single(u => u.UserName == "demo-point").ScopePointId;
        var other = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Id != demo).OrderBy(p => p.Id).First();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(OtherPoint) is null)
        {
            var made = await users.CreateAsync(new AppUser
            {
                UserName = OtherPoint, FullName = "Nhân viên điểm khác", Role = AppRole.Point, ScopeKind = ScopeKind.Point,
                ScopeAreaCode = other.CommuneCode, ScopePointId = other.Id, CreatedAt = app.UtcNow,
            }, BookpostApp.Password);
            Assert.True(made.Succeeded, string.Join("; ", made.Errors.Select(e => e.Description)));
        }
        return other.Id;
    });

    /// The text of an answer as a person reads it: every string of a JSON answer decoded (and the JSON inside audit
    /// records with it), or an HTML page with its entities decoded.
    public static string Readable(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var parts = new List<string>();
            Collect(doc.RootElement, parts);
            return string.Join("\n", parts);
        }
        catch (JsonException)
        {
            return WebUtility.HtmlDecode(body);
        }
    }

    private static void Collect(JsonElement e, List<string> parts)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) { parts.Add(p.Name); Collect(p.Value, parts); }
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) Collect(x, parts);
                break;
            case JsonValueKind.String:
                parts.Add(e.GetString()!);
                break;
            default:
                parts.Add(e.GetRawText());
                break;
        }
    }
}

/// The scope matrix with personal fields (issue 15): a reader with a distinctive name, phone and card number, a loan to
/// them, and a class with a distinctive attendee, all at point P (the demo point). Then every demo role and a point
/// user of another point call every GET endpoint of the OpenAPI document that needs no path parameter, the detail
/// endpoints of these rows and a few pages; no answer may hold the name, phone or card number, except for Admin and
/// the point of P.
public abstract class PersonalDataMatrixTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_mayRead = ["demo-admin", "demo-point"];

    /// Every page that takes no route value.
    private static readonly string[] s_pages =
    [
        "/", "/Access", "/Access/Equipment", "/Access/Repairs", "/Access/Sessions", "/Access/Trainings", "/Audit", "/Catalog",
        "/Catalog/Imports", "/Circulation", "/Circulation/Loans", "/Circulation/Periodicals", "/Circulation/Readers",
        "/Circulation/Rules", "/Circulation/Tally", "/Network/Organizations", "/Network/Points", "/Network/Units",
        "/Reports/Indicators", "/Rotation", "/Rotation/Capacity", "/Rotation/Custody", "/Rotation/Cycles", "/Rotation/Discrepancies",
        "/Rotation/Overdue", "/Rotation/Sets", "/Rotation/Shipments", "/Users",
    ];

    /// Finding 1 seen from the matrix: a copy lent at P to P's reader and returned at another point. Nothing the other
    /// point reads may name the reader. The fix is Circulation's (finding 1, another part of issue 15): this test
    /// fails until it lands.
    [DbFact]
    public async Task ALoanReturnedAtAnotherPoint_DoesNotNameTheReaderThere()
    {
        var other = await PersonalRows.EnsureOtherPointUserAsync(app);
        var p = app.DemoPointId();
        var reader = await PersonalRows.ReaderAsync(app);
        using var point = await app.ClientAsync("demo-point");
        var copy = app.Copies(1, p, "PDR")[0];
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerId = reader.Reader.Id, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        using var elsewhere = await app.ClientAsync(PersonalRows.OtherPoint);
        using var returned = await elsewhere.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } });
        Assert.True((int)returned.StatusCode < 500);
        string[] secrets = [reader.Name, reader.Phone, reader.Card];
        var failures = new List<string>();
        foreach (var url in new[] { "/api/v1/circulation/loans", $"/api/v1/circulation/loans?pointId={other}", "/api/v1/circulation/readers",
            $"/api/v1/circulation/loans?readerId={reader.Reader.Id}" })
        {
            using var response = await elsewhere.GetAsync(url, Ct);
            var body = PersonalRows.Readable(await response.Content.ReadAsStringAsync(Ct));
            failures.AddRange(secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).Select(s => $"{url}: holds {s}"));
        }
        using var browser = await PageClient.SignInAsync(app, PersonalRows.OtherPoint);
        var html = PersonalRows.Readable(await browser.GetStringAsync("/Circulation/Loans", Ct));
        failures.AddRange(secrets.Where(s => html.Contains(s, StringComparison.Ordinal)).Select(s => $"page /Circulation/Loans: holds {s}"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [DbFact]
    public async Task NoRoleOutsideAdminAndThePointOfThePerson_ReadsANamePhoneOrCard()
    {
        await PersonalRows.EnsureOtherPointUserAsync(app);
        var p = app.DemoPointId();
        var reader = await PersonalRows.ReaderAsync(app);
        using var point = await app.ClientAsync("demo-point");
        var copy = app.Copies(1, p, "PDM")[0];
        var lent = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerId = reader.Reader.Id, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        var loanId = lent.GetProperty("loans")[0].GetProperty("id").GetInt32();
        var (training, attendee) = await PersonalRows.TrainingAsync(app, point, p);
        var attendeeId = app.WithDb(db => db.TrainingAttendees.Where(a => a.FullName == attendee).Select(a => a.Id).Single());
        var hold = await PersonalRows.HoldAsync(app);
        string[] secrets = [reader.Name, reader.Phone, reader.Card, attendee, hold.Name, hold.Phone];

        using var anonymous = app.CreateClient();
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var urls = openApi.GetProperty("paths").EnumerateObject()
            .Where(path => !path.Name.Contains('{') && path.Value.TryGetProperty("get", out _))
            .Select(path => path.Name).ToList();
        Assert.NotEmpty(urls);
        urls.AddRange(
        [
            $"/api/v1/circulation/readers/{reader.Reader.Id}",
            $"/api/v1/circulation/readers?pointId={p}",
            $"/api/v1/circulation/readers?q={Uri.EscapeDataString(reader.Name)}",
            $"/api/v1/circulation/loans?pointId={p}",
            $"/api/v1/circulation/loans?readerId={reader.Reader.Id}",
            $"/api/v1/circulation/loans?open=true",
            $"/api/v1/access/trainings/{training.Id}",
            $"/api/v1/access/trainings?siteId={p}",
            $"/api/v1/audit?entityType=Reader&entityId={reader.Reader.Id}",
            $"/api/v1/audit?entityType=Loan&entityId={loanId}",
            $"/api/v1/audit?entityType=TrainingAttendee&entityId={attendeeId}",
            "/api/v1/audit?pageSize=500",
            "/api/v1/points/export",
            "/api/v1/reports/indicator-values",
            $"/api/v1/holds?pointId={p}",
            "/api/v1/holds?status=all&pageSize=500",
            $"/api/v1/audit?entityType=PointHold&entityId={hold.Id}",
        ]);
        string[] pages = [.. s_pages, $"/Access/Trainings?site={p}", $"/Access?site={p}", $"/Circulation/Readers/{reader.Reader.Id}",
            $"/Circulation/Loans?pointId={p}", $"/Audit?entityType=Reader&entityId={reader.Reader.Id}",
            $"/Audit?entityType=TrainingAttendee&entityId={attendeeId}", "/Circulation/Holds", "/Circulation/Holds?Status=all"];

        var failures = new List<string>();
        foreach (var user in PersonalRows.DemoUsers)
        {
            using var client = await app.ClientAsync(user);
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url, Ct);
                var body = PersonalRows.Readable(await response.Content.ReadAsStringAsync(Ct));
                if ((int)response.StatusCode >= 500) failures.Add($"{url} as {user}: {(int)response.StatusCode}");
                if (s_mayRead.Contains(user)) continue;
                foreach (var secret in secrets.Where(s => body.Contains(s, StringComparison.Ordinal)))
                    failures.Add($"{url} as {user}: holds {secret}");
            }
            using var browser = await PageClient.SignInAsync(app, user);
            foreach (var page in pages)
            {
                using var response = await browser.GetAsync(page, Ct);
                var html = PersonalRows.Readable(await response.Content.ReadAsStringAsync(Ct));
                if ((int)response.StatusCode >= 500) failures.Add($"page {page} as {user}: {(int)response.StatusCode}");
                if (s_mayRead.Contains(user)) continue;
                foreach (var secret in secrets.Where(s => html.Contains(s, StringComparison.Ordinal)))
                    failures.Add($"page {page} as {user}: holds {secret}");
            }
        }

        // Those who may read them do see them, so the matrix looks at the right rows.
        using (var admin = await app.ClientAsync("demo-admin"))
        {
            Assert.Contains(reader.Name, PersonalRows.Readable(await admin.GetStringAsync($"/api/v1/circulation/readers/{reader.Reader.Id}", Ct)));
            Assert.Contains(attendee, PersonalRows.Readable(await admin.GetStringAsync($"/api/v1/access/trainings/{training.Id}", Ct)));
        }
        Assert.Contains(attendee, PersonalRows.Readable(await point.GetStringAsync($"/api/v1/access/trainings/{training.Id}", Ct)));
        Assert.Contains(hold.Phone, PersonalRows.Readable(await point.GetStringAsync($"/api/v1/holds?pointId={p}", Ct)));
        Assert.Contains(hold.Name, PersonalRows.Readable(await (await PageClient.SignInAsync(app, "demo-point")).GetStringAsync("/Circulation/Holds", Ct)));

        // No public page names the person or their number, whoever reads it (the portal needs no account).
        using var visitor = app.CreateClient();
        var code = app.WithDb(db => db.ServicePoints.Where(x => x.Id == p).Select(x => x.Code).Single()).ToLowerInvariant();
        foreach (var page in new[] { "/", "/trang-chu", $"/diem/{code}", $"/diem/{code}/sach", $"/diem/{code}/giu-sach?sach={hold.TitleId}",
            "/tim-diem?q=hoang+kim", "/tinh", "/sitemap.xml" })
        {
            using var response = await visitor.GetAsync(page, Ct);
            var html = PersonalRows.Readable(await response.Content.ReadAsStringAsync(Ct));
            if ((int)response.StatusCode >= 500) failures.Add($"public {page}: {(int)response.StatusCode}");
            foreach (var secret in new[] { hold.Name, hold.Phone, hold.Phone[3..] }.Where(s => html.Contains(s, StringComparison.Ordinal)))
                failures.Add($"public {page}: holds {secret}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} leaks:\n" + string.Join("\n", failures.Distinct()));
    }
}

public sealed class PersonalDataMatrixTestsOnSqlite(SqliteApp app) : PersonalDataMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class PersonalDataMatrixTestsOnPostgres(PostgresApp app) : PersonalDataMatrixTests(app), IClassFixture<PostgresApp>;
