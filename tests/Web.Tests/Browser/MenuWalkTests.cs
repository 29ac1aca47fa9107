using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Every role opens every page its menu offers, on a desk screen: no page fails, none shows an enum name where a word
/// belongs, and each is saved as a screenshot for people to look at.
public sealed class MenuWalkTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static TheoryData<string> Accounts =>
        ["demo-admin", "demo-monitor", "demo-postoffice", "demo-library", "demo-district", "demo-commune", "demo-point"];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task EveryMenuPage_Opens_InWords(string account)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var context = await fixture.NewContextAsync(1366);
        var page = await context.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, account);
            // The pages of the menu bar and of its drop-downs (the drop-down toggles lead to /Menu, also a page).
            var links = await page.Locator("#menu a.nav-link, #menu a.dropdown-item").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            var failures = new List<string>();
            foreach (var (href, i) in links.Prepend("/").Distinct().Select((h, i) => (h, i)))
            {
                if (href.StartsWith("/api", StringComparison.Ordinal)) continue;
                var response = await page.GotoAsync(fixture.BaseUrl + href);
                if (response is null || response.Status >= 400) failures.Add($"{href}: {response?.Status}");
                await BrowserApp.ShotAsync(page, $"menu_{account}_{i:00}{href.Replace('/', '-').Replace('#', '_')}");
                try { await BrowserApp.AssertNoEnumNamesAsync(page); }
                catch (Exception e) { failures.Add(e.Message); }
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
