using Bookpost.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Audit.Pages;

[Authorize(Policy = "AuditReaders")]
public sealed class IndexModel(BrowseAudit browse) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditQuery Query { get; set; } = new();

    public PagedList<AuditEntryDto>? Result { get; private set; }
    public List<string> Errors { get; private set; } = [];
    public string FilterQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The same rule as the API: personal values masked for everyone but Admin (the page renders Before and After).
        var scope = UserScope.FromPrincipal(User);
        if (scope is null) return;
        var result = await browse.HandleAsync(Query, scope, ct);
        if (result.IsOk) Result = result.Value;
        else Errors = result.Errors.SelectMany(e => e.Value).ToList();
        FilterQuery = string.Join("&", new[]
        {
            Query.EntityType is { Length: > 0 } t ? $"entityType={Uri.EscapeDataString(t)}" : null,
            Query.EntityId is { Length: > 0 } i ? $"entityId={Uri.EscapeDataString(i)}" : null,
            Query.User is { Length: > 0 } u ? $"user={Uri.EscapeDataString(u)}" : null,
            Query.From is { } f ? $"from={f:yyyy-MM-dd}" : null,
            Query.To is { } to ? $"to={to:yyyy-MM-dd}" : null,
        }.Where(x => x is not null));
    }
}
