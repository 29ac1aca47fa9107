using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Planning.Plans;

/// GET /api/v1/plans/{id}/file?format=docx|pdf: the plan as the official document, for those who may see the plan.
public static class PlanFiles
{
    public static async Task<IResult> GetAsync(int id, string? format, UserScope scope, PlanDocument documents, Text text,
        CancellationToken ct)
    {
        var kind = format?.Trim().ToLowerInvariant();
        if (kind is not ("docx" or "pdf"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [text["Plans.FileFormat"]] });
        if (await documents.BuildAsync(id, scope, ct) is not { } built)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
        return kind == "docx"
            ? TypedResults.File(Render.Docx(built.Document),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", built.FileName + ".docx")
            : TypedResults.File(Render.Pdf(built.Document), "application/pdf", built.FileName + ".pdf");
    }

    /// The writers of official documents (Infrastructure/Documents).
    public static class Render
    {
        public static byte[] Docx(OfficialDocument d) => OfficialDocx.Write(d);
        public static byte[] Pdf(OfficialDocument d) => OfficialPdf.Write(d);
    }
}
