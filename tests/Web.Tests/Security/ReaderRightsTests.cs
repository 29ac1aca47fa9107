using System.Net;
using System.Net.Http.Json;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Privacy;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Issue 15, findings 11 (card numbers), 12 (consent with its purpose) and 13 (print, correct, erase).
public abstract class ReaderRightsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string IndicatorCodes =
        "circulation.readers_new,circulation.readers_active,circulation.loans,circulation.returns,circulation.overdue";

    private int OtherPoint()
    {
        var demo = app.DemoPoint();
        return app.WithDb(db => db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint
            && p.Status == ServicePointStatus.Active && p.Id != demo).OrderBy(p => p.Id).Skip(5).First().Id);
    }

    private async Task<string> IndicatorsAsync(HttpClient admin) =>
        await admin.GetStringAsync(
            $"/api/v1/reports/indicator-values?period=Custom&from={app.Today:O}&to={app.Today:O}&level=Point&codes={IndicatorCodes}", Ct);

    [DbFact]
    public async Task CardNumber_UsedAtAnotherPoint_IsFreeHere_AndTellsNothing()
    {
        var admin = await app.ClientAsync("demo-admin");
        var point = await app.ClientAsync("demo-point");
        var card = CatalogBuilders.Unique("THE-").ToUpperInvariant();
        await (await admin.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Bạn Đọc Nơi Khác", category = "Worker", consentOn = app.Today.ToString("O"), cardNumber = card, pointId = OtherPoint(),
        })).JsonAsync(HttpStatusCode.Created);
        // The same number at the demo point: accepted, so nothing says that it exists elsewhere.
        var here = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Bạn Đọc Ở Đây", category = "Worker", consentOn = app.Today.ToString("O"), cardNumber = card,
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        Assert.Equal(card, here.CardNumber);
        // Inside the point a number is used once; the desk finds this point's reader by it.
        var dup = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Trùng Số", category = "Worker", consentOn = app.Today.ToString("O"), cardNumber = card,
        })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("đã được dùng", dup.GetProperty("errors").GetProperty("cardNumber")[0].GetString());
        var copy = app.CopiesHere(1)[0];
        var lent = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy } }))
            .ReadAsync<CheckOutResult>();
        Assert.Equal(here.Id, lent.Loans[0].ReaderId);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Registration_RecordsTheConsent_WithThePurposeShown()
    {
        var page = await PageClient.SignInAsync(app, "demo-point");
        var form = await page.GetStringAsync("/Circulation/Readers", Ct);
        Assert.Contains("Luật Bảo vệ dữ liệu cá nhân", form);
        var (point, reader) = await app.ReaderAsync();
        Assert.Equal(ReaderPurpose.Version, reader.ConsentPurposeKey);
        Assert.Contains("Luật Bảo vệ dữ liệu cá nhân năm 2025", reader.ConsentPurpose);
        Assert.Contains("13/2023", reader.ConsentPurpose);
        Assert.Contains($"{new PrivacyOptions().ReaderRetentionYears} năm", reader.ConsentPurpose);
        Assert.Equal(reader.ConsentPurpose, app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).ConsentPurpose));
        // The reader's page shows the text recorded; an edit keeps it.
        var details = System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct));
        Assert.Contains("Thời hạn lưu", details);
        var created = await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}", Ct);
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/circulation/readers/{reader.Id}")
        {
            Content = JsonContent.Create(new { fullName = reader.FullName + " Sửa", category = "Worker", consentOn = app.Today }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        var edited = await (await point.SendAsync(edit, Ct)).ReadAsync<ReaderDto>();
        Assert.Equal(reader.ConsentPurpose, edited.ConsentPurpose);
    }

    [DbFact]
    public async Task PersonalDataPdf_HasEverything_ForThePointAndAdminOnly()
    {
        var (point, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Nguyễn Thị Ưng Hoà "));
        var copy = app.CopiesHere(1)[0];
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        var title = app.WithDb(db => db.Items.Where(i => i.Barcode == copy).Select(i => i.Title.TitleProper).Single());
        var url = $"/api/v1/circulation/readers/{reader.Id}/personal-data.pdf";
        var pdf = await point.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var admin = await app.ClientAsync("demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url, Ct)).StatusCode);
        foreach (var user in new[] { "demo-monitor", "demo-district", "demo-library", "demo-postoffice" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(user)).GetAsync(url, Ct)).StatusCode);
        // Another point's reader is not there for the demo point.
        var other = await (await admin.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Người Điểm Khác", category = "Worker", consentOn = app.Today.ToString("O"), pointId = OtherPoint(),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await point.GetAsync($"/api/v1/circulation/readers/{other.Id}/personal-data.pdf", Ct)).StatusCode);

        var text = await RotationCycleTests.PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync(Ct));
        Assert.SkipWhen(text is null, "pdftotext (poppler-utils) is not installed.");
        var flat = string.Join(' ', text!.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reader.FullName, flat);
        Assert.Contains(reader.CardNumber, flat);
        Assert.Contains("Bản Thử", flat);
        Assert.Contains(title, flat);
        Assert.Contains("Luật Bảo vệ dữ liệu cá nhân", flat);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Erase_RemovesTheIdentity_KeepsTheIndicators_AndAuditsNoValue()
    {
        var admin = await app.ClientAsync("demo-admin");
        var (point, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Lường Văn Xoá "));
        reader = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = CatalogBuilders.Unique("Lường Văn Xoá "), birthYear = 1975, sex = "Male", category = "Farmer", ethnicMinority = true,
            poorHousehold = true, village = "Bản Xoá", phone = "0987654321", consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        var copies = app.CopiesHere(2);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = copies }))
            .JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[0] } })).JsonAsync(HttpStatusCode.OK);
        var url = $"/api/v1/circulation/readers/{reader.Id}/erase";

        // With a book still out the reader keeps their identity (nobody would know who has it), and says so.
        using (var early = new HttpRequestMessage(HttpMethod.Post, url))
        {
            early.Headers.TryAddWithoutValidation("If-Match", $"\"{reader.Version}\"");
            var refused = await (await point.SendAsync(early, Ct)).JsonAsync(HttpStatusCode.Conflict);
            Assert.Contains("1", refused.GetProperty("detail").GetString());
        }
        Assert.Null(app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).ErasedAt));
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[1] } })).JsonAsync(HttpStatusCode.OK);

        var before = await IndicatorsAsync(admin);
        var lastAudit = app.WithDb(db => db.AuditEntries.Max(a => a.Id));

        // Other roles and other points cannot; the desk needs If-Match, and a stale one is refused.
        foreach (var user in new[] { "demo-monitor", "demo-district", "demo-library", "demo-postoffice" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(user)).PostAsync(url, null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await point.PostAsync(url, null, Ct)).StatusCode);
        using (var stale = new HttpRequestMessage(HttpMethod.Post, url))
        {
            stale.Headers.TryAddWithoutValidation("If-Match", $"\"{reader.Version + 7}\"");
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await point.SendAsync(stale, Ct)).StatusCode);
        }
        var etag = (await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}", Ct)).Headers.ETag!.Tag;
        using var erase = new HttpRequestMessage(HttpMethod.Post, url);
        erase.Headers.TryAddWithoutValidation("If-Match", etag);
        var erased = await (await point.SendAsync(erase, Ct)).ReadAsync<ReaderDto>();
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal("", erased.FullName);
        Assert.DoesNotContain(reader.CardNumber, erased.CardNumber);
        Assert.Equal((null, false, false, null, null), (erased.BirthYear, erased.EthnicMinority, erased.PoorHousehold, erased.Village, erased.Phone));
        Assert.Equal((reader.Sex, reader.Category, reader.PointId, reader.RegisteredOn), (erased.Sex, erased.Category, erased.PointId, erased.RegisteredOn));

        // Every [Personal] property of the row is empty now.
        var row = app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id));
        foreach (var p in typeof(Reader).GetProperties().Where(p => p.GetCustomAttributes(typeof(PersonalAttribute), false).Length > 0))
        {
            var value = p.GetValue(row);
            Assert.True(value is null or false || (value is string s && (s.Length == 0 || s.StartsWith(Reader.ErasedCardPrefix, StringComparison.Ordinal))),
                $"{p.Name} still holds {value}");
        }
        // The loans stay linked, and no indicator changes.
        Assert.Equal(2, app.WithDb(db => db.Loans.Count(l => l.ReaderId == reader.Id)));
        Assert.Equal(before, await IndicatorsAsync(admin));

        // One audit entry says that an erasure happened, with none of the values erased.
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Id > lastAudit).ToList());
        var entry = Assert.Single(audit, a => a.EntityType == nameof(Reader));
        Assert.Equal(reader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Null(entry.Before);
        Assert.Contains("\"erased\":true", entry.After);
        foreach (var a in audit)
            foreach (var value in new[] { reader.FullName, reader.CardNumber, "Bản Xoá", "0987654321" })
            {
                Assert.DoesNotContain(value, a.Before ?? "");
                Assert.DoesNotContain(value, a.After ?? "");
            }

        // The card no longer lends, the record cannot be edited back, and a second erase is a conflict.
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { app.CopiesHere(1)[0] } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        using var again = new HttpRequestMessage(HttpMethod.Post, url);
        again.Headers.TryAddWithoutValidation("If-Match", $"\"{erased.Version}\"");
        Assert.Equal(HttpStatusCode.Conflict, (await point.SendAsync(again, Ct)).StatusCode);
    }

    [DbFact]
    public async Task ReaderPage_OffersPrintCorrectAndErase_WithConfirmation()
    {
        var (_, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Cầm Thị Trang "));
        var page = await PageClient.SignInAsync(app, "demo-point");
        var url = $"/Circulation/Readers/{reader.Id}";
        var html = await page.GetStringAsync(url, Ct);
        Assert.Contains($"/api/v1/circulation/readers/{reader.Id}/personal-data.pdf", html);
        Assert.Contains("handler=Edit", html);
        Assert.Contains("handler=Erase", html);

        // Correct through the page.
        var fields = new Dictionary<string, string>
        {
            ["Version"] = reader.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.FullName"] = reader.FullName + " Đã Sửa",
            ["Input.Category"] = "Farmer", ["Input.Sex"] = "Female", ["Input.ConsentOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.CardNumber"] = reader.CardNumber,
        };
        await PageClient.PostFormAsAsync(page, url, $"{url}?handler=Edit", fields);
        Assert.Equal(reader.FullName + " Đã Sửa", app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).FullName));
        var version = app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).Version);

        // Erase without the confirmation word: nothing happens; with it, the identity is gone.
        var erase = new Dictionary<string, string> { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirm"] = "" };
        await PageClient.PostFormAsAsync(page, url, $"{url}?handler=Erase", erase);
        Assert.Null(app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).ErasedAt));
        erase["Confirm"] = "XÓA";
        await PageClient.PostFormAsAsync(page, url, $"{url}?handler=Erase", erase);
        Assert.NotNull(app.WithDb(db => db.Readers.Single(r => r.Id == reader.Id).ErasedAt));
        Assert.DoesNotContain(reader.FullName, await page.GetStringAsync(url, Ct));
    }
}

public sealed class ReaderRightsTestsOnSqlite(SqliteApp app) : ReaderRightsTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderRightsTestsOnPostgres(PostgresApp app) : ReaderRightsTests(app), IClassFixture<PostgresApp>;
