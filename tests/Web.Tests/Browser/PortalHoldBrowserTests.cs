using Bookpost.Web.Features.Portal.Holds;
using Bookpost.Web.Tests.Features.Portal;
using Bookpost.Web.Tests.Security;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 21's acceptance on a 360-pixel phone: a hold placed without signing in reaches the point's desk, where the
/// operator marks it ready.
public sealed class PortalHoldBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AHoldFromAPhone_AppearsOnThePointsDesk_AndIsMarkedReady()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var app = fixture.App;
        var point = app.DemoPointId();
        var code = app.PointCode(point).ToLowerInvariant();
        var title = app.TitleAt(point);
        var name = $"Hà Thị {PersonalRows.Letters()}";
        var phone = HoldRows.NewPhone();

        var visitor = await fixture.NewContextAsync(360);
        var page = await visitor.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/diem/{code}/giu-sach?sach={title}");
        await page.GetByLabel("Họ và tên").FillAsync(name);
        await page.GetByLabel("Số điện thoại di động").FillAsync($"{phone[..4]} {phone[4..7]} {phone[7..]}");
        await BrowserApp.AssertFitsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu giữ sách" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đã nhận yêu cầu giữ sách");
        await Assertions.Expect(page.Locator(".hold-done")).ToContainTextAsync(MobileNumber.Mask(phone));
        Assert.DoesNotContain(phone[3..], await page.ContentAsync());
        await BrowserApp.AssertFitsAsync(page);
        await visitor.CloseAsync();

        var staff = await fixture.NewContextAsync(360);
        var desk = await staff.NewPageAsync();
        await fixture.SignInAsync(desk, "demo-point");
        await desk.GotoAsync($"{fixture.BaseUrl}/Circulation/Holds");
        var hold = desk.Locator("li.hold", new() { HasText = name });
        await Assertions.Expect(hold).ToContainTextAsync(MobileNumber.Display(phone));
        await BrowserApp.AssertFitsAsync(desk);
        await hold.GetByRole(AriaRole.Button, new() { Name = "Đã để sách riêng" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".alert-success")).ToContainTextAsync("Đã đánh dấu sẵn sàng");
        await Assertions.Expect(desk.Locator("li.hold", new() { HasText = name })).ToContainTextAsync("Sẵn sàng");
        Assert.Equal(HoldStatus.Ready, app.WithDb(db => db.PointHolds.Single(h => h.Phone == phone).Status));
        await staff.CloseAsync();
    }
}
