using Bookpost.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// The inbox on a phone and at a desk, as the provincial library (its overdue tasks first), the department (overdue by
/// unit) and a point: reached from the home page's to-do, fits the screen, shows no internal names.
public sealed class RemindersBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("demo-library", 360)]
    [InlineData("demo-library", 1366)]
    [InlineData("demo-monitor", 1366)]
    [InlineData("demo-monitor", 360)]
    [InlineData("demo-point", 360)]
    [InlineData("demo-commune", 360)]
    public async Task Inbox_FromTheHomeToDo_FitsAndReads(string user, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, user);
            await page.GotoAsync($"{fixture.BaseUrl}/");
            var todo = page.Locator("#todo-planning-tasks");
            await Assertions.Expect(todo).ToBeVisibleAsync();
            await todo.GetByRole(AriaRole.Link, new() { Name = "Mở hộp việc" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/Planning/Inbox");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Hộp việc");
            if (user == "demo-library")
                await Assertions.Expect(page.Locator("#inbox-overdue")).ToContainTextAsync("Luân chuyển đợt sách quý IV");
            if (user == "demo-monitor")
                await Assertions.Expect(page.Locator("#inbox-units")).ToContainTextAsync("Thư viện tỉnh Thanh Hóa");
            await BrowserApp.AssertFitsAsync(page, width);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await BrowserApp.ShotAsync(page, $"inbox-{user}-{width}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
