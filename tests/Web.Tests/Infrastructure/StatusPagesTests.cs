using System.Net;
using System.Net.Http.Headers;

namespace Bookpost.Web.Tests.Infrastructure;

/// A staff page's error without a body reaches a person's browser as a page in words (earlier: problem JSON on screen);
/// the API and callers that do not ask for HTML keep the problem JSON.
public sealed class StatusPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Get(string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    [Fact]
    public async Task AStaffPageOutsideOnesScope_IsAPageInWords_ForABrowser()
    {
        using var browser = await PageClient.SignInAsync(app, "demo-point");
        using var page = await browser.SendAsync(Get("/Circulation/Readers/999999", "text/html,application/xhtml+xml"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Không tìm thấy trang", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("\"status\":404", html);
    }

    /// A form sent with a broken antiforgery token is refused (400) with a page in words too: the status page is
    /// re-executed with the POST and must not refuse it a second time (the browser would show its own blank error).
    [Fact]
    public async Task AFormWithABrokenToken_Gets400AsAPageInWords()
    {
        using var browser = await PageClient.SignInAsync(app, "demo-point");
        using var request = Get("/Circulation/Holds?handler=Ready", "text/html");
        request.Method = HttpMethod.Post;
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = "1", ["version"] = "1", ["__RequestVerificationToken"] = "broken",
        });
        using var page = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await page.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/Circulation/Readers/999999", "application/json")]
    [InlineData("/api/v1/circulation/readers/999999", "text/html")]
    public async Task TheApiAndOtherCallers_KeepProblemJson(string url, string accept)
    {
        using var browser = await PageClient.SignInAsync(app, "demo-point");
        if (url.StartsWith("/api", StringComparison.Ordinal))
            browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("demo-point"));
        using var answer = await browser.SendAsync(Get(url, accept), Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }
}
