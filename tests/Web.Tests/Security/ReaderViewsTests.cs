using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Issue 15, finding 15: reading a reader's record, a loan list with names, the personal-data PDF, the card PDF or a
/// desk's answer naming the reader (check-out, renewal) is recorded (who, when, which reader, what), and Admin lists
/// it per reader.
public abstract class ReaderViewsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Views(int readerId, string what) => app.WithDb(db => db.ReaderViews.Count(v => v.ReaderId == readerId && v.What == what && v.UserName == "demo-point"));

    [DbFact]
    public async Task Looks_AreRecorded_AndAdminListsThem()
    {
        var (point, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Vi Thị Xem "));
        var (_, second) = await app.ReaderAsync(CatalogBuilders.Unique("Vi Văn Xem "));
        var copies = app.CopiesHere(2);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copies[0] } }))
            .JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = second.CardNumber, barcodes = new[] { copies[1] } }))
            .JsonAsync(HttpStatusCode.OK);

        await point.GetAsync<ReaderDto>($"/api/v1/circulation/readers/{reader.Id}");
        Assert.Equal(1, Views(reader.Id, ReaderView.Record));
        // One list of loans: one row per reader named in it.
        await point.GetJsonAsync("/api/v1/circulation/loans?open=true&pageSize=500");
        Assert.Equal(1, Views(reader.Id, ReaderView.Loans));
        Assert.Equal(1, Views(second.Id, ReaderView.Loans));
        (await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}/personal-data.pdf", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1, Views(reader.Id, ReaderView.Pdf));
        // The pages too.
        var page = await PageClient.SignInAsync(app, "demo-point");
        await page.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct);
        Assert.Equal(2, Views(reader.Id, ReaderView.Record));
        await page.GetStringAsync("/Circulation/Loans", Ct);
        Assert.Equal(2, Views(reader.Id, ReaderView.Loans));

        // Admin reads the log; nobody else does.
        var admin = await app.ClientAsync("demo-admin");
        var log = await admin.GetAsync<List<ReaderViewDto>>($"/api/v1/circulation/readers/{reader.Id}/views");
        // The check-out by card is a look too (the answer names the reader).
        Assert.Equal(6, log.Count(v => v.UserName == "demo-point"));
        Assert.Equal(["desk", "loans", "pdf", "record"], log.Where(v => v.UserName == "demo-point").Select(v => v.What).Distinct().Order().ToArray());
        Assert.All(log, v => Assert.True(v.At <= app.UtcNow.AddMinutes(1)));
        foreach (var user in new[] { "demo-point", "demo-monitor", "demo-district", "demo-library", "demo-postoffice" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(user)).GetAsync($"/api/v1/circulation/readers/{reader.Id}/views", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/circulation/readers/999999/views", Ct)).StatusCode);
        var adminPage = await PageClient.SignInAsync(app, "demo-admin");
        var html = await adminPage.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct);
        Assert.Contains("Ai đã xem", System.Net.WebUtility.HtmlDecode(html));
        // What was looked at reads as words, not the stored code.
        Assert.Contains("Bản in dữ liệu cá nhân (PDF)", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<td>pdf</td>", html);
        Assert.DoesNotContain("Ai đã xem", System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct)));

        // Looks are not changes: nothing of them in the audit.
        Assert.Equal(0, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(ReaderView))));
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = copies })).JsonAsync(HttpStatusCode.OK);
    }

    /// The attacker review: the card PDF, a check-out by card (API and desk page) and a renewal name the reader and
    /// were not recorded.
    [DbFact]
    public async Task CardPdf_CheckOut_DeskLend_AndRenew_AreRecorded()
    {
        var (point, reader) = await app.ReaderAsync(CatalogBuilders.Unique("Vi Thị Thẻ "));
        (await point.GetAsync($"/api/v1/circulation/readers/{reader.Id}/card.pdf", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1, Views(reader.Id, ReaderView.Card));

        var copies = app.CopiesHere(2);
        var lent = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copies[0] } }))
            .ReadAsync<CheckOutResult>();
        Assert.Equal(reader.FullName, lent.Loans[0].ReaderName);
        Assert.Equal(1, Views(reader.Id, ReaderView.Desk));
        // A refused check-out names nobody and records nothing.
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { "KHONG-CO-" + reader.Id } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, Views(reader.Id, ReaderView.Desk));

        await (await point.PostAsync($"/api/v1/circulation/loans/{lent.Loans[0].Id}/renew", null, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, Views(reader.Id, ReaderView.Desk));

        // The desk page's lend finds the reader by card.
        var page = await PageClient.SignInAsync(app, "demo-point");
        var lend = await PageClient.PostFormAsAsync(page, "/Circulation", "/Circulation?handler=Lend",
            new Dictionary<string, string> { ["ReaderCard"] = reader.CardNumber, ["LendBarcodes"] = copies[1] });
        Assert.True(lend.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{lend.StatusCode}");
        Assert.Equal(2, app.WithDb(db => db.Loans.Count(l => l.ReaderId == reader.Id && l.ReturnedAt == null)));
        Assert.Equal(3, Views(reader.Id, ReaderView.Desk));

        var admin = await app.ClientAsync("demo-admin");
        var log = await admin.GetAsync<List<ReaderViewDto>>($"/api/v1/circulation/readers/{reader.Id}/views");
        Assert.Equal(["card", "desk"], log.Where(v => v.UserName == "demo-point").Select(v => v.What).Distinct().Order().ToArray());
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = copies })).JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ReaderViewsTestsOnSqlite(SqliteApp app) : ReaderViewsTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderViewsTestsOnPostgres(PostgresApp app) : ReaderViewsTests(app), IClassFixture<PostgresApp>;
