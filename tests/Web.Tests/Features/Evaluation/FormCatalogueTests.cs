using Microsoft.Extensions.DependencyInjection;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// Every field of every return form is an indicator of the catalogue (and a breakdown it has), so a return is the
/// point's figures for a period and reports can put it over what was recorded.
public sealed class FormCatalogueTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task EveryFormField_IsAnIndicator_WithItsBreakdown()
    {
        var catalogue = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IndicatorService>().Catalogue));
        var byCode = catalogue.ToDictionary(i => i.Code);
        var enums = typeof(Bookpost.Web.Data.AppDbContext).Assembly.GetTypes().Where(t => t.IsEnum)
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var form in ReturnForms.All)
            foreach (var field in form.Fields)
            {
                Assert.True(byCode.TryGetValue(field.Code, out var indicator), $"{form.Code}: {field.Code} is not in the catalogue");
                if (field.Breakdown is null) continue;
                Assert.True(indicator.BreakdownEnum is not null, $"{field.Key}: the indicator has no breakdown");
                Assert.Contains(field.Breakdown, Enum.GetNames(enums[indicator.BreakdownEnum!]));
            }
        // Codes are unique in the catalogue, and every ratio is made of indicators in it.
        Assert.Equal(catalogue.Count, byCode.Count);
        foreach (var i in catalogue.Where(i => i.Of is not null))
        {
            Assert.Contains(i.Of!.Part, byCode.Keys);
            Assert.Contains(i.Of.Whole, byCode.Keys);
        }
    }

    [Theory]
    [InlineData("7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)", 8, 6)]
    [InlineData("7h30–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)", 7.5, 6)]
    [InlineData("8:00-17:00, T2-CN", 9, 7)]
    [InlineData("7 giờ 00 – 11 giờ 00 hằng ngày", 4, 7)]
    [InlineData("Sáng 7h-11h, chiều 14h-17h, thứ hai - thứ sáu", 7, 5)]
    [InlineData("", 8, 6)]
    [InlineData("theo giờ hành chính", 8, 6)]
    [InlineData("25h-99h", 8, 6)]
    public void OpeningSchedule_ReadsHoursAndDays(string text, decimal hours, int days)
    {
        var schedule = OpeningSchedule.Read(text);
        Assert.Equal(hours, schedule.HoursPerDay);
        Assert.Equal(days, schedule.Days.Count);
    }
}
