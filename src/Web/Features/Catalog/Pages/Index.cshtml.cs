using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Catalog.Pages;

[ReadsFromReplica]
public sealed class IndexModel(SearchTitles search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public TitleSearchQuery Query { get; set; } = new();

    public PagedList<TitleSummaryDto>? Result { get; private set; }
    public List<string> Errors { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public string FilterQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanWrite = UserScope.FromPrincipal(User)!.Is(SaveTitle.Writers);
        var result = await search.HandleAsync(Query with { PageSize = Query.PageSize ?? 20 }, ct);
        if (result.IsOk) Result = result.Value;
        else Errors = result.Errors.SelectMany(e => e.Value).ToList();
        FilterQuery = string.Join("&", Request.Query
            .Where(q => q.Key != "page")
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));
    }
}
