using Bookpost.Web.Features.Network.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

/// Browses the administrative tree as of a date: districts of the province, then the communes of one district.
public sealed class UnitsModel(ListAdminUnits list, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Parent { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Day { get; private set; }
    public AdminUnit? ParentUnit { get; private set; }
    public IReadOnlyList<AdminUnitDto> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = AsOf ?? clock.Today();
        var province = Seed.ReferenceDataSeeder.ProvinceCode;
        var parent = string.IsNullOrWhiteSpace(Parent) ? province : Parent.Trim();
        ParentUnit = parent == province ? null : await db.AdminUnits.Where(AdminUnit.ValidOn(Day))
            .FirstOrDefaultAsync(u => u.Code == parent, ct);
        var items = new List<AdminUnitDto>();
        for (var page = 1; ; page++)
        {
            var result = await list.HandleAsync(new ListAdminUnitsQuery(Parent: parent, AsOf: Day, Page: page,
                PageSize: PageRequest.MaxSize), ct);
            items.AddRange(result.Value!.Items);
            if (page >= result.Value.PageCount) break;
        }
        Units = items;
    }
}
