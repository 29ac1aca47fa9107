using System.Globalization;
using System.Text.RegularExpressions;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The Point's day (issue 17, acceptance): demo-point signs in, receives a parcel on its way to the point with one copy
/// missing and one extra scanned (the list ticks off live, the extra shows in red, the count follows), confirms and sees
/// the discrepancies; lends a copy to a reader found by a name typed without diacritics; takes it back; adds to the day's
/// tally. On a 360-pixel phone (the name picked from the suggestions as it is typed) and on a 1366-pixel desk screen
/// (the name posted and the reader picked from the server's list), each on a parcel of its own.
public sealed class PointDayBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    private static readonly Regex s_ticked = new(@"\bscan-ok\b");

    [Theory]
    [InlineData(360, "BLC-004", "lo thi mai", "Lò Thị Mai", "TVT00012")]
    [InlineData(1366, "BLC-003", "ha van son", "Hà Văn Sơn", "TVT00022")]
    public async Task PointsDay_ReceiveWithAMissingAndAnExtra_LendByName_Return_Tally(
        int width, string setCode, string typedName, string readerName, string extra)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var sent = await ParcelOnItsWayAsync(setCode);
        var missing = sent[^1];
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var step = 0;
        async Task Shot(string name)
        {
            await BrowserApp.ShotAsync(page, $"point-day_{width}_{++step:00}-{name}");
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await BrowserApp.AssertFitsAsync(page, width);
        }
        try
        {
            await fixture.SignInAsync(page, "demo-point");
            await Shot("home");

            // The parcel on its way, from the home page's to-do "Bưu kiện đang đến điểm".
            await page.Locator("section#todo-incoming a", new() { HasText = setCode }).ClickAsync();
            await Assertions.Expect(page.Locator("#shipment-items tr[data-barcode]")).ToHaveCountAsync(sent.Length);
            await Shot("parcel");

            // Scan: all but the last copy, as a hand scanner types them (code and Enter), and one copy that was not sent.
            var box = page.Locator("#Barcodes");
            await box.FillAsync(string.Join("\n", sent[..^2]) + "\n");
            await box.PressSequentiallyAsync(sent[^2] + "\n");
            var count = page.Locator("#receive-count");
            await Assertions.Expect(count).ToHaveTextAsync($"Đã quét {sent.Length - 1}/{sent.Length} bản");
            await Assertions.Expect(page.Locator($"#shipment-items tr[data-barcode='{sent[0]}']")).ToHaveClassAsync(s_ticked);
            await Assertions.Expect(page.Locator($"#shipment-items tr[data-barcode='{missing}']")).Not.ToHaveClassAsync(s_ticked);
            await Assertions.Expect(page.Locator("#receive-extras")).ToBeHiddenAsync();
            await box.PressSequentiallyAsync(extra + "\n");
            await Assertions.Expect(page.Locator("#receive-extras")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#receive-extras-list li")).ToHaveTextAsync([extra]);
            await Assertions.Expect(count)
                .ToHaveTextAsync($"Đã quét {sent.Length - 1}/{sent.Length} bản · 1 mã không có trong chuyến");
            // A code scanned twice counts once.
            await box.PressSequentiallyAsync(sent[0] + "\n");
            await Assertions.Expect(count).ToContainTextAsync($"Đã quét {sent.Length - 1}/{sent.Length} bản");
            await Shot("scanned");

            await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("có 2 sai lệch");
            await Assertions.Expect(page.Locator("#shipment-status")).ToHaveTextAsync("Đã nhận");
            var discrepancies = page.Locator("ul.list-group li");
            await Assertions.Expect(discrepancies.Filter(new() { HasText = missing })).ToContainTextAsync("Thiếu");
            await Assertions.Expect(discrepancies.Filter(new() { HasText = extra })).ToContainTextAsync("Thừa");
            await Shot("received");
            var kinds = fixture.App.WithDb(db => db.Discrepancies.Where(d => d.Shipment.Set.Code == setCode)
                .OrderBy(d => d.Barcode).Select(d => d.Kind + " " + d.Barcode).ToList());
            Assert.Equal(new[] { $"Missing {missing}", $"Extra {extra}" }.Order(), kinds.Order());

            // Lend by name: the reader's name typed without diacritics, a copy of the parcel just received.
            var copy = sent[0];
            await page.GotoAsync($"{url}/");
            await page.Locator("section#todo-send-on a.home-link").ClickAsync();
            var card = page.Locator("#ReaderCard");
            if (width <= 480)
            {
                await card.PressSequentiallyAsync(typedName);
                var match = page.Locator("#reader-suggestions").GetByRole(AriaRole.Button, new() { Name = $"Chọn {readerName}" });
                await match.ClickAsync();
                await Assertions.Expect(page.Locator("#reader-chosen")).ToContainTextAsync(readerName);
                Assert.DoesNotContain(" ", await card.InputValueAsync(), StringComparison.Ordinal); // the card number
                await Shot("reader-picked");
                await page.Locator("#LendBarcodes").FillAsync(copy + "\n");
                await page.GetByRole(AriaRole.Button, new() { Name = "Cho mượn", Exact = true }).ClickAsync();
            }
            else
            {
                // Typed and posted without picking: the desk answers with the matches to choose from.
                await card.FillAsync(typedName);
                await page.Locator("#LendBarcodes").FillAsync(copy + "\n");
                await page.GetByRole(AriaRole.Button, new() { Name = "Cho mượn", Exact = true }).ClickAsync();
                await Assertions.Expect(page.Locator("#reader-choice")).ToContainTextAsync("Chọn người mượn");
                await Shot("reader-matches");
                await page.Locator("li.reader-match").GetByRole(AriaRole.Button, new() { Name = $"Cho {readerName} mượn" }).ClickAsync();
            }
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã cho mượn 1 cuốn");
            await Shot("lent");
            Assert.Equal(readerName, fixture.App.WithDb(db =>
                db.Loans.Where(l => l.Item.Barcode == copy && l.ReturnedAt == null).Select(l => l.Reader.FullName).Single()));

            // Taken back.
            await page.Locator("#ReturnBarcodes").FillAsync(copy);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nhận trả" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã nhận trả 1 cuốn");
            await Shot("returned");

            // The day's tally, from the home page's to-do: one more reader on site.
            await page.GotoAsync($"{url}/");
            await page.Locator("section#todo-tally a.home-link").ClickAsync();
            var reading = page.Locator("#count-Reading");
            var before = int.Parse(await reading.InnerTextAsync(), CultureInfo.InvariantCulture);
            await page.GetByRole(AriaRole.Button, new() { Name = "Thêm một Lượt đọc tại chỗ" }).ClickAsync();
            await Assertions.Expect(reading).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
            await Shot("tally");

            // The reader comes back for another book: lent from the reader's own page.
            await page.Locator("nav a[href^='/Circulation/Readers']").ClickAsync();
            await page.Locator("#q").FillAsync(typedName);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = readerName }).ClickAsync();
            await page.Locator("#LendBarcodes").FillAsync(sent[1]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Cho mượn", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã cho mượn 1 cuốn");
            await Assertions.Expect(page.Locator("ul.list-group li", new() { HasText = sent[1] })).ToBeVisibleAsync();
            await Shot("reader-lend");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// The demo data has no parcel in the post for the demo point: the provincial library sends it a demo set through the
    /// API, as its librarian would. Returns the barcodes sent, in the order the page lists them.
    private async Task<string[]> ParcelOnItsWayAsync(string setCode)
    {
        var (setId, pointId) = fixture.App.WithDb(db => (db.RotationSets.Single(s => s.Code == setCode).Id,
            db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value));
        var library = await fixture.App.ClientAsync("demo-library");
        var shipment = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { toId = pointId }))
            .ReadAsync<ShipmentDetailDto>(System.Net.HttpStatusCode.Created);
        return shipment.Items.Select(i => i.Barcode).Order(StringComparer.Ordinal).ToArray();
    }
}
