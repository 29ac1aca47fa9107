using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 17, items 9 and 10 in a browser: the indicator page (points as rows, paged, with last year beside) and the audit
/// in words, at a desk and on a phone, for the roles that use them; screenshots for people to look at.
public sealed class ReportsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, int> Walks() => new()
    {
        { "demo-admin", 1366 }, { "demo-admin", 360 }, { "demo-monitor", 1366 }, { "demo-monitor", 360 },
        { "demo-district", 1366 }, { "demo-district", 360 }, { "demo-commune", 1366 }, { "demo-commune", 360 },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task IndicatorsAndAudit_ReadAsWords_AndFit(string user, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        await using var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, user);
        var name = $"reports-{user}_{width}";
        await page.GotoAsync($"{fixture.BaseUrl}/Reports/Indicators?Query.Period=Year&Query.Year=2025&Query.Level=Point&Query.Compare=lastYear");
        await Assertions.Expect(page.Locator("#indicators")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_01-indicators");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);
        await page.GotoAsync($"{fixture.BaseUrl}/Reports/Indicators?Query.Period=Quarter&Query.Compare=quarters");
        await BrowserApp.ShotAsync(page, $"{name}_02-quarters");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (user is not ("demo-admin" or "demo-monitor")) return;
        await page.GotoAsync($"{fixture.BaseUrl}/Audit");
        await Assertions.Expect(page.Locator(".audit-entry").First).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_03-audit");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);
        Assert.Equal(user == "demo-admin", await page.Locator("details.audit-raw").CountAsync() > 0);
    }
}
