using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// A point's day with its public computers on a 360-pixel phone: open two sessions, close one, report a broken
/// computer, have it assigned and fixed; the indicators page then shows the two sessions and the computers working.
public sealed class AccessBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task PointsDay_TwoSessions_ARepair_AndTheIndicators()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var url = fixture.BaseUrl;
        var (code, brokenId) = fixture.App.WithDb(db =>
        {
            var point = db.Users.Single(u => u.UserName == "demo-point").ScopePointId!.Value;
            var c = db.ServicePoints.Single(p => p.Id == point).Code;
            return (c, db.Computers.Single(x => x.AssetTag == c + "-MT03").Id);
        });
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        try
        {
            await fixture.OpenSignInFromHomeAsync(page);
            await page.GetByLabel("Tên đăng nhập").FillAsync("demo-point");
            await page.GetByLabel("Mật khẩu").FillAsync(BookpostApp.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{url}/");

            // From the menu to the board.
            await page.GotoAsync($"{url}/");
            var menu = page.Locator(".navbar-toggler");
            if (await menu.IsVisibleAsync()) await menu.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Máy tính công cộng" }).ClickAsync();
            await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync("Đang dùng: 0");

            // Two sessions: a woman farmer from an ethnic minority, then a student.
            await StartAsync(page, $"{code}-MT01", "Nữ", "Adult", "Farmer", minority: true);
            await StartAsync(page, $"{code}-MT02", "Nam", "Youth", "Student", minority: false);
            await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync("Đang dùng: 2");
            await BrowserApp.AssertFitsAsync(page);

            // The first leaves: what it was used for, then stop.
            var first = page.Locator($"[data-computer='{code}-MT01']");
            await first.GetByText("Mục đích đã dùng").ClickAsync();
            await first.GetByLabel("Dịch vụ công trực tuyến").CheckAsync();
            await first.GetByRole(AriaRole.Button, new() { Name = $"Kết thúc {code}-MT01" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Đã kết thúc lượt trên {code}-MT01");
            await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync("Đang dùng: 1");

            // The third computer will not start: report it.
            var third = page.Locator($"[data-computer='{code}-MT03']");
            await third.GetByText("Báo hỏng").First.ClickAsync();
            await third.GetByLabel("Hiện tượng hỏng").FillAsync("Không lên màn hình");
            await third.GetByRole(AriaRole.Button, new() { Name = $"Báo hỏng {code}-MT03" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Đã báo hỏng {code}-MT03");
            await Assertions.Expect(third).ToContainTextAsync("Hỏng");

            // Repairs: the site is now below the threshold (3 of 5 working); assign, then fixed.
            await page.GetByRole(AriaRole.Link, new() { Name = "Sửa chữa" }).ClickAsync();
            await Assertions.Expect(page.Locator("tr.table-danger")).ToContainTextAsync("dưới ngưỡng");
            var ticket = page.Locator("section", new() { HasText = $"{code}-MT03" });
            await ticket.GetByLabel("Người sửa").FillAsync("Anh Tuấn, Bưu điện huyện");
            await ticket.GetByRole(AriaRole.Button, new() { Name = "Giao sửa" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã giao sửa");
            await ticket.GetByRole(AriaRole.Button, new() { Name = "Đã sửa xong" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã sửa xong");
            await BrowserApp.AssertFitsAsync(page);
            Assert.Equal("Working", fixture.App.WithDb(db => db.Computers.Single(c => c.Id == brokenId).Status.ToString()));

            // Today's indicators for the point: two sessions (one woman, one from a minority), one for e-government,
            // four of five computers working (the demo's fifth is still broken), and a repair time.
            var today = fixture.App.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await page.GotoAsync($"{url}/Reports/Indicators?Query.Period=Custom&Query.From={today}&Query.To={today}&Query.Level=Point");
            async Task<string> Value(string code, string breakdown = "") =>
                (await page.Locator($"tr[data-code='{code}'][data-breakdown='{breakdown}'] td").Last.InnerTextAsync()).Trim();
            Assert.Equal("2", await Value("access.sessions"));
            Assert.Equal("1", await Value("access.users_by_sex", "Female"));
            Assert.Equal("1", await Value("access.users_minority"));
            Assert.Equal("1", await Value("access.purposes", "EGovernment"));
            Assert.Equal("80", await Value("access.computers_working_pct"));
            Assert.NotEqual("", await Value("access.repair_hours_avg"));
            await BrowserApp.AssertFitsAsync(page);

            // The other pages fit the phone too, with their forms open.
            foreach (var path in new[] { "/Access/Sessions", "/Access/Equipment", "/Access/Trainings" })
            {
                await page.GotoAsync($"{url}{path}");
                foreach (var summary in await page.Locator("details > summary").AllAsync()) await summary.ClickAsync();
                await BrowserApp.AssertFitsAsync(page);
            }
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bookpost-access-failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task StartAsync(IPage page, string tag, string sex, string ageBand, string occupation, bool minority)
    {
        var form = page.Locator("form", new() { Has = page.Locator("#computerId") });
        await form.Locator("#computerId").SelectOptionAsync(new SelectOptionValue { Label = tag });
        await form.GetByLabel(sex, new() { Exact = true }).CheckAsync();
        await form.Locator("select[name=ageBand]").SelectOptionAsync(ageBand);
        await form.Locator("select[name=occupation]").SelectOptionAsync(occupation);
        if (minority) await form.GetByLabel("Dân tộc thiểu số").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Đã bắt đầu lượt trên {tag}");
    }
}
