using System.Text.Json;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 21 item 7: every public page, opened without an account on a phone (360 px) and a desk screen (1366 px),
/// has no serious or critical accessibility violation by axe-core (Browser/axe/README.md).
public sealed class PortalAccessibilityBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    /// The public pages checked: the same list as the transfer-size test's.
    public static TheoryData<string> PublicPaths() => Features.Portal.TransferSizeTests.PublicPaths();

    /// WCAG 2.0 and 2.1 A and AA, and axe's best practices (landmarks, one main, headings in order).
    private const string Run = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
            }));
        }
        """;

    private static readonly Lazy<string> s_axe = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js")));

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public Task PublicPage_Anonymous_HasNoSeriousAccessibilityViolation(string path) =>
        CheckAsync(path, async page =>
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}.");
        });

    /// The hold form has a title's id in its address: it is reached as a person does, from the point's books.
    [Fact]
    public Task HoldForm_Anonymous_HasNoSeriousAccessibilityViolation() =>
        CheckAsync("/diem/bdvhx-15889/giu-sach", async page =>
        {
            await page.GotoAsync(fixture.BaseUrl + "/diem/bdvhx-15889/sach");
            await page.Locator("a[href*='/giu-sach?sach=']").First.ClickAsync();
            await page.WaitForURLAsync("**/giu-sach?sach=*");
        });

    private async Task CheckAsync(string path, Func<IPage, Task> open)
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var problems = new List<string>();
        foreach (var width in new[] { 360, 1366 })
        {
            await using var context = await fixture.NewContextAsync(width);
            // The site's policy allows no inline script, so axe cannot be added as a <script> tag: an init script is
            // evaluated by the browser itself in each new document, outside the page's policy, before the page's own.
            await context.AddInitScriptAsync(s_axe.Value);
            var page = await context.NewPageAsync();
            await open(page);
            var violations = await page.EvaluateAsync<JsonElement>(Run);
            foreach (var v in violations.EnumerateArray())
            {
                var impact = v.GetProperty("impact").GetString();
                if (impact is not ("serious" or "critical")) continue;
                var nodes = string.Join("\n", v.GetProperty("nodes").EnumerateArray().Select(n => "      " + n.GetString()));
                problems.Add($"{path} at {width} px: [{impact}] {v.GetProperty("id").GetString()}: " +
                    $"{v.GetProperty("help").GetString()}\n{nodes}");
            }
            if (problems.Count > 0) await BrowserApp.ShotAsync(page, $"portal-a11y_{width}_{path.Trim('/').Replace('/', '-')}");
        }
        Assert.True(problems.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", problems));
    }
}
