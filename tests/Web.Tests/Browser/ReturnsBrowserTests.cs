using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 18, item 1 in a browser: the demo point's operator, on a 360-px phone, opens last month's return from the button,
/// corrects a figure and submits it; the office of the point's area (demo-district) accepts it at a desk and on a phone.
public sealed class ReturnsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task PointSubmitsOnAPhone_TheAreaOfficeAccepts()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        await using (var phone = await fixture.NewContextAsync(360))
        {
            var page = await phone.NewPageAsync();
            await fixture.SignInAsync(page, "demo-point");
            await page.GotoAsync($"{fixture.BaseUrl}/Reports/Returns");
            await BrowserApp.ShotAsync(page, "returns-demo-point_360_01-list");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await page.Locator("button.returns-open, a.returns-open").First.ClickAsync();
            await Assertions.Expect(page.Locator("form.return-form")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".return-field .form-text").First).ToContainTextAsync("Bookpost");
            await BrowserApp.ShotAsync(page, "returns-demo-point_360_02-form");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            var visits = page.Locator("#f-circulation-visits");
            Assert.Equal("numeric", await visits.GetAttributeAsync("inputmode"));
            await visits.FillAsync("37");
            await page.Locator("#return-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#return-status")).ToHaveTextAsync("Đã nộp, chờ duyệt");
            Assert.Equal("37", await page.Locator("#f-circulation-visits").InputValueAsync());
            await BrowserApp.ShotAsync(page, "returns-demo-point_360_03-submitted");
        }
        foreach (var width in new[] { 1366, 360 })
        {
            await using var context = await fixture.NewContextAsync(width);
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, "demo-district");
            await page.GotoAsync($"{fixture.BaseUrl}/Reports/Returns");
            await BrowserApp.ShotAsync(page, $"returns-demo-district_{width}_01-waiting");
            if (width == 360) await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            if (width == 360) return;
            await page.Locator("a.returns-row").First.ClickAsync();
            await Assertions.Expect(page.Locator("#return-accept")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, $"returns-demo-district_{width}_02-return");
            await page.Locator("#return-accept").ClickAsync();
            await Assertions.Expect(page.Locator("#return-status")).ToHaveTextAsync("Đã duyệt");
            await BrowserApp.ShotAsync(page, $"returns-demo-district_{width}_03-accepted");
        }
    }
}
