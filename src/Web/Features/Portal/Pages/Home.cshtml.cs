using Bookpost.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Bookpost.Web.Features.Portal.Pages;

/// The public home ("/" for a visitor who is not signed in): find a point by name or nearby, and the province's figures.
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class HomeModel : PageModel
{
    public void OnGet()
    {
    }
}
