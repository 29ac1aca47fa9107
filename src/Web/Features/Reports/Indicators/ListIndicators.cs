using System.Globalization;

namespace Bookpost.Web.Features.Reports;

public sealed record IndicatorDto(string Code, string Feature, string Name, string Unit, Aggregation Aggregation, string? Breakdown);

/// The indicators every feature publishes, named in the caller's language.
public sealed class ListIndicators(IndicatorService service)
{
    public IReadOnlyList<IndicatorDto> Handle()
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return service.Catalogue
            .Select(i => new IndicatorDto(i.Code, i.Feature, i.Name(english), i.Unit(english), i.Aggregation,
                english ? i.BreakdownEn : i.BreakdownVi))
            .ToList();
    }
}
