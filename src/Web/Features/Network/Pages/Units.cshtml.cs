using Bookpost.Web.Features.Network.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

/// Browses the administrative tree of a map day (today by default). On the two-tier map (from 01/07/2025) the communes
/// stand directly under the province; on an earlier day districts come first, then a district's communes. With more than
/// one province loaded (a national deployment) the list starts with the provinces of that day.
public sealed class UnitsModel(ListAdminUnits list, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Parent { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day { get; private set; }
    public DateOnly Today { get; private set; }
    public bool TwoTier => Day >= AdminUnit.TwoTierSince;
    public bool BadDay { get; private set; }
    public bool ManyProvinces { get; private set; }
    public IReadOnlyList<AdminUnit> Trail { get; private set; } = [];
    public IReadOnlyList<AdminUnitDto> Units { get; private set; } = [];
    public string DayQuery => Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An unreadable date leaves AsOf empty: say so and show today rather than pretend it was read.
        BadDay = ModelState.TryGetValue(nameof(AsOf), out var entry) && entry.Errors.Count > 0;
        Today = clock.Today();
        Day = AsOf ?? Today;
        var onDay = db.AdminUnits.Where(AdminUnit.ValidOn(Day));
        var provinces = await onDay.Where(u => u.Level == AdminLevel.Province).Select(u => u.Code).ToListAsync(ct);
        ManyProvinces = provinces.Count > 1;
        var parent = string.IsNullOrWhiteSpace(Parent) ? provinces.Count == 1 ? provinces[0] : null : Parent.Trim();

        // The breadcrumb: the parent and its own parent on the same day.
        var trail = new List<AdminUnit>();
        for (var code = parent; code is not null && trail.Count < 3;)
        {
            var unit = await onDay.FirstOrDefaultAsync(u => u.Code == code, ct);
            if (unit is null) break;
            trail.Insert(0, unit);
            code = unit.ParentCode;
        }
        Trail = trail;

        var items = new List<AdminUnitDto>();
        for (var page = 1; ; page++)
        {
            var query = parent is null
                ? new ListAdminUnitsQuery(Level: AdminLevel.Province, AsOf: Day, Page: page, PageSize: PageRequest.MaxSize)
                : new ListAdminUnitsQuery(Parent: parent, AsOf: Day, Page: page, PageSize: PageRequest.MaxSize);
            var result = await list.HandleAsync(query, ct);
            items.AddRange(result.Value!.Items);
            if (page >= result.Value.PageCount) break;
        }
        Units = items;
    }
}
