using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Security;

/// Issue 15, finding 15: reading a reader's record, a loan list with names or the personal-data PDF is recorded (who,
/// when, which reader, what), and Admin lists it per reader.
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
        Assert.Equal(5, log.Count(v => v.UserName == "demo-point"));
        Assert.Equal(["loans", "pdf", "record"], log.Where(v => v.UserName == "demo-point").Select(v => v.What).Distinct().Order().ToArray());
        Assert.All(log, v => Assert.True(v.At <= app.UtcNow.AddMinutes(1)));
        foreach (var user in new[] { "demo-point", "demo-monitor", "demo-district", "demo-library", "demo-postoffice" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync(user)).GetAsync($"/api/v1/circulation/readers/{reader.Id}/views", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/circulation/readers/999999/views", Ct)).StatusCode);
        var adminPage = await PageClient.SignInAsync(app, "demo-admin");
        var html = await adminPage.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct);
        Assert.Contains("Ai đã xem", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("Ai đã xem", System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/Circulation/Readers/{reader.Id}", Ct)));

        // Looks are not changes: nothing of them in the audit.
        Assert.Equal(0, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(ReaderView))));
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = copies })).JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ReaderViewsTestsOnSqlite(SqliteApp app) : ReaderViewsTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderViewsTestsOnPostgres(PostgresApp app) : ReaderViewsTests(app), IClassFixture<PostgresApp>;
