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
    public List<AdminUnit> Communes { get; private set; } = [];
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
        // The area filter lists the districts of their last day (30/06/2025): the two-tier map has none, history needs them.
        var vi = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);
        Districts = (await db.AdminUnits.Where(AdminUnit.ValidOn(AdminUnit.LastThreeTierDay)).Where(u => u.Level == AdminLevel.District)
            .ToListAsync(ct)).OrderBy(u => u.Name, vi).ToList();
        if (!scope.IsProvinceWide && scope.Area == AreaLevel.District) Districts = Districts.Where(d => d.Code == scope.AreaCode).ToList();
        Communes = scope.Area == AreaLevel.PointOnly ? []
            : (await db.CommunesOpenTo(scope, today).ToListAsync(ct)).OrderBy(u => u.Name, vi).ToList();
        FilterQuery = string.Join("&", new[]
        {
            Query.Q is { Length: > 0 } q ? $"q={Uri.EscapeDataString(q)}" : null,
            Query.District is { Length: > 0 } d ? $"district={Uri.EscapeDataString(d)}" : null,
            Query.Commune is { Length: > 0 } c ? $"commune={Uri.EscapeDataString(c)}" : null,
            Query.NeedsReview is { } r ? $"needsReview={(r ? "true" : "false")}" : null,
            Query.Kind is { } k ? $"kind={k}" : null,
            Query.Status is { } s ? $"status={s}" : null,
        }.Where(x => x is not null));
    }
}
