using Bookpost.Web.Tests.Features.Network;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Find my point on a 360-pixel phone without signing in (issue 21, part 1): the public home's search box, "dong tho"
/// typed without diacritics, and the point now in Phường Hàm Rồng found through the commune's former name.
public sealed class PortalFindBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Visitor_TypesDongTho_FindsThePointNowInHamRong()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var point = fixture.App.AddPoint("14758", name: "Điểm thử trình duyệt Hàm Rồng");
        var context = await fixture.NewContextAsync(360);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.BaseUrl}/");
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sách và Internet gần bạn");
            // The script ran: the near-me button is shown (it asks for the location only when tapped).
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tìm điểm gần tôi" })).ToBeVisibleAsync();
            await page.GetByLabel("Tên xã, thôn hoặc tên điểm").FillAsync("dong tho");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/tim-diem?q=dong+tho");
            var result = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = point.Name });
            await Assertions.Expect(result).ToContainTextAsync("trước đây thuộc Phường Đông Thọ, nay thuộc Phường Hàm Rồng");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.ShotAsync(page, "portal-find_360_01-dong-tho");
            await result.GetByRole(AriaRole.Link, new() { Name = point.Name }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/diem/{point.Code.ToLowerInvariant()}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
