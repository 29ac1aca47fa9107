using Bookpost.Web.Features.Evaluation.History;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Bookpost.Web.Tests.Browser;

/// Issue 18, the history import in a browser, for each role that uses it, at a desk and on a phone: the page and its
/// guide, a file with a good and a bad row (the preview names the bad one and offers no import), then a good file
/// imported (province-wide users at the desk).
public sealed class HistoryBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, int> Walks() => new()
    {
        { "demo-admin", 1366 }, { "demo-admin", 360 }, { "demo-monitor", 1366 }, { "demo-postoffice", 360 },
        { "demo-district", 1366 }, { "demo-district", 360 }, { "demo-commune", 360 },
    };

    private static int s_next;

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task HistoryImport_PreviewsRowsInWords_AndFits(string user, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var code = fixture.App.WithDb(db =>
        {
            var area = db.Users.Where(u => u.UserName == user).Select(u => new { u.ScopeKind, u.ScopeAreaCode }).Single();
            var points = db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint);
            points = area.ScopeKind switch
            {
                Bookpost.Web.Infrastructure.Auth.ScopeKind.District => points.InArea(db, area.ScopeAreaCode, fixture.App.Today),
                Bookpost.Web.Infrastructure.Auth.ScopeKind.Commune => points.Where(p => p.CommuneCode == area.ScopeAreaCode),
                _ => points,
            };
            var list = points.OrderBy(p => p.Code).Select(p => p.Code).ToList();
            return list[Interlocked.Increment(ref s_next) % list.Count];
        });
        await using var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, user);
        var name = $"history-{user}_{width}";
        await page.GotoAsync($"{fixture.BaseUrl}/Reports/History");
        await Assertions.Expect(page.Locator("#history-template")).ToBeVisibleAsync();
        await page.Locator("details.history-guide summary").ClickAsync();
        await BrowserApp.ShotAsync(page, $"{name}_01-page");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "lich-su.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Xlsx(Row(code, 2025), Row("KHONG-CO", 2012)) });
        await page.Locator("#history-preview").ClickAsync();
        await Assertions.Expect(page.Locator("#nothing-imported")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".history-preview")).ToContainTextAsync("Không có điểm mã");
        await BrowserApp.ShotAsync(page, $"{name}_02-errors");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);

        if (width != 1366 || user is not ("demo-admin" or "demo-monitor")) return;
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "lich-su.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = Xlsx(Row(code, 2025)) });
        await page.Locator("#history-preview").ClickAsync();
        await Assertions.Expect(page.Locator("#history-commit")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_03-preview");
        await page.Locator("#history-commit").ClickAsync();
        await Assertions.Expect(page.Locator("#history-done")).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_04-done");
    }

    private static Dictionary<string, object?> Row(string point, int year) => new()
    {
        [HistoryFile.PointCode] = point, [HistoryFile.Year] = year, ["rotation.titles_received"] = 20, ["circulation.visits"] = 900,
    };

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        var columns = HistoryFile.Columns;
        static string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : $"{(char)('A' + i / 26 - 1)}{(char)('A' + i % 26)}";
        var sheet = new List<Dictionary<string, object?>>
        {
            columns.Select((c, i) => (Letter(i), (object?)c.Heading)).ToDictionary(x => x.Item1, x => x.Item2),
            columns.Select((c, i) => (Letter(i), (object?)c.Key)).ToDictionary(x => x.Item1, x => x.Item2),
        };
        foreach (var row in rows)
            sheet.Add(columns.Select((c, i) => (Letter(i), row.GetValueOrDefault(c.Key))).ToDictionary(x => x.Item1, x => x.Item2));
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { [HistoryFile.DataSheet] = sheet }, printHeader: false, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
