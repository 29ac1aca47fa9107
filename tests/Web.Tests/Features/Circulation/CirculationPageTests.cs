using System.Net;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Circulation;

public sealed class CirculationPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// The tally and newspaper pages serve one point: Admin, who may open them only with ?point=, is refused on a post
    /// without it (it once answered 500 while re-showing the page for no point).
    [Fact]
    public async Task DeskPosts_AdminWithoutAPoint_AreRefusedNotFailed()
    {
        var admin = await PageClient.SignInAsync(app, "demo-admin");
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/Circulation/Tally", new() { ["kind"] = "Reading", ["delta"] = "1" }),
            ("/Circulation/Periodicals?handler=Add", new() { ["title"] = "Báo Thanh Hóa", ["frequency"] = "Daily" }),
            ("/Circulation/Periodicals?handler=Receipt", new() { ["periodicalId"] = "1", ["copies"] = "1" }),
        };
        foreach (var (url, fields) in posts)
            PageClient.AssertDenied(await PageClient.PostFormAsAsync(admin, "/", url, fields));
    }

    [Fact]
    public async Task DeskPages_RenderForThePoint_AndAreClosedToOthers()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        foreach (var url in new[] { "/Circulation", "/Circulation/Readers", "/Circulation/Tally", "/Circulation/Periodicals", "/Circulation/Loans", "/Circulation/Loans?overdue=true" })
        {
            var response = await point.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("offline.js", html);
        }
        var reader = app.WithDb(db => db.Readers.First(r => r.FullName == "Lò Thị Mai").Id);
        Assert.Contains("Lò Thị Mai", await point.GetStringAsync($"/Circulation/Readers/{reader}", Ct));
        foreach (var user in new[] { "demo-district", "demo-monitor", "demo-library" })
        {
            var other = await PageClient.SignInAsync(app, user);
            var desk = await other.GetAsync("/Circulation/Readers", Ct);
            Assert.NotEqual(HttpStatusCode.OK, desk.StatusCode);
            Assert.DoesNotContain("Lò Thị Mai", await desk.Content.ReadAsStringAsync(Ct));
            // The desk pages admit the desk roles only: the others are turned away before any reader is looked up.
            var details = await other.GetAsync($"/Circulation/Readers/{reader}", Ct);
            Assert.NotEqual(HttpStatusCode.OK, details.StatusCode);
            Assert.DoesNotContain("Lò Thị Mai", await details.Content.ReadAsStringAsync(Ct));
        }
    }

    /// The printed card scans back at the desk: its Code 128 decodes (zbarimg) to the card number.
    [Fact]
    public async Task ReaderCard_ScansBackToTheCardNumber()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/zbarimg") && File.Exists("/usr/bin/pdftoppm"), "zbar-tools or poppler-utils is not installed.");
        var point = await app.ClientAsync("demo-point");
        var (id, card) = app.WithDb(db => db.Readers.Where(r => r.FullName == "Hà Văn Sơn").Select(r => new { r.Id, r.CardNumber }).AsEnumerable().Select(r => (r.Id, r.CardNumber)).Single());
        var pdf = await point.GetByteArrayAsync($"/api/v1/circulation/readers/{id}/card.pdf", Ct);
        var dir = Directory.CreateTempSubdirectory("bookpost-card-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(dir, "card.pdf"), pdf, Ct);
        await Catalog.LabelTests.RunAsync("/usr/bin/pdftoppm", $"-r 300 -png {dir}/card.pdf {dir}/card");
        var decoded = await Catalog.LabelTests.RunAsync("/usr/bin/zbarimg", $"--quiet --raw {Directory.GetFiles(dir, "card*.png").Single()}");
        Assert.Equal(card, decoded.Trim());
        Assert.Contains("Hà Văn Sơn", (await Catalog.LabelTests.RunAsync("/usr/bin/pdftotext", $"{dir}/card.pdf -")).Normalize());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Rules_ThePointSetsItsOwn_AndDueDatesSkipItsClosedDays()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var bad = await PageClient.PostFormAsync(point, "/Circulation/Rules", new() { ["loanDays"] = "0", ["maxItems"] = "3", ["maxRenewals"] = "1" });
        Assert.Contains("Số ngày mượn từ 1 đến 90.", await bad.Content.ReadAsStringAsync(Ct));
        var pointId = app.WithDb(db => db.Users.Single(u => u.UserName == "demo-point").ScopePointId);
        Assert.False(app.WithDb(db => db.LoanRules.Any(r => r.PointId == pointId)));
        // Closed every day but Monday: a loan's due date always lands on a Monday.
        var saved = await PageClient.PostFormPairsAsync(point, "/Circulation/Rules", new List<KeyValuePair<string, string>>
        {
            new("loanDays", "3"), new("maxItems", "3"), new("maxRenewals", "1"),
            new("closed", "0"), new("closed", "2"), new("closed", "3"), new("closed", "4"), new("closed", "5"), new("closed", "6"),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = await app.ClientAsync("demo-point");
        var rule = await api.GetAsync<RuleDto>("/api/v1/circulation/rules");
        Assert.Equal((3, "023456"), (rule.LoanDays, rule.ClosedDays));
        var (card, copy) = app.WithDb(db =>
        {
            var reader = db.Readers.First(r => r.PointId == pointId && r.FullName == "Nguyễn Văn Hùng");
            var item = db.Items.First(i => i.LocationId == pointId && i.Status == Bookpost.Web.Features.Catalog.ItemStatus.InSet);
            return (reader.CardNumber, item.Barcode);
        });
        var lent = await (await api.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { copy } })).ReadAsync<CheckOutResult>();
        Assert.Equal(DayOfWeek.Monday, lent.DueOn.DayOfWeek);
        await (await api.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tally_FormPost_WithTheSameKeyTwice_CountsOnce()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        // A day of its own (no other test of the class tallies it), so the test counts only its own events.
        var day = app.Today.AddDays(-5);
        var pointId = app.DemoPoint();
        var fields = new Dictionary<string, string> { ["kind"] = "Visit", ["delta"] = "1", ["Day"] = day.ToString("O"), ["idempotencyKey"] = "double-tap-1" };
        var first = await PageClient.PostFormAsync(point, "/Circulation/Tally", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await PageClient.PostFormAsync(point, "/Circulation/Tally", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, app.WithDb(db => db.TallyEvents.Count(e => e.PointId == pointId && e.Day == day && e.Kind == TallyKind.Visit)));
        // A refused action says so in a header for the offline queue, and on the page.
        var refused = await PageClient.PostFormAsync(point, "/Circulation?handler=Return", new() { ["ReturnBarcodes"] = "KHONG-CO-SACH" });
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        var refusedHtml = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("KHONG-CO-SACH", refusedHtml);
        // The batch is whole or nothing, and the page says nothing was taken back.
        Assert.Contains("Chưa nhận trả cuốn nào", refusedHtml);
    }

    /// The desk's handlers leave the role check to the routes and the pages: a library's staff get 403 from the API and
    /// cannot lend through the desk page either.
    [Fact]
    public async Task WrongRole_CannotLend_ThroughTheApiOrTheDeskPage()
    {
        var (_, reader) = await app.ReaderAsync();
        var copy = app.CopiesHere(1)[0];
        var api = await app.ClientAsync("demo-library");
        await (await api.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copy }, pointId = app.DemoPoint() }))
            .JsonAsync(HttpStatusCode.Forbidden);
        var page = await PageClient.SignInAsync(app, "demo-library");
        var token = await TokenAsync(page, "/Catalog/Titles/Edit"); // a page of its own role; the token is the user's
        var lend = await page.PostAsync($"/Circulation?handler=Lend&point={app.DemoPoint()}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReaderCard"] = reader.CardNumber, ["LendBarcodes"] = copy, ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.NotEqual(HttpStatusCode.OK, lend.StatusCode);
        Assert.NotEqual("/Circulation", lend.Headers.Location?.OriginalString);
        Assert.False(app.WithDb(db => db.Loans.Any(l => l.Item.Barcode == copy)));
    }

    /// The antiforgery token of a signed-in user, from a page with a form the user may open; it is valid on any page.
    internal static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }
}
