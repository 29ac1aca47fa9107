using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 19, item 3 in a browser: the department gives the provincial library a task, the library's user reports progress
/// with a photo from a phone, the department closes it; the overdue tab and the calendar link; at a desk and on a phone.
public sealed class TasksBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Theory]
    [InlineData(1366, 360)]
    [InlineData(360, 1366)]
    public async Task GiveReportClose_AndTheLists_Fit(int monitorWidth, int libraryWidth)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var title = $"Rà soát kho sách thiếu nhi ({monitorWidth})";
        await using var monitorContext = await fixture.NewContextAsync(monitorWidth);
        var monitor = await monitorContext.NewPageAsync();
        await fixture.SignInAsync(monitor, "demo-monitor");
        var name = $"tasks-monitor_{monitorWidth}";
        await monitor.GotoAsync($"{fixture.BaseUrl}/Planning/Tasks");
        await BrowserApp.ShotAsync(monitor, $"{name}_01-overdue");
        await BrowserApp.AssertNoEnumNamesAsync(monitor);
        if (monitorWidth == 360) await BrowserApp.AssertFitsAsync(monitor);

        await monitor.ClickAsync("#task-new");
        await monitor.FillAsync("#Title", title);
        await monitor.FillAsync("#Description", "Kiểm kê, lập danh mục sách cần bổ sung.");
        await monitor.SelectOptionAsync("#Lead", "TV-TINH");
        await monitor.SelectOptionAsync("#Supports", new[] { "BD-TINH" });
        await BrowserApp.ShotAsync(monitor, $"{name}_02-new");
        if (monitorWidth == 360) await BrowserApp.AssertFitsAsync(monitor);
        await monitor.ClickAsync("#task-give");
        await Assertions.Expect(monitor.Locator("#task-title")).ToHaveTextAsync(title);
        var taskUrl = monitor.Url;

        await using var libraryContext = await fixture.NewContextAsync(libraryWidth);
        var library = await libraryContext.NewPageAsync();
        await fixture.SignInAsync(library, "demo-library");
        await library.GotoAsync($"{fixture.BaseUrl}/Planning/Tasks");
        await Assertions.Expect(library.Locator("#tab-mine.active")).ToBeVisibleAsync();
        await library.ClickAsync($"text={title}");
        await library.FillAsync("#note", "Đã kiểm kê 2 kho, còn 1 kho.");
        await library.FillAsync("#progress", "70");
        await library.SetInputFilesAsync("#files", new FilePayload { Name = "kho.png", MimeType = "image/png", Buffer = s_png });
        await library.ClickAsync("#task-send");
        await Assertions.Expect(library.Locator("#task-progress")).ToHaveTextAsync("70%");
        await Assertions.Expect(library.Locator("a.task-file")).ToHaveTextAsync("kho.jpg");
        var lname = $"tasks-library_{libraryWidth}";
        await BrowserApp.ShotAsync(library, $"{lname}_01-task");
        await BrowserApp.AssertNoEnumNamesAsync(library);
        if (libraryWidth == 360) await BrowserApp.AssertFitsAsync(library);
        var download = await library.RunAndWaitForDownloadAsync(() => library.ClickAsync("a.task-file"));
        Assert.Equal("kho.jpg", download.SuggestedFilename);

        await library.GotoAsync($"{fixture.BaseUrl}/Planning/Tasks/Calendar");
        await library.ClickAsync("#feed-create");
        await Assertions.Expect(library.Locator("#feed-link")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(library, $"{lname}_02-calendar");
        if (libraryWidth == 360) await BrowserApp.AssertFitsAsync(library);
        var link = await library.Locator("#feed-link").InputValueAsync();
        var feed = await library.APIRequest.GetAsync(link);
        Assert.Equal(200, feed.Status);
        Assert.Contains(title, await feed.TextAsync(), StringComparison.Ordinal);

        await monitor.GotoAsync(taskUrl);
        await monitor.ClickAsync("#task-close");
        await Assertions.Expect(monitor.Locator("#task-reopen")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(monitor, $"{name}_03-closed");
        await BrowserApp.AssertNoEnumNamesAsync(monitor);
        if (monitorWidth == 360) await BrowserApp.AssertFitsAsync(monitor);
    }
}
