using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// A point operator's day on a 360-pixel phone: register a reader, lend two books, take one back, count the day's
/// readers and log the newspapers; then lose the connection, record three actions, get it back, and find exactly
/// three more on the server.
public sealed class DeskBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OperatorsDay_OnAPhone_IncludingThreeActionsOffline()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var (pointId, books) = fixture.App.WithDb(db =>
        {
            var point = db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value;
            var set = db.RotationSets.Single(s => s.Code == "BLC-005");
            var barcodes = db.RotationSetItems.Where(m => m.SetId == set.Id && m.Item.LocationId == point && m.Item.Status == Bookpost.Web.Features.Catalog.ItemStatus.InSet)
                .OrderBy(m => m.ItemId).Select(m => m.Item.Barcode).Take(2).ToArray();
            return (point, barcodes);
        });
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        try
        {
            await fixture.OpenSignInFromHomeAsync(page);
            await page.GetByLabel("Tên đăng nhập").FillAsync("demo-point");
            await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{url}/");

            // Register a reader.
            await page.GotoAsync($"{url}/Circulation/Readers");
            await page.Locator("#Input_FullName").FillAsync("Vi Thị Hoa");
            await page.Locator("#Input_BirthYear").FillAsync("1995");
            await page.Locator("#Input_Category").SelectOptionAsync("Farmer");
            await page.Locator("#Input_Village").FillAsync("Bản Chiềng");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã đăng ký Vi Thị Hoa");
            var card = (await page.Locator("p .font-monospace").First.InnerTextAsync()).Trim();
            await BrowserApp.AssertFitsAsync(page);

            // Lend two books (the scanner types each code and Enter), take one back.
            await page.GotoAsync($"{url}/Circulation");
            await page.Locator("#ReaderCard").FillAsync(card);
            await page.Locator("#LendBarcodes").FillAsync(string.Join("\n", books) + "\n");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cho mượn" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã cho mượn 2 cuốn");
            await page.Locator("#ReturnBarcodes").FillAsync(books[0]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nhận trả" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã nhận trả 1 cuốn");
            await BrowserApp.AssertFitsAsync(page);

            // The day's tally: two readers on site, one visitor.
            await page.GotoAsync($"{url}/Circulation/Tally");
            var plusReading = page.GetByRole(AriaRole.Button, new() { Name = "Thêm một Lượt đọc tại chỗ" });
            var plusVisit = page.GetByRole(AriaRole.Button, new() { Name = "Thêm một Lượt khách" });
            await plusReading.ClickAsync();
            await Assertions.Expect(page.Locator("#count-Reading")).ToHaveTextAsync("1");
            await plusReading.ClickAsync();
            await Assertions.Expect(page.Locator("#count-Reading")).ToHaveTextAsync("2");
            await plusVisit.ClickAsync();
            await Assertions.Expect(page.Locator("#count-Visit")).ToHaveTextAsync("1");
            await BrowserApp.AssertFitsAsync(page);

            // The newspapers that came today.
            await page.GotoAsync($"{url}/Circulation/Periodicals");
            var nhanDan = page.Locator("form", new() { HasText = "Nhân Dân" });
            await nhanDan.Locator("input[name=issue]").FillAsync("số 24.600");
            await nhanDan.Locator("input[name=readings]").FillAsync("5");
            await nhanDan.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã lưu.");
            await BrowserApp.AssertFitsAsync(page);

            // Offline: three presses are kept in the page, then sent once the connection is back.
            await page.GotoAsync($"{url}/Circulation/Tally");
            var before = Events(pointId);
            await context.SetOfflineAsync(true);
            await plusReading.ClickAsync();
            await plusVisit.ClickAsync();
            await plusReading.ClickAsync();
            await Assertions.Expect(page.Locator("#offline-status")).ToContainTextAsync("3 thao tác đang chờ gửi");
            Assert.Equal(before, Events(pointId));
            await context.SetOfflineAsync(false);
            await Assertions.Expect(page.Locator("#count-Reading")).ToHaveTextAsync("4", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("#count-Visit")).ToHaveTextAsync("2");
            Assert.Equal(before + 3, Events(pointId));
            Assert.Equal("[]", await page.EvaluateAsync<string>("localStorage.getItem('bookpost-queue')"));
            // The server has the loans and the return too.
            Assert.Equal(1, fixture.App.WithDb(db => db.Loans.Count(l => l.Reader.CardNumber == card && l.ReturnedAt == null)));
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bookpost-desk-failure.png"), FullPage = true });
            throw;
        }
    }

    private int Events(int pointId) => fixture.App.WithDb(db => db.TallyEvents.Count(e => e.PointId == pointId));

}
