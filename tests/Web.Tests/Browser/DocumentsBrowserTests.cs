using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 18, item 4 in a browser: make a draft of each kind, write its text, save, issue, and read the frozen document
/// with its preview, at a desk and on a phone, for the roles that make report documents.
public sealed class DocumentsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, int> Walks() => new()
    {
        { "demo-admin", 1366 }, { "demo-monitor", 360 }, { "demo-monitor", 1366 }, { "demo-district", 360 },
        { "demo-commune", 1366 }, { "demo-commune", 360 },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Document_CreateWriteSaveIssue_Fits(string user, int width)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        await using var context = await fixture.NewContextAsync(width);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, user);
        var name = $"documents-{user}_{width}";
        await page.GotoAsync($"{fixture.BaseUrl}/Reports/Documents");
        await BrowserApp.ShotAsync(page, $"{name}_01-list");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);

        await page.SelectOptionAsync("#template", "computers-period");
        await page.SelectOptionAsync("#period", "Quarter");
        await page.FillAsync("#number", "1");
        await page.ClickAsync("form.documents-new button[type=submit]");
        await Assertions.Expect(page.Locator("#section-assessment")).ToBeVisibleAsync();
        await page.FillAsync("#number", "21");
        await page.FillAsync("#signer", "Lê Thị Thử");
        await page.FillAsync("#signerTitle", "Phó Giám đốc");
        await page.CheckAsync("#forHead");
        await page.FillAsync("#section-assessment", "Các điểm duy trì phục vụ đều đặn.\nNgười dân tộc thiểu số sử dụng nhiều hơn.");
        await page.ClickAsync("button[formaction*=Save]");
        await Assertions.Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await BrowserApp.ShotAsync(page, $"{name}_02-draft");
        await BrowserApp.AssertNoEnumNamesAsync(page);
        if (width == 360) await BrowserApp.AssertFitsAsync(page);

        await page.ClickAsync("button[formaction*=Issue]");
        await Assertions.Expect(page.Locator(".alert-info").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#section-assessment")).ToBeDisabledAsync();
        await BrowserApp.ShotAsync(page, $"{name}_03-issued");
        if (width == 360) await BrowserApp.AssertFitsAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href*='format=docx']"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
    }
}
