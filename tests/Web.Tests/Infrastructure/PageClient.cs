using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bookpost.Web.Tests.Infrastructure;

/// Signs in through the login page like a browser (cookie and antiforgery token) and posts forms.
public static partial class PageClient
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<HttpClient> SignInAsync(BookpostApp app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = BookpostApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// For forms that send one name several times (checkboxes).
    public static async Task<HttpResponseMessage> PostFormPairsAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        fields.Add(new("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// One form sent several times at once, as a double click does: one page, one antiforgery token, concurrent posts.
    public static async Task<HttpResponseMessage[]> PostFormConcurrentlyAsync(HttpClient client, string url,
        Dictionary<string, string> fields, int times)
    {
        var page = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        return await Task.WhenAll(Enumerable.Range(0, times).Select(_ =>
            client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken)));
    }

    /// Posts a form to a page the user may not open (so its form cannot be read), with the antiforgery token of a page
    /// the user may open: the way to show that a wrong role cannot write through a page.
    public static async Task<HttpResponseMessage> PostFormAsAsync(HttpClient client, string tokenPage, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(tokenPage, TestContext.Current.CancellationToken);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"{tokenPage} has no form to take an antiforgery token from");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// A page's refusal of a signed-in user: 403, or the cookie scheme's redirect to the access-denied page.
    public static void AssertDenied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("Denied", StringComparison.Ordinal) == true),
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
}
