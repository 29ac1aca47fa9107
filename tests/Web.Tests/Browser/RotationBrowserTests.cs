using Bookpost.Web.Features.Network;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The whole rotation cycle in Chromium on a 360-pixel phone screen: the librarian assembles a set by scanning,
/// plans and dispatches it; the point receives it with one copy missing; the librarian resolves that; the point sends
/// the set on; it comes home; the indicator page then shows the right figures and the handover record lists the copies.
public sealed class RotationBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    private static readonly System.Text.RegularExpressions.Regex s_shipmentUrl = new(@"/Rotation/Shipments/\d+$");

    private async Task<IPage> SignInAsync(string user)
    {
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await fixture.OpenSignInFromHomeAsync(page);
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/");
        return page;
    }


    private static async Task ExpectFlashAsync(IPage page, string text) =>
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync(text);

    [Fact]
    public async Task WholeCycle_OnAPhone_FromScanningToHome()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var (pointId, nextId) = fixture.App.WithDb(db =>
        {
            var user = db.Users.Single(u => u.UserName == "demo-point");
            var next = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active && p.Id != user.ScopePointId)
                .OrderBy(p => p.Id).First();
            return (user.ScopePointId!.Value, next.Id);
        });
        IPage? current = null;
        try
        {
            // 1. The librarian assembles a set by scanning three barcodes.
            var library = current = await SignInAsync("demo-library");
            await library.GotoAsync($"{url}/Rotation/Sets");
            await library.Locator("#Input_Code").FillAsync("BR-01");
            await library.Locator("#Input_Name").FillAsync("Bộ sách trình duyệt");
            await library.GetByRole(AriaRole.Button, new() { Name = "Tạo bộ sách" }).ClickAsync();
            await Assertions.Expect(library.GetByRole(AriaRole.Heading, new() { Name = "BR-01 – Bộ sách trình duyệt" })).ToBeVisibleAsync();
            var setUrl = library.Url;
            await library.Locator("#barcodes").FillAsync("TVT00152\nTVT00162\nTVT00172\n");
            await library.GetByRole(AriaRole.Button, new() { Name = "Thêm vào bộ" }).ClickAsync();
            await Assertions.Expect(library.GetByText("Đã thêm 3 bản; bộ hiện có 3 bản.")).ToBeVisibleAsync();
            await BrowserApp.AssertFitsAsync(library);
            await library.GetByRole(AriaRole.Button, new() { Name = "Sẵn sàng luân chuyển" }).ClickAsync();
            await ExpectFlashAsync(library, "Đã lưu.");

            // 2. Plan: propose, move our set to the demo point, confirm.
            await library.GotoAsync($"{url}/Rotation/Cycles");
            await library.Locator("#Input_Name").FillAsync("Đợt trình duyệt");
            await library.GetByRole(AriaRole.Button, new() { Name = "Tạo đợt" }).ClickAsync();
            await library.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch đề xuất" }).ClickAsync();
            await ExpectFlashAsync(library, "Đề xuất:");
            var row = library.Locator("tr", new() { HasText = "BR-01" });
            await row.Locator("select").SelectOptionAsync(pointId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await row.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
            await ExpectFlashAsync(library, "Đã lưu.");
            await library.GetByRole(AriaRole.Button, new() { Name = "Duyệt kế hoạch" }).ClickAsync();
            await ExpectFlashAsync(library, "Kế hoạch đã được duyệt.");

            // 3. Dispatch from the plan with a tracking number.
            row = library.Locator("tr", new() { HasText = "BR-01" });
            await row.GetByPlaceholder("Số hiệu bưu gửi").FillAsync("RE000000001VN");
            await row.GetByRole(AriaRole.Button, new() { Name = "Gửi đi" }).ClickAsync();
            await ExpectFlashAsync(library, "Đã gửi bộ sách");
            var shipmentHref = await library.Locator("tr", new() { HasText = "BR-01" }).Locator("a[href^='/Rotation/Shipments/']").GetAttributeAsync("href");
            // The handover record opens and lists the copies.
            var pdf = await library.Context.APIRequest.GetAsync($"{url}/api/v1/rotation{shipmentHref!.Replace("/Rotation", "", StringComparison.Ordinal).ToLowerInvariant()}/handover.pdf");
            Assert.Equal(200, pdf.Status);
            var text = await Features.Rotation.RotationCycleTests.PdfTextAsync(await pdf.BodyAsync());
            if (text is not null) Assert.Contains("TVT00162", text);

            // 4. The point receives it on the phone, with one copy missing.
            var point = current = await SignInAsync("demo-point");
            await point.GotoAsync($"{url}/Rotation");
            await point.Locator("li", new() { HasText = "BR-01" }).GetByRole(AriaRole.Link, new() { Name = "Nhận sách" }).ClickAsync();
            await point.Locator("#Barcodes").FillAsync("TVT00152\nTVT00162\n");
            await BrowserApp.AssertFitsAsync(point);
            await point.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" }).First.ClickAsync();
            await ExpectFlashAsync(point, "có 1 sai lệch");
            await Assertions.Expect(point.Locator("#shipment-status")).ToHaveTextAsync("Đã nhận");

            // 5. The librarian resolves the missing copy as lost.
            current = library;
            await library.GotoAsync($"{url}/Rotation/Discrepancies");
            var item = library.Locator("li", new() { HasText = "TVT00172" });
            await item.Locator("select").SelectOptionAsync("Lost");
            await item.GetByRole(AriaRole.Button, new() { Name = "Xử lý" }).ClickAsync();
            await ExpectFlashAsync(library, "Đã xử lý sai lệch.");

            // 6. The point sends the set on to the next point.
            current = point;
            await point.GotoAsync($"{url}/Rotation");
            await point.Locator("li", new() { HasText = "BR-01" }).GetByRole(AriaRole.Link, new() { Name = "Gửi tiếp" }).ClickAsync();
            await point.Locator("#toId").SelectOptionAsync(nextId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await BrowserApp.AssertFitsAsync(point);
            await point.GetByRole(AriaRole.Button, new() { Name = "Gửi đi" }).ClickAsync();
            await Assertions.Expect(point).ToHaveURLAsync(s_shipmentUrl);

            // 7. The next point receives it (here the administrator, for a point with no demo account), and sends it home.
            var admin = current = await SignInAsync("demo-admin");
            await admin.GotoAsync(point.Url);
            await admin.Locator("#Barcodes").FillAsync("TVT00152, TVT00162");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" }).First.ClickAsync();
            await ExpectFlashAsync(admin, "Đã nhận đủ sách.");
            await admin.GotoAsync(setUrl);
            await admin.Locator("#toId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Gửi đi" }).ClickAsync();
            await Assertions.Expect(admin).ToHaveURLAsync(s_shipmentUrl);
            var homeShipment = admin.Url;

            current = library;
            await library.GotoAsync(homeShipment);
            await library.Locator("#Barcodes").FillAsync("TVT00152\nTVT00162");
            await library.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" }).First.ClickAsync();
            await ExpectFlashAsync(library, "Đã nhận đủ sách.");
            await library.GotoAsync(setUrl);
            await Assertions.Expect(library.Locator(".badge").First).ToHaveTextAsync("Đã về thư viện");

            // The indicator page shows the figures of today.
            var today = fixture.App.Today.ToString("yyyy-MM-dd");
            await library.GotoAsync($"{url}/Reports/Indicators?Query.Period=Custom&Query.From={today}&Query.To={today}&Query.Level=Province");
            async Task<string> Figure(string code) => (await library.Locator($"tr[data-code='{code}'][data-breakdown='']").Locator("td").Last.InnerTextAsync()).Trim();
            Assert.Equal("2", await Figure("rotation.points_served"));
            Assert.Equal("2", await Figure("rotation.sets_dispatched"));
            Assert.Equal("5", await Figure("rotation.copies_rotated"));
            Assert.Equal("3", await Figure("rotation.titles_rotated"));
            Assert.Equal("1", await Figure("rotation.items_lost"));
            await BrowserApp.AssertFitsAsync(library);
        }
        catch
        {
            if (current is not null)
                await current.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bookpost-rotation-failure.png"), FullPage = true });
            throw;
        }
    }
}
