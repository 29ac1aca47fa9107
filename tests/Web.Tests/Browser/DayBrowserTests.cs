using System.Net;
using Bookpost.Web.Features.Rotation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// A day as the library and the Monitor live it, started from their home pages and following the to-do links, at a
/// desk screen and on a phone. Every page is saved as a screenshot and scanned for enum names.
public sealed class DayBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    private static async Task StepAsync(IPage page, string shot)
    {
        await BrowserApp.ShotAsync(page, shot);
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (page.ViewportSize?.Width <= 480) await BrowserApp.AssertFitsAsync(page);
    }

    /// A set sent to a point through the API (assembled, planned, confirmed, dispatched, received), then three days past
    /// its due-back day, as a set forgotten at a point is. Returns its code.
    private async Task<string> SetDueBackAsync(string code, string[] barcodes)
    {
        var library = await fixture.App.ClientAsync("demo-library");
        var admin = await fixture.App.ClientAsync("demo-admin");
        var today = fixture.App.Today;
        var set = await (await library.PostJsonAsync("/api/v1/rotation/sets", new { code, name = "Bộ sách " + code, theme = "Health" }))
            .JsonAsync(HttpStatusCode.Created);
        var setId = set.GetProperty("set").GetProperty("id").GetInt32();
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/items", new { barcodes })).JsonAsync(HttpStatusCode.OK);
        await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/ready", new { })).JsonAsync(HttpStatusCode.OK);
        var input = new { name = "Đợt " + code, startsOn = today.ToString("O"), endsOn = today.AddDays(90).ToString("O"), repeatWindow = 0 };
        var cycleId = (await (await library.PostJsonAsync("/api/v1/rotation/cycles", input)).JsonAsync(HttpStatusCode.Created))
            .GetProperty("cycle").GetProperty("id").GetInt32();
        var plan = await (await library.PostJsonAsync($"/api/v1/rotation/cycles/{cycleId}/plan", new { })).JsonAsync(HttpStatusCode.OK);
        var assignmentId = plan.GetProperty("assignments").EnumerateArray()
            .Single(a => a.GetProperty("setId").GetInt32() == setId).GetProperty("id").GetInt32();
        await (await library.PostJsonAsync($"/api/v1/rotation/cycles/{cycleId}/confirm", new { })).JsonAsync(HttpStatusCode.OK);
        var shipment = await (await library.PostJsonAsync($"/api/v1/rotation/sets/{setId}/dispatch", new { assignmentId }))
            .JsonAsync(HttpStatusCode.Created);
        var shipmentId = shipment.GetProperty("shipment").GetProperty("id").GetInt32();
        await (await admin.PostJsonAsync($"/api/v1/rotation/shipments/{shipmentId}/receive", new { barcodes })).JsonAsync(HttpStatusCode.OK);
        fixture.App.WithDb(db => db.RotationAssignments.Where(a => a.Id == assignmentId)
            .ExecuteUpdate(s => s.SetProperty(a => a.DueBackOn, today.AddDays(-3))));
        return code;
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task LibraryDay_FromHome_ToASetDueBack(int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var code = await SetDueBackAsync($"DAY-{width}", width == 360 ? ["TVT00312", "TVT00322", "TVT00332"] : ["TVT00342", "TVT00352"]);
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var name = $"library-day_{width}";
        try
        {
            await fixture.SignInAsync(page, "demo-library");
            var todo = page.Locator("#todo-sets-due-back");
            await Assertions.Expect(todo).ToContainTextAsync(code);
            await StepAsync(page, name + "_01-home");

            await todo.GetByRole(AriaRole.Link, new() { Name = "Xem danh sách quá hạn" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/Rotation/Overdue");
            await StepAsync(page, name + "_02-overdue");

            await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/Rotation/Sets/\d+$"));
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(code);
            await StepAsync(page, name + "_03-set");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task MonitorDay_FromHome_ToTheFiguresAndTheirXlsx(int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var name = $"monitor-day_{width}";
        try
        {
            await fixture.SignInAsync(page, "demo-monitor");
            var figures = page.Locator("#todo-figures");
            await Assertions.Expect(figures).ToBeVisibleAsync();
            await StepAsync(page, name + "_01-home");

            await figures.Locator("a.home-link").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
                @"/Reports/Indicators\?Query\.Period=Month&Query\.Year=\d{4}&Query\.Number=\d+$"));
            var table = page.Locator("#indicators");
            await Assertions.Expect(table).ToBeVisibleAsync();
            await StepAsync(page, name + "_02-indicators");

            // A figure: the first indicator row with a number in it.
            var row = table.Locator("tbody tr").First;
            await row.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(row.Locator("td").First).Not.ToBeEmptyAsync();
            await StepAsync(page, name + "_03-figure");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "XLSX" }).ClickAsync());
            var path = Path.Combine(BrowserApp.ScreenshotDirectory, $"{name}_04-{download.SuggestedFilename}");
            await download.SaveAsAsync(path);
            Assert.EndsWith(".xlsx", download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            // An XLSX is a ZIP holding the workbook.
            Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', $"{path} is not an XLSX");
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            Assert.True(sheet.Length > 200, "the sheet is empty");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
