using System.Reflection;
using System.Text.RegularExpressions;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The app on a real port, driven by the system Chromium through Playwright.
public sealed class BrowserApp : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public SqliteApp App { get; } = new();
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine("Chromium is not installed (apt-get install chromium): browser tests are skipped.");
            return;
        }
        // A loaded CI machine (two cores, PostgreSQL and the other test classes beside) can take longer than Playwright's
        // five seconds for a post and its redirect; a real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(20_000);
        await App.PrepareAsync();
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// A new browser context as a phone (360 px) or a desk screen (1366 px).
    public Task<IBrowserContext> NewContextAsync(int width) => Browser!.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = width, Height = width <= 480 ? 740 : 768 },
        Locale = "vi-VN",
    });

    /// Opens the site's address as a member of staff does: "/" without a sign-in is the public home, whose footer link
    /// "Cán bộ đăng nhập" leads to the sign-in form.
    public async Task OpenSignInFromHomeAsync(IPage page)
    {
        await page.GotoAsync($"{BaseUrl}/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cán bộ đăng nhập" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{BaseUrl}/Account/Login");
    }

    /// Signs in through the login form and waits for the home page.
    public async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync($"{BaseUrl}/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // Expect polls the address; WaitForURL would also wait for a load event that a fast
        // redirect can race past, which timed out once on CI.
        await Assertions.Expect(page).ToHaveURLAsync($"{BaseUrl}/");
    }

    /// Nothing overflows a phone screen sideways except inside scrollable tables.
    public static async Task AssertFitsAsync(IPage page, int width = 360)
    {
        var actual = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(actual <= width, $"{page.Url} is {actual}px wide on a {width}px screen.");
    }

    /// Where screenshots go for people to look at: tests/Web.Tests/bin/screenshots (kept by CI as artefacts).
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && dir.Name != "bin") dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// Saves a full-page screenshot named after the walk and the step, e.g. "point-day_360_03-receive.png".
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// The names of the app's enum members that a person must never read: every member with two or more capitals
    /// (PostCulturePoint, InTransit), so that ordinary words a page may rightly show ("Admin" in a user name) are not
    /// counted.
    public static readonly IReadOnlySet<string> EnumNames = typeof(Program).Assembly.GetTypes()
        .Where(t => t.IsEnum && t.Namespace?.StartsWith("Bookpost.Web", StringComparison.Ordinal) == true)
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name))
        .Where(n => Regex.Count(n, "[A-Z]") >= 2 && !n.All(char.IsUpper))
        .ToHashSet(StringComparer.Ordinal);

    /// Fails when the text a person reads on the page (not the markup) holds an enum member's name as a word.
    public static async Task AssertNoEnumNamesAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("document.body.innerText");
        var leaks = Regex.Matches(text, @"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
            .Select(m => m.Value)
            .Where(EnumNames.Contains)
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, $"{page.Url} shows enum names: {string.Join(", ", leaks)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}
