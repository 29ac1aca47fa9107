using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Figures;

/// The figures part: the return-only indicators and the accepted returns Reports reads through IReportedFigures.
public static class FiguresModule
{
    public static IServiceCollection AddFigures(this IServiceCollection services)
    {
        services.AddScoped<IIndicatorSource, ReturnIndicators>();
        services.AddScoped<IReportedFigures, ReportedFigures>();
        return services;
    }
}
