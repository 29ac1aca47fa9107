using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The department records a meeting and turns its first conclusion into two tasks in one step, at 1366 px; then a commune
/// officer reads it on a 360-pixel phone, and a point's operator finds no meeting link in the menu.
public sealed class MeetingsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Monitor_RecordsAMeeting_MakesTwoTasks_CommuneReadsItOnAPhone()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var title = $"Hội nghị sơ kết Dự án BMGF-VN {Guid.NewGuid().ToString("N")[..6]}";
        var deadline = fixture.App.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string meetingUrl;

        var desk = await fixture.NewContextAsync(1366);
        var page = await desk.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "demo-monitor");
            await page.GotoAsync($"{url}/Planning/Meetings");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ghi cuộc họp mới" }).ClickAsync();
            await page.Locator("#f-date").FillAsync(fixture.App.Today.AddDays(-1).ToString("yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#f-place").FillAsync("Hội trường Sở");
            await page.Locator("#f-title").FillAsync(title);
            await page.Locator("#f-chair").FillAsync("Lê Văn Thử");
            await page.Locator("#f-position").FillAsync("Phó Giám đốc Sở");
            await page.Locator("#u-0").SelectOptionAsync("TV-TINH");
            await page.Locator("#a-0").FillAsync("Bà Nguyễn Thị Thư, Giám đốc");
            await page.Locator("#u-1").SelectOptionAsync("BD-TINH");
            await page.Locator("#f-conclusions").FillAsync(
                "Xây dựng kế hoạch duy trì giai đoạn 2017–2020.\nBảo đảm máy tính tại các điểm hoạt động tốt.");
            await BrowserApp.ShotAsync(page, "meetings_1366_01-new");
            await page.Locator("#meeting-save").ClickAsync();
            await Assertions.Expect(page.Locator("#meeting-title")).ToHaveTextAsync(title);
            meetingUrl = page.Url;

            // Conclusion 1 → two tasks in one step.
            var first = page.Locator("#conclusion-1");
            await first.Locator(".meeting-make summary").ClickAsync();
            await first.Locator("#c1-t0-title").FillAsync("Trình UBND tỉnh kế hoạch duy trì");
            await first.Locator("#c1-t0-lead").SelectOptionAsync("TV-TINH");
            await first.Locator("#c1-t0-sup").SelectOptionAsync(["BD-TINH"]);
            await first.Locator("#c1-t0-deadline").FillAsync(deadline);
            await first.Locator("#c1-t1-title").FillAsync("Rà soát máy tính các điểm");
            await first.Locator("#c1-t1-lead").SelectOptionAsync("BD-TINH");
            await first.Locator("#c1-t1-deadline").FillAsync(deadline);
            await first.Locator(".meeting-make-submit").ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã giao 2 nhiệm vụ từ kết luận 1");
            await Assertions.Expect(page.Locator("#conclusion-1")).ToHaveAttributeAsync("data-tasks", "2");

            // A task with a deadline before today: refused, nothing made, the form opens again with what was typed.
            var second = page.Locator("#conclusion-2");
            await second.Locator(".meeting-make summary").ClickAsync();
            await second.Locator("#c2-t0-title").FillAsync("Việc hạn cũ");
            await second.Locator("#c2-t0-lead").SelectOptionAsync("BD-TINH");
            await second.Locator("#c2-t0-deadline").FillAsync("2020-01-01");
            await second.Locator(".meeting-make-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#meeting-error")).ToContainTextAsync("Dòng 1:");
            await Assertions.Expect(page.Locator("#c2-t0-title")).ToHaveValueAsync("Việc hạn cũ");
            await Assertions.Expect(page.Locator("#conclusion-2")).ToHaveAttributeAsync("data-tasks", "0");
            await BrowserApp.ShotAsync(page, "meetings_1366_02-meeting");
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await BrowserApp.AssertFitsAsync(page, 1366);

            // The notice downloads.
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "Thông báo kết luận (PDF)" }).ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename);
            await page.GotoAsync($"{url}/Planning/Meetings");
            await BrowserApp.ShotAsync(page, "meetings_1366_03-list");
            await BrowserApp.AssertNoEnumNamesAsync(page);
        }
        finally { await desk.CloseAsync(); }

        var phone = await fixture.NewContextAsync(360);
        page = await phone.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "demo-commune");
            var menu = page.Locator(".navbar-toggler");
            if (await menu.IsVisibleAsync()) await menu.ClickAsync();
            // The meetings live in the "Kế hoạch" drop-down of the menu.
            await page.Locator("#menu-planning").ClickAsync();
            // The link inside the opened drop-down (the home page may show another link of the same name).
            var inMenu = page.Locator("ul[aria-labelledby='menu-planning']").GetByRole(AriaRole.Link, new() { Name = "Họp, hội nghị" });
            await Assertions.Expect(inMenu).ToBeVisibleAsync();
            await inMenu.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{url}/Planning/Meetings");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.ShotAsync(page, "meetings_360_01-list");
            await page.GotoAsync(meetingUrl);
            await Assertions.Expect(page.Locator("#conclusion-1 .meeting-tasks li")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator(".meeting-make")).ToHaveCountAsync(0);
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await BrowserApp.ShotAsync(page, "meetings_360_02-meeting");
        }
        finally { await phone.CloseAsync(); }

        // The monitor's form on a phone fits too.
        phone = await fixture.NewContextAsync(360);
        page = await phone.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "demo-monitor");
            await page.GotoAsync($"{url}/Planning/Meetings/New");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.ShotAsync(page, "meetings_360_03-new");
            await page.GotoAsync(meetingUrl);
            await page.Locator("#conclusion-2").Locator(".meeting-make summary").ClickAsync();
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.ShotAsync(page, "meetings_360_04-make-tasks");
        }
        finally { await phone.CloseAsync(); }
    }
}
