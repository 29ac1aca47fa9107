using System.Net;
using Bookpost.Web.Features.Portal;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Portal;

/// The public pages' language link (/ngon-ngu): it sets the language and goes back to a path of this site, never elsewhere.
public sealed class LanguageSwitchTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/diem/bdvhx-15889?x=1", "/diem/bdvhx-15889?x=1")]
    [InlineData("/tim-diem?q=%C4%91%C3%B4ng", "/tim-diem?q=%C4%91%C3%B4ng")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/ok\\..\\x", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/đ", "/")]
    [InlineData("/\u2028", "/")]
    [InlineData("/\r\nSet-Cookie: a=b", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void LocalPath_KeepsOnlyAPathOfThisSite(string? given, string expected) =>
        Assert.Equal(expected, PortalModule.LocalPath(given));

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%C4%91")]
    [InlineData("/%7F")]
    [InlineData("/%0d%0aSet-Cookie:%20a=b")]
    public async Task Switch_WithAnAddressThatIsNotAPathHere_GoesHome(string r)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/ngon-ngu?c=en-US&r={r}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("en-US", StringComparison.Ordinal));
    }
}
