using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Browser;
using Bookpost.Web.Tests.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bookpost.Web.Tests.Features.Planning;

/// The targets of a plan in a browser: the department adds one on a phone and reads the table at a desk; a district
/// officer reads the issued plan's targets on a phone, without the forms.
public sealed class TargetsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task DepartmentAddsOnAPhone_DistrictReadsTheIssuedPlan()
    {
        Assert.SkipWhen(fixture.Browser is null, "Chromium is not installed.");
        var app = fixture.App;
        var today = app.Today;
        var (year, _) = ReportingPeriods.Containing(PeriodKind.Year, today, false, 14);
        var point = app.AddPointSince("16378", new DateOnly(2001, 3, 1), "Điểm Bưu điện - Văn hóa xã Thử nghiệm chỉ tiêu");
        app.Visits(point.Id, ReportingPeriods.Resolve(PeriodKind.Year, year, 1, false, 14).From, 120);
        app.Visits(point.Id, new DateOnly(year - 1, 6, 1), 900);
        var plan = app.WithDb(db =>
        {
            var p = new Plan
            {
                Kind = PlanKind.Plan, Title = "Kế hoạch duy trì bền vững hiệu quả Dự án BMGF-VN (thử)", FromYear = year - 1, ToYear = year + 1,
                AreaCode = db.AdminUnits.Where(u => u.Level == AdminLevel.Province).Select(u => u.Code).First(),
                DraftingOrganizationId = db.Organizations.Where(o => o.Code == "STTTT").Select(o => o.Id).First(),
                Status = PlanStatus.Draft, CreatedAt = app.UtcNow, CreatedBy = "test", UpdatedAt = app.UtcNow,
            };
            db.Plans.Add(p);
            db.SaveChanges();
            foreach (var (code, y, value, direction) in new[]
                     {
                         ("circulation.visits", year - 1, 1000m, TargetDirection.AtLeast),
                         ("circulation.visits", year, 100_000m, TargetDirection.AtLeast),
                         ("circulation.visits", year + 1, 5000m, TargetDirection.AtLeast),
                         ("access.computers_working_pct", year, 90m, TargetDirection.AtLeast),
                         ("point.days_closed", year, 10m, TargetDirection.AtMost),
                     })
                db.PlanTargets.Add(new PlanTarget
                {
                    PlanId = p.Id, IndicatorCode = code, PointId = point.Id, PeriodKind = PeriodKind.Year, Year = y, Number = 1,
                    Value = value, Direction = direction, CreatedAt = app.UtcNow, CreatedBy = "test",
                    Note = code == "circulation.visits" && y == year ? "Theo Kết luận hội nghị ngày 20/9/2017" : null,
                });
            db.SaveChanges();
            return p.Id;
        });
        var url = $"{fixture.BaseUrl}/Planning/Plans/{plan}/Targets";

        await using (var phone = await fixture.NewContextAsync(360))
        {
            var page = await phone.NewPageAsync();
            await fixture.SignInAsync(page, "demo-monitor");
            await page.GotoAsync(url);
            await BrowserApp.ShotAsync(page, "targets-demo-monitor_360_01-table");
            await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
            await Assertions.Expect(page.Locator(".plan-targets-table tbody tr")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator(".plan-targets-table")).ToContainTextAsync("Chậm tiến độ");
            await page.Locator(".plan-targets-add > summary").ClickAsync();
            await page.Locator("#t-indicator").SelectOptionAsync("circulation.loans");
            await page.Locator("#t-unit").FillAsync(point.Code);
            await page.Locator("#t-year").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#t-value").FillAsync("1.500");
            await BrowserApp.ShotAsync(page, "targets-demo-monitor_360_02-form");
            await BrowserApp.AssertFitsAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Thêm chỉ tiêu" }).ClickAsync();
            await Assertions.Expect(page.Locator(".plan-targets-table tbody tr")).ToHaveCountAsync(6);
            // A mistake comes back under its field, with what was typed.
            await page.Locator(".plan-targets-add > summary").ClickAsync();
            await page.Locator("#t-indicator").SelectOptionAsync("circulation.loans");
            await page.Locator("#t-unit").FillAsync(point.Code);
            await page.Locator("#t-year").FillAsync("9999");
            await page.Locator("#t-value").FillAsync("10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Thêm chỉ tiêu" }).ClickAsync();
            await Assertions.Expect(page.Locator("#t-year + .form-text + .invalid-feedback, #t-year ~ .invalid-feedback"))
                .ToContainTextAsync("ngoài thời gian của kế hoạch");
            await BrowserApp.ShotAsync(page, "targets-demo-monitor_360_03-refused");
            await BrowserApp.AssertFitsAsync(page);
        }
        await using (var desk = await fixture.NewContextAsync(1366))
        {
            var page = await desk.NewPageAsync();
            await fixture.SignInAsync(page, "demo-monitor");
            await page.GotoAsync(url);
            await BrowserApp.ShotAsync(page, "targets-demo-monitor_1366_01-table");
            await BrowserApp.AssertNoEnumNamesAsync(page);
        }
        // Issued: with its issuing document's number, which is what makes it public to its area.
        app.WithDb(db => db.Plans.Where(p => p.Id == plan)
            .ExecuteUpdate(s => s.SetProperty(p => p.Status, PlanStatus.Issued).SetProperty(p => p.IssuedNumber, $"{plan}/KH-UBND")));
        foreach (var width in new[] { 360, 1366 })
        {
            await using var context = await fixture.NewContextAsync(width);
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, "demo-district");
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator(".plan-targets-table tbody tr")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator(".plan-targets-add")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".plan-target-actions")).ToHaveCountAsync(0);
            await BrowserApp.ShotAsync(page, $"targets-demo-district_{width}_01-issued");
            if (width == 360) await BrowserApp.AssertFitsAsync(page);
            await BrowserApp.AssertNoEnumNamesAsync(page);
        }
    }
}
