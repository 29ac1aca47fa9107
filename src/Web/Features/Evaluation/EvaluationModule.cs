using Bookpost.Web.Features.Evaluation.Completeness;
using Bookpost.Web.Features.Evaluation.Dashboard;
using Bookpost.Web.Features.Evaluation.Documents;
using Bookpost.Web.Features.Evaluation.Figures;
using Bookpost.Web.Features.Evaluation.History;
using Bookpost.Web.Features.Evaluation.Returns;

namespace Bookpost.Web.Features.Evaluation;

/// The department's own work: the points' periodic returns and their completeness, the programme's history, report
/// documents in the official layout, and the dashboard with charts and the map. Its API lives under /api/v1/reports with
/// the indicators it reads. Each part registers its own services and endpoints.
public static class EvaluationModule
{
    public static IHostApplicationBuilder AddEvaluation(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<EvaluationOptions>().BindConfiguration(EvaluationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddReturns();
        s.AddCompleteness();
        s.AddHistory();
        s.AddDocuments();
        s.AddDashboard();
        s.AddFigures();
        return builder;
    }

    public static RouteGroupBuilder MapEvaluationApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Evaluation");
        reports.MapReturnsApi();
        reports.MapCompletenessApi();
        reports.MapHistoryApi();
        reports.MapDocumentsApi();
        reports.MapDashboardApi();
        return api;
    }
}
