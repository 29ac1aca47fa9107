using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The two forms every page carries, clicked as a person does: "Đăng xuất" in the menu (behind the toggler on a
/// phone) and the language switch in the footer. A shared phone at a point must really be signed out afterwards.
public sealed class DailyUseBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static readonly string[] Accounts =
        ["demo-admin", "demo-monitor", "demo-postoffice", "demo-library", "demo-district", "demo-commune", "demo-point"];

    public static TheoryData<string, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var account in Accounts) foreach (var width in new[] { 1366, 360 }) data.Add(account, width);
        return data;
    }

    /// Opens the collapsed menu on a narrow screen, where the links and the sign-out button hide behind the toggler.
    internal static async Task OpenMenuAsync(IPage page)
    {
        var toggler = page.Locator("button.navbar-toggler");
        if (await toggler.IsVisibleAsync())
        {
            await toggler.ClickAsync();
            // "show" comes once the opening slide has ended: a tap while the menu still slides open can miss.
            await Assertions.Expect(page.Locator("#menu.show")).ToBeVisibleAsync();
        }
    }

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task SignOut_FromTheHomePage_EndsTheSession(string account, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var name = $"signout_{account}_{width}";
        try
        {
            await fixture.SignInAsync(page, account);
            await BrowserApp.ShotAsync(page, name + "_01-home");
            await BrowserApp.AssertNoEnumNamesAsync(page);
            if (width == 360) await BrowserApp.AssertFitsAsync(page);

            await OpenMenuAsync(page);
            var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" });
            await Assertions.Expect(signOut).ToBeVisibleAsync();
            var refused = WatchRefusals(page);
            await signOut.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/Account/Login");
            await Assertions.Expect(page.GetByLabel("Tên đăng nhập")).ToBeVisibleAsync();
            Assert.Empty(refused);
            await BrowserApp.ShotAsync(page, name + "_02-login");
            await BrowserApp.AssertNoEnumNamesAsync(page);

            // A desk page now sends the person back to the login page, whatever their role could open before.
            foreach (var desk in new[] { "/Circulation", "/Rotation" })
            {
                await page.GotoAsync(fixture.BaseUrl + desk);
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Account/Login(\?|$)"));
            }
            // "/" is the public portal again, with the staff's way in.
            await page.GotoAsync(fixture.BaseUrl + "/");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cán bộ đăng nhập" })).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, name + "_03-desk-refused");

            // The back button shows the last page from the cache at most: its forms must not sign anyone back in.
            await page.GoBackAsync();
            await page.GotoAsync(fixture.BaseUrl + "/Circulation");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Account/Login(\?|$)"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task LanguageSwitch_ToEnglishAndBack(int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var name = $"language_{width}";
        try
        {
            // Before signing in, on the login page itself.
            await page.GotoAsync(fixture.BaseUrl + "/Account/Login");
            await SwitchAsync(page, "en-US", "en", "Sign in", name + "_01-login-en");
            await SwitchAsync(page, "vi-VN", "vi", "Đăng nhập", name + "_02-login-vi");

            // Signed in: a token made before sign-in no longer serves; the page's own forms carry a fresh one.
            await fixture.SignInAsync(page, "demo-point");
            await page.GotoAsync(fixture.BaseUrl + "/Circulation/Loans");
            await SwitchAsync(page, "en-US", "en", "Sign out", name + "_03-loans-en");
            Assert.EndsWith("/Circulation/Loans", page.Url);
            await SwitchAsync(page, "vi-VN", "vi", "Đăng xuất", name + "_04-loans-vi");
            Assert.EndsWith("/Circulation/Loans", page.Url);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// The pages the browser was answered with an error (a 400 from a stale antiforgery token, say) from now on.
    private static List<string> WatchRefusals(IPage page)
    {
        var refused = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Request.IsNavigationRequest && r.Status >= 400) refused.Add($"{r.Request.Method} {r.Url}: {r.Status}");
        };
        return refused;
    }

    private static async Task SwitchAsync(IPage page, string culture, string lang, string word, string shot)
    {
        await page.Locator("#lang").SelectOptionAsync(culture);
        var refused = WatchRefusals(page);
        await page.Locator("footer").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        Assert.Empty(refused);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(word);
        await BrowserApp.ShotAsync(page, shot);
        await BrowserApp.AssertNoEnumNamesAsync(page);
    }
}
