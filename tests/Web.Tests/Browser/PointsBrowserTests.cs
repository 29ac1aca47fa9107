using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

public sealed class PointsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task PostOfficeUser_CreatesPoint_FindsItWithoutDiacritics_AndOpensIt()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        // A 360-pixel phone screen, as at a commune point.
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        var url = fixture.BaseUrl;
        try
        {
            await RunAsync(page, url);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bookpost-browser-failure.png"), FullPage = true });
            throw;
        }
        await context.CloseAsync();
    }

    private async Task RunAsync(IPage page, string url)
    {
        await fixture.OpenSignInFromHomeAsync(page);
        await page.GetByLabel("Tên đăng nhập").FillAsync("demo-postoffice");
        await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // Expect polls the address; WaitForURL would also wait for a load event that a fast
        // redirect can race past, which timed out once on CI.
        await Assertions.Expect(page).ToHaveURLAsync($"{url}/");

        await page.GotoAsync($"{url}/Network/Points/Edit");
        await page.Locator("#Input_Code").FillAsync("PW-001");
        await page.Locator("#Input_Name").FillAsync("Điểm BĐVHX Xuân Phượng Thử");
        await page.Locator("#Input_CommuneCode").SelectOptionAsync(new SelectOptionValue { Index = 5 });
        await page.GetByLabel("Vĩ độ").FillAsync("45");
        await page.GetByLabel("Kinh độ").FillAsync("105.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        // Coordinates outside Việt Nam: the form comes back with the message tied to the field.
        var latitude = page.Locator("#Input_Latitude");
        Assert.Equal("true", await latitude.GetAttributeAsync("aria-invalid"));
        Assert.Contains("Vĩ độ", await page.Locator("#Input_Latitude-error").InnerTextAsync());
        await latitude.FillAsync("19.9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Network/Points/\d+$"));

        await page.GotoAsync($"{url}/Network/Points");
        await page.GetByLabel("Tìm kiếm").FillAsync("xuan phuong thu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Điểm BĐVHX Xuân Phượng Thử" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Điểm BĐVHX Xuân Phượng Thử" })).ToBeVisibleAsync();
        Assert.Contains("PW-001", await page.ContentAsync());

        await BrowserApp.AssertFitsAsync(page);
    }
}
