using System.Net;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Circulation;

public sealed class CirculationPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Circulation/Readers/{reader}", Ct)).StatusCode);
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
    public async Task Tally_FormPost_WithTheSameKeyTwice_CountsOnce()
    {
        var point = await PageClient.SignInAsync(app, "demo-point");
        var before = app.WithDb(db => db.TallyEvents.Count());
        var fields = new Dictionary<string, string> { ["kind"] = "Visit", ["delta"] = "1", ["idempotencyKey"] = "double-tap-1" };
        var first = await PageClient.PostFormAsync(point, "/Circulation/Tally", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await PageClient.PostFormAsync(point, "/Circulation/Tally", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(before + 1, app.WithDb(db => db.TallyEvents.Count()));
        // A refused action says so in a header for the offline queue, and on the page.
        var refused = await PageClient.PostFormAsync(point, "/Circulation?handler=Return", new() { ["ReturnBarcodes"] = "KHONG-CO-SACH" });
        Assert.Equal("error", refused.Headers.GetValues("X-Bookpost-Outcome").Single());
        Assert.Contains("KHONG-CO-SACH", await refused.Content.ReadAsStringAsync(Ct));
    }
}
