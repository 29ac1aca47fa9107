using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

public sealed class PointsModel(ListPoints list, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListPointsQuery Query { get; set; } = new();

    public PagedList<PointDto>? Result { get; private set; }
    public List<AdminUnit> Districts { get; private set; } = [];
    public List<string> Errors { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public string FilterQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        CanWrite = scope.Is(CreatePoint.Writers);
        var result = await list.HandleAsync(Query, scope, ct);
        if (result.IsOk) Result = result.Value;
        else Errors = result.Errors.SelectMany(e => e.Value).ToList();
        var today = clock.Today();
        Districts = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.District).OrderBy(u => u.Name)
            .ToListAsync(ct);
        if (!scope.IsProvinceWide && scope.Area == AreaLevel.District) Districts = Districts.Where(d => d.Code == scope.AreaCode).ToList();
        FilterQuery = string.Join("&", new[]
        {
            Query.Q is { Length: > 0 } q ? $"q={Uri.EscapeDataString(q)}" : null,
            Query.District is { Length: > 0 } d ? $"district={Uri.EscapeDataString(d)}" : null,
            Query.Kind is { } k ? $"kind={k}" : null,
            Query.Status is { } s ? $"status={s}" : null,
        }.Where(x => x is not null));
    }
}
