using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Inspections;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The inspections of the user's points, newest first, as cards a phone shows one under another: the point, the day, who
/// inspected, how many items passed and failed. Filtered by point and days; the offices start a new one from here.
public sealed class InspectionsModel(InspectionReads reads, PointOptions pointOptions, AppDbContext db, TimeProvider clock) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int? Point { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedList<InspectionRow>? Rows { get; private set; }
    public IReadOnlyList<PointChoiceGroup> Points { get; private set; } = [];
    public bool Inspects => InspectionScope.Inspects(Scope);
    public override string Back => "/Planning/Inspections";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var readable = InspectionScope.ReadablePoints(db, Scope, clock.Today()).Select(p => p.Id);
        Points = await pointOptions.ListAsync(Scope, p => readable.Contains(p.Id), ct);
        var query = new InspectionQuery(Point?.ToString(System.Globalization.CultureInfo.InvariantCulture), From, To, PageNumber, 25);
        var result = await reads.ListAsync(query, Scope, ct);
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Rows = result.Value;
        return Page();
    }

    public string PageHref(int page) =>
        $"/Planning/Inspections?Point={Point}&From={From:yyyy-MM-dd}&To={To:yyyy-MM-dd}&p={page}";
}
