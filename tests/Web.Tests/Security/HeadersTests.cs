using System.Net;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Bookpost.Web.Tests.Infrastructure.Api;

namespace Bookpost.Web.Tests.Security;

/// Finding 11: no Content-Security-Policy, no X-Content-Type-Options, no Referrer-Policy, answers with personal data
/// cacheable, and cookies without Secure over HTTPS.
public sealed class HeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what, string csp = Csp)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policy), $"{what}: no CSP");
        Assert.Equal(csp, policy.Single());
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff), $"{what}: no nosniff");
        Assert.Equal("nosniff", nosniff.Single());
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), $"{what}: no Referrer-Policy");
        Assert.Equal("same-origin", referrer.Single());
    }

    private static bool NoStore(HttpResponseMessage response) => response.Headers.CacheControl?.NoStore == true;

    [Fact]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders()
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var bearer = await app.ClientAsync("demo-monitor");
        var cookie = await PageClient.SignInAsync(app, "demo-point");
        var cases = new (HttpClient Client, string Url, HttpStatusCode Status)[]
        {
            (anonymous, "/Account/Login", HttpStatusCode.OK),
            (anonymous, "/css/site.css", HttpStatusCode.OK),
            (anonymous, "/lib/bootstrap/bootstrap.bundle.min.js", HttpStatusCode.OK),
            (anonymous, "/no-such-page", HttpStatusCode.NotFound),
            (anonymous, "/api/v1/no-such-endpoint", HttpStatusCode.NotFound),
            (anonymous, "/api/v1/points", HttpStatusCode.Unauthorized),
            (anonymous, "/Circulation", HttpStatusCode.Redirect),
            (anonymous, "/health", HttpStatusCode.OK),
            (anonymous, "/openapi/v1.json", HttpStatusCode.OK),
            (bearer, "/api/v1/points", HttpStatusCode.OK),
            (bearer, "/api/v1/points/999999999", HttpStatusCode.NotFound),
            (bearer, "/api/v1/points?page=x", HttpStatusCode.BadRequest),
            (cookie, "/Circulation", HttpStatusCode.OK),
            (cookie, "/Circulation/Readers", HttpStatusCode.OK),
            (cookie, "/api/v1/circulation/readers", HttpStatusCode.OK),
        };
        foreach (var (client, url, status) in cases)
        {
            var response = await client.GetAsync(url, Ct);
            Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            AssertSecurityHeaders(response, url);
        }
        // A POST refused by the antiforgery check (an error written by the app itself) too.
        var refused = await cookie.PostAsync("/api/v1/circulation/tallies", null, Ct);
        AssertSecurityHeaders(refused, "refused POST");
    }

    [Fact]
    public async Task AnswersToSignedInCallers_AreNotStored_StaticFilesAre()
    {
        var bearer = await app.ClientAsync("demo-point");
        var cookie = await PageClient.SignInAsync(app, "demo-point");
        Assert.True(NoStore(await bearer.GetAsync("/api/v1/circulation/readers", Ct)), "API answer");
        Assert.True(NoStore(await bearer.GetAsync("/api/v1/me", Ct)), "API answer");
        Assert.True(NoStore(await cookie.GetAsync("/Circulation/Readers", Ct)), "page");
        Assert.False(NoStore(await app.CreateClient().GetAsync("/css/site.css", Ct)), "static file");
    }

    [Fact]
    public async Task ApiDocs_HaveTheirOwnPolicy_StillWithoutFramingOrOtherOrigins()
    {
        var response = await app.CreateClient().GetAsync("/api-docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(Bookpost.Web.Infrastructure.WebModule.ApiDocsContentSecurityPolicy, policy);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// Pages carry no inline style or script, so the policy needs no 'unsafe-inline'.
    [Fact]
    public async Task Pages_HaveNoInlineStyleOrScript()
    {
        var root = Path.Combine(Repo.Root, "src", "Web", "Features");
        foreach (var file in Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file, Ct);
            Assert.DoesNotContain("style=\"", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", text);
            Assert.DoesNotMatch(@"\son[a-z]+=""", text);
        }
    }

    [Fact]
    public async Task Cookies_AreSecure_OverHttps()
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") };
        using var client = app.CreateClient(options);
        var login = await client.GetAsync("/Account/Login", Ct);
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bookpost.af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var html = await login.Content.ReadAsStringAsync(Ct);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "demo-monitor", ["Input.Password"] = BookpostApp.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bookpost.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);

        using var language = new HttpRequestMessage(HttpMethod.Post, "/Account/Language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["culture"] = "en-US", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        language.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var switched = await client.SendAsync(language, Ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("secure", switched.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        // Over plain HTTP (a loopback install) the cookies still work, without Secure.
        var plain = await app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/Account/Login", Ct);
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").First(), StringComparison.OrdinalIgnoreCase);
    }
}

/// The site's pages under the policy in a real browser: no violation reported, the menu, the language switch and the
/// sign-out (the layout's two forms) still work. The desk and board flows run under it in tests/Web.Tests/Browser.
public sealed class CspBrowserTests(Browser.BrowserApp fixture) : IClassFixture<Browser.BrowserApp>
{
    [Fact]
    public async Task Pages_RunUnderThePolicy_WithoutViolations()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var job = await ImportJobAsync();
        var context = await fixture.Browser!.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions
        {
            ViewportSize = new Microsoft.Playwright.ViewportSize { Width = 360, Height = 740 },
        });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: {error}");
        try
        {
            await page.GotoAsync($"{url}/Account/Login");
            await page.GetByLabel("Tên đăng nhập").FillAsync("demo-admin");
            await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync($"{url}/");

            // The menu opens on a phone (Bootstrap's script runs).
            await page.Locator(".navbar-toggler").ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#menu")).ToBeVisibleAsync();

            foreach (var path in new[] { "/Circulation", "/Access", "/Rotation/Capacity", "/Network/Points", "/Audit", $"/Catalog/Imports/{job}" })
            {
                var response = await page.GotoAsync($"{url}{path}");
                Assert.True(response!.Ok, $"{path}: {response.Status}");
            }
            // The import page's progress is a <progress> element, no inline width.
            Assert.Equal(1, await page.Locator("progress.import-progress").CountAsync());

            // The language switch in the footer, then back.
            await page.GotoAsync($"{url}/Network/Points");
            await page.Locator("#lang").SelectOptionAsync("en-US");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Đổi" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

            // The API docs render under their own policy.
            await page.GotoAsync($"{url}/api-docs/");
            await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Bookpost API" }).First)
                .ToBeVisibleAsync(new() { Timeout = 30_000 });

            // Sign out from the layout.
            await page.GotoAsync($"{url}/");
            await page.Locator(".navbar-toggler").ClickAsync();
            // Wait until the menu has finished opening: a click during Bootstrap's collapse animation can miss.
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#menu.show")).ToBeVisibleAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"),
                new() { Timeout = 20_000 });
            var after = await page.GotoAsync($"{url}/Circulation");
            Assert.Contains("/Account/Login", after!.Url, StringComparison.Ordinal);

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<int> ImportJobAsync()
    {
        var admin = await fixture.App.ClientAsync("demo-admin");
        var form = new MultipartFormDataContent { { new ByteArrayContent("title,isbn\nSách thử CSP,\n"u8.ToArray()), "file", "csp.csv" } };
        var response = await admin.PostAsync("/api/v1/catalog/imports", form, Ct);
        var body = await response.JsonAsync(HttpStatusCode.Accepted);
        return body.GetProperty("id").GetInt32();
    }
}
