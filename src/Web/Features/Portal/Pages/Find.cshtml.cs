using Bookpost.Web.Features.Portal.Find;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// /tim-diem: find a point by a name typed any way, or near a place (?lat=&amp;lon=, sent by wwwroot/js/near-me.js). A GET
/// form, so the answer is output-cached per query like every public page. Bad coordinates are a message on the page.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class FindModel(PointFinder finder) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "lat")] public string? Lat { get; set; }
    [BindProperty(SupportsGet = true, Name = "lon")] public string? Lon { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PointSearch? Search { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// Whether anything was asked: an empty form shows the prompt, not "nothing found".
    public bool Asked => Search is { } s && (s.Q.Length > 0 || s.Lat is not null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A link cannot show a field error for its page number: out of range is the first page.
        var page = PageNumber is > 0 ? PageNumber : 1;
        var result = await finder.HandleAsync(new FindQuery(Q, Lat, Lon, page, PointFinder.DefaultPageSize), ct);
        if (result.IsOk) Search = result.Value;
        else
        {
            Errors = result.Errors.SelectMany(e => e.Value).ToList();
            // The words still find what they can; only the place is refused.
            var words = await finder.HandleAsync(new FindQuery(Q, null, null, page, PointFinder.DefaultPageSize), ct);
            Search = words.Value;
        }
    }

    /// The address of another page of the same search.
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Search?.Q)) query.Add("q=" + Uri.EscapeDataString(Search.Q));
        if (Search?.Lat is { } lat && Search.Lon is { } lon)
            query.Add(FormattableString.Invariant($"lat={lat:0.######}&lon={lon:0.######}"));
        query.Add("p=" + page);
        return "/tim-diem?" + string.Join("&", query);
    }
}
