using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Books;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// The books at a point now (/diem/{code}/sach): new arrivals first, searchable among the point's own titles.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class BooksModel(AppDbContext db, PointShelf shelf) : PageModel
{
    /// Longer text is cut here: no title's words run that long, and the search stays cheap.
    public const int MaxQuery = 200;

    public PublicPoint? Point { get; private set; }
    public Shelf Shelf { get; private set; } = new(0, 0, [], 1, BooksApi.PageSize);
    public string Q { get; private set; } = "";

    /// Text was typed but holds no word to search (only punctuation or symbols): the whole shelf is shown with a note.
    public bool NothingToSearch { get; private set; }

    public bool CanHold => Point is { Status: ServicePointStatus.Active };

    public int PageCount => Math.Max(1, (Shelf.Total + Shelf.PageSize - 1) / Shelf.PageSize);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        Point = await PublicPoints.FindAsync(db, code, ct);
        if (Point is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var q = (string?)Request.Query["q"] ?? "";
        // Cut before a lone half of a surrogate pair, which could not be written back into the pager's links.
        Q = q.Length <= MaxQuery ? q : q[..(char.IsHighSurrogate(q[MaxQuery - 1]) ? MaxQuery - 1 : MaxQuery)];
        var terms = SearchText.Terms(Q);
        NothingToSearch = terms.Count == 0 && !string.IsNullOrWhiteSpace(Q);
        var search = terms.Count == 0 ? null : Q;
        // Read by hand: "page" is also the route value naming the Razor page. Anything not a page number is the first
        // page; a page past the end shows the last one.
        var page = int.TryParse(Request.Query["page"], out var n) && n > 1 ? n : 1;
        Shelf = await shelf.ListAsync(Point.Id, search, page, BooksApi.PageSize, ct);
        if (Shelf.Titles.Count == 0 && Shelf.Total > 0)
            Shelf = await shelf.ListAsync(Point.Id, search, PageCount, BooksApi.PageSize, ct);
        return Page();
    }

    /// The address of another page of this list, keeping the search.
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (Q.Length > 0) query.Add("q=" + Uri.EscapeDataString(Q));
        if (page > 1) query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Point!.Path + "/sach" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
