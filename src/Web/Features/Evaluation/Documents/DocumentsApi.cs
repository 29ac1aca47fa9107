namespace Bookpost.Web.Features.Evaluation.Documents;

/// The Documents part's services and endpoints (under /api/v1/reports).
public static class DocumentsApi
{
    public static IServiceCollection AddDocuments(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder reports) => reports;
}
