using System.Net;
using System.Reflection;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Privacy;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Finding 3: the audit keeps its full record for Admin only. Every entity type with [Personal] properties (read from
/// the model, so a new one fails here until it has a case) is written with distinctive values; then every demo role
/// reads its audit entries through the API and the page: Admin sees the values, Monitor sees "•••" in their place (the
/// entity id stays), every other role is refused.
public abstract class AuditPrivacyTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_readers = ["demo-admin", "demo-monitor"];

    /// How to write a row of each entity type with personal fields: its id and the values that must not leak.
    private static readonly Dictionary<string, Func<BookpostApp, Task<(string EntityId, string[] Values)>>> s_cases = new()
    {
        ["Reader"] = async app =>
        {
            var r = await PersonalRows.ReaderAsync(app);
            return (r.Reader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), [r.Name, r.Phone, r.Card, r.Village]);
        },
        ["TrainingAttendee"] = async app =>
        {
            var t = await PersonalRows.TrainingAsync(app, await app.ClientAsync("demo-point"), app.DemoPointId());
            var id = app.WithDb(db => db.TrainingAttendees.Where(a => a.FullName == t.Name).Select(a => a.Id).Single());
            return (id.ToString(System.Globalization.CultureInfo.InvariantCulture), [t.Name]);
        },
        ["PointHold"] = async app =>
        {
            var h = await PersonalRows.HoldAsync(app);
            return (h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), [h.Name, h.Phone]);
        },
    };

    [DbFact]
    public void EveryEntityTypeWithPersonalFields_HasACase()
    {
        var personal = app.WithDb(db => db.Model.GetEntityTypes()
            .Where(t => t.GetProperties().Any(p => p.PropertyInfo?.GetCustomAttribute<PersonalAttribute>() is not null))
            .Select(t => t.ClrType.Name).Distinct().Order().ToList());
        Assert.Equal(personal, s_cases.Keys.Order());
        Assert.Equal(personal, app.WithDb(db => AuditPrivacy.PersonalFields(db.Model).Keys.Order().ToList()));
    }

    [DbFact]
    public async Task EveryPersonalEntity_AsEveryRole_ApiAndPage_OnlyAdminSeesTheValues()
    {
        await PersonalRows.EnsureOtherPointUserAsync(app);
        var failures = new List<string>();
        foreach (var (type, make) in s_cases)
        {
            var (id, values) = await make(app);
            var query = $"entityType={type}&entityId={id}";
            foreach (var user in PersonalRows.DemoUsers)
            {
                using var client = await app.ClientAsync(user);
                using var response = await client.GetAsync($"/api/v1/audit?{query}", Ct);
                var body = PersonalRows.Readable(await response.Content.ReadAsStringAsync(Ct));
                var expected = s_readers.Contains(user) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{type} API as {user}: {(int)response.StatusCode}, expected {(int)expected}");
                    continue;
                }
                if (expected != HttpStatusCode.OK) continue;
                Check(failures, $"{type} API as {user}", user, body, values, id, s_neverAudited.Contains(type));

                using var page = await PageClient.SignInAsync(app, user);
                var html = await page.GetStringAsync($"/Audit?{query}", Ct);
                Check(failures, $"{type} page as {user}", user, PersonalRows.Readable(html), values, id, s_neverAudited.Contains(type));
            }
            foreach (var user in PersonalRows.DemoUsers.Except(s_readers))
            {
                using var page = await PageClient.SignInAsync(app, user);
                using var denied = await page.GetAsync($"/Audit?{query}", Ct);
                PageClient.AssertDenied(denied);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// Types whose personal fields are [NotAudited] (a hold's name and number): the audit never had them, so nobody,
    /// Admin included, finds them there, and there is nothing to mask.
    private static readonly HashSet<string> s_neverAudited = ["PointHold"];

    private static void Check(List<string> failures, string what, string user, string body, string[] values, string id,
        bool neverAudited)
    {
        if (!body.Contains(id, StringComparison.Ordinal)) failures.Add($"{what}: the entity id {id} is not shown");
        if (neverAudited)
        {
            foreach (var v in values.Where(v => body.Contains(v, StringComparison.Ordinal))) failures.Add($"{what}: {v} is in the audit");
        }
        else if (user == "demo-admin")
        {
            foreach (var v in values.Where(v => !body.Contains(v, StringComparison.Ordinal))) failures.Add($"{what}: {v} is missing");
        }
        else
        {
            foreach (var v in values.Where(v => body.Contains(v, StringComparison.Ordinal))) failures.Add($"{what}: {v} leaks");
            if (!body.Contains(AuditPrivacy.Mask, StringComparison.Ordinal)) failures.Add($"{what}: nothing is masked");
        }
    }

    /// The acceptance check: Monitor reads the whole audit, page after page, and finds no reader's or attendee's name,
    /// phone or card number in it, the demo data's included.
    [DbFact]
    public async Task Monitor_ReadsTheWholeAudit_WithoutAnyNamePhoneOrCard()
    {
        await PersonalRows.ReaderAsync(app);
        var site = app.DemoPointId();
        await PersonalRows.TrainingAsync(app, await app.ClientAsync("demo-point"), site);
        var secrets = app.WithDb(db => db.Readers.Select(r => r.FullName)
            .Concat(db.Readers.Where(r => r.Phone != null).Select(r => r.Phone!))
            .Concat(db.Readers.Select(r => r.CardNumber))
            .Concat(db.TrainingAttendees.Select(a => a.FullName)).ToList()
            .Where(s => s.Length > 0).ToList()); // an erased reader's row holds nothing to find
        Assert.NotEmpty(secrets);
        using var monitor = await app.ClientAsync("demo-monitor");
        var leaks = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await monitor.GetJsonAsync($"/api/v1/audit?pageSize=500&page={page}");
            var text = PersonalRows.Readable(body.GetRawText());
            leaks.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)));
            if (page >= body.GetProperty("pageCount").GetInt32()) break;
        }
        Assert.Empty(leaks.Distinct());
    }

    /// The attacker review: after an erasure, Admin's audit of the reader still showed the name, phone and card in the
    /// entries written before it. The table is append-only, so the reading masks them, for every role, Admin included.
    [DbFact]
    public async Task ErasedReader_EarlierEntries_AreMaskedForAdminToo_ApiAndPage()
    {
        var r = await PersonalRows.ReaderAsync(app);
        var id = r.Reader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var point = await app.ClientAsync("demo-point");
        // An edit too, so that the old name is in an Updated entry's Before.
        var newName = $"Quàng Văn {PersonalRows.Letters()}";
        using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/circulation/readers/{id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                cardNumber = r.Card, fullName = newName, category = "Farmer", village = r.Village, phone = r.Phone, consentOn = app.Today,
            }),
        })
        {
            edit.Headers.TryAddWithoutValidation("If-Match", $"\"{r.Reader.Version}\"");
            await (await point.SendAsync(edit, Ct)).JsonAsync(HttpStatusCode.OK);
        }
        string[] values = [r.Name, newName, r.Phone, r.Card, r.Village];
        using var admin = await app.ClientAsync("demo-admin");
        var url = $"/api/v1/audit?entityType=Reader&entityId={id}";
        var before = PersonalRows.Readable(await admin.GetStringAsync(url, Ct));
        Assert.All(values, v => Assert.Contains(v, before));

        var etag = (await point.GetAsync($"/api/v1/circulation/readers/{id}", Ct)).Headers.ETag!.Tag;
        using (var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/circulation/readers/{id}/erase"))
        {
            erase.Headers.TryAddWithoutValidation("If-Match", etag);
            await (await point.SendAsync(erase, Ct)).JsonAsync(HttpStatusCode.OK);
        }

        var body = await admin.GetJsonAsync(url);
        Assert.True(body.GetProperty("items").GetArrayLength() >= 3, body.GetRawText());
        var after = PersonalRows.Readable(body.GetRawText());
        var page = PersonalRows.Readable(await (await PageClient.SignInAsync(app, "demo-admin")).GetStringAsync($"/Audit?entityType=Reader&entityId={id}", Ct));
        foreach (var (what, text) in new[] { ("API", after), ("page", page) })
        {
            Assert.All(values, v => Assert.DoesNotContain(v, text));
            Assert.Contains(AuditPrivacy.Mask, text);
            Assert.Contains(id, text);
        }
        // The marker itself, and a reader not erased is still whole for Admin.
        Assert.Contains("erased", after);
        var other = await PersonalRows.ReaderAsync(app);
        Assert.Contains(other.Name, PersonalRows.Readable(await admin.GetStringAsync($"/api/v1/audit?entityType=Reader&entityId={other.Reader.Id}", Ct)));
    }

    [Fact]
    public void Mask_ReplacesOnlyPersonalValues_AndAnUnreadableRecordWhole()
    {
        var names = new HashSet<string> { "FullName", "Phone" };
        Assert.Equal("""{"FullName":"•••","Phone":"•••","Sex":"Female"}""",
            AuditPrivacy.MaskJson("""{"FullName":"Lò Thị Mai","Phone":null,"Sex":"Female"}""", names));
        Assert.Equal(AuditPrivacy.Mask, AuditPrivacy.MaskJson("not json", names));
        Assert.Null(AuditPrivacy.MaskJson(null, names));
    }
}

public sealed class AuditPrivacyTestsOnSqlite(SqliteApp app) : AuditPrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPrivacyTestsOnPostgres(PostgresApp app) : AuditPrivacyTests(app), IClassFixture<PostgresApp>;
