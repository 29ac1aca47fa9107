using Bookpost.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Audit.Pages;

/// The audit in words: who did what to which thing and when, the changed fields as "label: before → after", filters
/// by person, kind of thing, thing and days; the raw record behind a toggle for Admin only.
[Authorize(Policy = "AuditReaders")]
public sealed class IndexModel(BrowseAudit browse, AppDbContext db, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditQuery Query { get; set; } = new();

    public PagedList<AuditEntryDto>? Result { get; private set; }
    public IReadOnlyList<AuditLine> Lines { get; private set; } = [];
    public List<string> Errors { get; private set; } = [];
    public string FilterQuery { get; private set; } = "";

    /// The people who wrote something, and the kinds of things written, for the filters' choices.
    public IReadOnlyList<string> People { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> Kinds { get; private set; } = [];

    /// The raw record is shown to Admin only; Monitor reads the words (masked the same way).
    public bool ShowsRaw { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The same rule as the API: personal values masked for everyone but Admin (BrowseAudit masks before any words).
        var scope = UserScope.FromPrincipal(User);
        if (scope is null) return Forbid();
        ShowsRaw = scope.Role == AppRole.Admin;
        var words = new AuditWords(db, text);
        People = await db.AuditEntries.Select(e => e.UserName).Distinct().OrderBy(n => n).ToListAsync(ct);
        Kinds = (await db.AuditEntries.Select(e => e.EntityType).Distinct().ToListAsync(ct))
            .Select(k => (k, words.Kind(k))).OrderBy(k => k.Item2, StringComparer.Create(new System.Globalization.CultureInfo("vi"), false))
            .ToList();

        // A day that is not a date (from=abc) must not be dropped silently: the list would then be unfiltered.
        // "page" is also Razor Pages' route value (the page's path), which model binding reads first: the number is read
        // from the query string itself, or the pager never moved.
        var pageText = Request.Query["page"].ToString();
        if (pageText.Length == 0) Query = Query with { Page = null };
        else if (int.TryParse(pageText, System.Globalization.CultureInfo.InvariantCulture, out var number))
            Query = Query with { Page = number };
        else Errors.Add(text.Format("Audit.BadValue", text["Common.Pages"]));
        foreach (var (key, label) in new[] { ("from", "Audit.From"), ("to", "Audit.To") })
            if (ModelState.TryGetValue(key, out var state) && state.Errors.Count > 0
                || ModelState.TryGetValue($"Query.{key}", out state) && state.Errors.Count > 0)
                Errors.Add(text.Format("Audit.BadValue", text[label]));
        if (Errors.Count == 0)
        {
            var result = await browse.HandleAsync(Query, scope, ct);
            if (result.IsOk)
            {
                Result = result.Value;
                Lines = await words.DescribeAsync(Result!.Items, ct);
            }
            else Errors = result.Errors.SelectMany(e => e.Value).ToList();
        }
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        FilterQuery = string.Join("&", new[]
        {
            Query.EntityType is { Length: > 0 } t ? $"entityType={Uri.EscapeDataString(t)}" : null,
            Query.EntityId is { Length: > 0 } i ? $"entityId={Uri.EscapeDataString(i)}" : null,
            Query.User is { Length: > 0 } u ? $"user={Uri.EscapeDataString(u)}" : null,
            Query.From is { } f ? $"from={f:yyyy-MM-dd}" : null,
            Query.To is { } to ? $"to={to:yyyy-MM-dd}" : null,
        }.Where(x => x is not null));
        return Page();
    }
}
