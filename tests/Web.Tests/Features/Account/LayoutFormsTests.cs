using System.Net;
using System.Text.RegularExpressions;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Account;

/// The two forms every page carries in its layout: sign-out and the language switch. Each must post its own
/// antiforgery token, or it answers 400 and, for sign-out, leaves a shared phone signed in.
public sealed partial class LayoutFormsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>/Account/[A-Za-z]+)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex LayoutForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static string TokenOf(string page, string action)
    {
        var form = LayoutForm().Matches(page).Single(m => m.Groups["action"].Value == action);
        var token = Token().Match(form.Groups["body"].Value);
        Assert.True(token.Success, $"the {action} form carries no antiforgery token");
        return token.Groups[1].Value;
    }

    [Fact]
    public async Task SignOut_FromTheLayout_EndsTheSession()
    {
        var client = await PageClient.SignInAsync(app, "demo-point");
        var desk = await client.GetAsync("/Circulation", Ct);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        var token = TokenOf(await desk.Content.ReadAsStringAsync(Ct), "/Account/Logout");

        var signedOut = await client.PostAsync("/Account/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await client.GetAsync("/Circulation", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
    }

    /// A cookie copied before sign-out (a second tab of a shared phone, a saved file) stops working as well: the server
    /// ends the account's sessions, not only the browser's copy.
    [Fact]
    public async Task SignOut_EndsTheAccountsOtherSessions_OnPagesAndTheApi()
    {
        var leaving = await PageClient.SignInAsync(app, "demo-commune");
        var copy = await PageClient.SignInAsync(app, "demo-commune");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/points?pageSize=1", Ct)).StatusCode);
        var token = TokenOf(await leaving.GetStringAsync("/", Ct), "/Account/Logout");

        var signedOut = await leaving.PostAsync("/Account/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var page = await copy.GetAsync("/Network/Points", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/points?pageSize=1", Ct)).StatusCode);
        // Signing in again works as before.
        Assert.Equal(HttpStatusCode.OK, (await (await PageClient.SignInAsync(app, "demo-commune")).GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task LanguageSwitch_FromTheLayout_ChangesTheLanguageAndBack()
    {
        var client = await PageClient.SignInAsync(app, "demo-monitor");
        var page = await client.GetStringAsync("/", Ct);
        Assert.Contains("Đăng xuất", page);

        foreach (var (culture, expected) in new[] { ("en-US", "Sign out"), ("vi-VN", "Đăng xuất") })
        {
            var switched = await client.PostAsync("/Account/Language", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TokenOf(page, "/Account/Language"),
                ["culture"] = culture,
                ["returnUrl"] = "/",
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            page = await client.GetStringAsync("/", Ct);
            Assert.Contains(expected, page);
        }
    }
}
