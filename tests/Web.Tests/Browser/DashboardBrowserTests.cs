using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 18, the dashboard part in a browser: the province dashboard (figures, charts, the map) and the completeness of
/// returns, at a desk and on a phone, for the province's monitor and a district office; the charts and the map must
/// shrink to a 360-px screen.
public sealed class DashboardBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, int> Walks() => new()
    {
        { "demo-monitor", 1366 }, { "demo-monitor", 360 }, { "demo-district", 1366 }, { "demo-district", 360 },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task DashboardAndCompleteness_ShowChartsAndMap_AndFit(string user, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        await using var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, user);
        var name = $"dashboard-{user}_{width}";

        await page.GotoAsync($"{fixture.BaseUrl}/Reports/Dashboard");
        await Assertions.Expect(page.Locator("#dashboard-figures .dashboard-figure").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard-map svg circle").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#trend-chart svg")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_01-dashboard");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);
        // Each drawing is no wider than the screen it is on.
        foreach (var svg in await page.Locator("figure svg").AllAsync())
        {
            var box = await svg.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width <= width, $"An SVG is {box.Width} px wide on a {width}-px screen.");
        }

        await page.GotoAsync($"{fixture.BaseUrl}/Reports/Dashboard?Query.Period=Quarter&Colour=status");
        await Assertions.Expect(page.Locator("#dashboard-map svg")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_02-quarter-status");
        if (width == 360) await BrowserApp.AssertFitsAsync(page);

        await page.Locator("#dashboard-completeness a").ClickAsync();
        await Assertions.Expect(page.Locator("#completeness-rates")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#missing-points, #late-points").First).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_03-completeness");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);
    }
}
