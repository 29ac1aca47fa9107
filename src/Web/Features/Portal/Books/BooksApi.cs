using Microsoft.AspNetCore.Http.HttpResults;

namespace Bookpost.Web.Features.Portal.Books;

/// A page of a point's titles for the public: the same rows as the page /diem/{code}/sach, nothing about readers or loans.
public sealed record PublicShelfDto(IReadOnlyList<ShelfTitle> Items, int Total, int NewThisMonth, int Page, int PageSize);

public static class BooksApi
{
    /// The public pages show this many titles a page; the API's default too.
    public const int PageSize = 30;

    public static RouteGroupBuilder MapBooks(this RouteGroupBuilder g)
    {
        g.MapGet("/points/{code}/titles", ListAsync)
            .WithName("ListPublicPointTitles")
            .WithSummary("Sách đang có ở một điểm, sách mới về trước; q tìm không dấu trong sách của điểm"
                + " / The titles at a point now, new arrivals first");
        return g;
    }

    private static async Task<Results<Ok<PublicShelfDto>, ValidationProblem, ProblemHttpResult>> ListAsync(string code, string? q,
        int? page, int? pageSize, AppDbContext db, PointShelf shelf, Text text, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var paging = Paging.Validate(page, pageSize ?? PageSize, errors, text);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (await PublicPoints.FindAsync(db, code, ct) is not { } point)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
        var found = await shelf.ListAsync(point.Id, q, paging.Page, paging.PageSize, ct);
        return TypedResults.Ok(new PublicShelfDto(found.Titles, found.Total, found.NewThisMonth, found.Page, found.PageSize));
    }
}
