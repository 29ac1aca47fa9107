using System.Globalization;
using System.Text.RegularExpressions;
using Bookpost.Web.Features.Planning.Inspections;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Browser;

/// Issue 19's acceptance in a browser: a commune culture officer, on a 360-px phone, inspects a point of the commune,
/// fails one item, saves, and turns the failed item into a task; then the same pages at a desk, and the point reading
/// its own inspection.
public sealed class InspectionsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task CommuneOfficer_InspectsOnAPhone_FailsAnItem_AndMakesItATask()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var pointId = fixture.App.WithDb(db => db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId!.Value).Single());
        int inspectionId;
        await using (var phone = await fixture.NewContextAsync(360))
        {
            var page = await phone.NewPageAsync();
            await fixture.SignInAsync(page, "demo-commune");
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections/New");
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_360_01-new");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            Assert.Equal("environment", await page.Locator("#photo-1").GetAttributeAsync("capture"));

            await page.Locator("#PointId").SelectOptionAsync(pointId.ToString(CultureInfo.InvariantCulture));
            foreach (var item in InspectionChecklist.Items)
                await page.Locator($"label[for='{(item == InspectionChecklist.Computers ? "fail" : "pass")}-{item}']").ClickAsync();
            await page.Locator($"#note-{InspectionChecklist.Computers}").FillAsync("2 trong 4 máy không lên nguồn");
            await page.Locator("#Remarks").FillAsync("Điểm mở cửa đúng giờ, sách xếp gọn.");
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_360_02-filled");
            await page.Locator("#insp-save").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Planning/Inspections/\d+$"));
            inspectionId = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
            var failed = page.Locator($"li[data-item='{InspectionChecklist.Computers}']");
            await Assertions.Expect(failed).ToContainTextAsync("Không đạt");
            await Assertions.Expect(page.Locator("#insp-passed")).ToHaveTextAsync("5/6 mục đạt");
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_360_03-saved");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);

            // "Giao việc" beside the failed item: who leads and by when, one tap to make the task.
            Assert.Equal(1, await page.Locator(".insp-task-open").CountAsync());
            await failed.Locator(".insp-task-open").ClickAsync();
            await Assertions.Expect(failed.Locator(".insp-task-save")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_360_04-task-form");
            await BrowserApp.AssertFitsAsync(page);
            await failed.Locator(".insp-task-save").ClickAsync();
            await Assertions.Expect(failed.Locator(".insp-task-link")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã giao việc");
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_360_05-task-made");
            await BrowserApp.AssertFitsAsync(page);
        }
        var task = fixture.App.WithDb(db => db.PlanTasks.Where(t => t.InspectionId == inspectionId)
            .Select(t => new { t.InspectionCheck, t.LeadPointId, t.Deadline }).Single());
        Assert.Equal((InspectionChecklist.Computers, (int?)pointId), (task.InspectionCheck, task.LeadPointId));
        Assert.Equal(fixture.App.Today.AddDays(14), task.Deadline);

        await using (var desk = await fixture.NewContextAsync(1366))
        {
            var page = await desk.NewPageAsync();
            await fixture.SignInAsync(page, "demo-commune");
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections");
            await Assertions.Expect(page.Locator($"a.insp-row[href='/Planning/Inspections/{inspectionId}']")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_1366_01-list");
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await page.Locator($"a.insp-row[href='/Planning/Inspections/{inspectionId}']").ClickAsync();
            await Assertions.Expect(page.Locator(".insp-task-link")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_1366_02-inspection");
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections/New");
            await BrowserApp.ShotAsync(page, "inspections-demo-commune_1366_03-new");
            await BrowserApp.AssertNoEnumNamesAsync(page);
        }
        // The point reads its own inspection on its phone, without the office's buttons.
        await using (var phone = await fixture.NewContextAsync(360))
        {
            var page = await phone.NewPageAsync();
            await fixture.SignInAsync(page, "demo-point");
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections");
            await Assertions.Expect(page.Locator(".insp-new")).ToHaveCountAsync(0);
            await BrowserApp.ShotAsync(page, "inspections-demo-point_360_01-list");
            await BrowserApp.AssertFitsAsync(page);
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections/{inspectionId}");
            await Assertions.Expect(page.Locator(".insp-task-link")).ToBeVisibleAsync();
            await BrowserApp.ShotAsync(page, "inspections-demo-point_360_02-inspection");
            await BrowserApp.AssertFitsAsync(page);
            // A point reads; the new inspection's form is refused (the sign-in's "access denied" page).
            await page.GotoAsync($"{fixture.BaseUrl}/Planning/Inspections/New");
            await Assertions.Expect(page.Locator("#insp-form")).ToHaveCountAsync(0);
        }
    }
}
