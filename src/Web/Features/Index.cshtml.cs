using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features;

public sealed class IndexModel(AppDbContext db, TimeProvider clock, Text text) : PageModel
{
    public int Points { get; private set; }
    public int Active { get; private set; }
    public int Libraries { get; private set; }
    public int WithComputers { get; private set; }
    public string ScopeText { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        var today = clock.Today();
        var points = db.ServicePoints.VisibleTo(db, scope, today);
        var counts = await points.GroupBy(_ => 1).Select(g => new
        {
            All = g.Count(),
            Active = g.Count(p => p.Status == ServicePointStatus.Active),
            Libraries = g.Count(p => p.Kind != ServicePointKind.PostCulturePoint && p.Kind != ServicePointKind.ReadingRoom),
            Computers = g.Count(p => p.HasComputers),
        }).FirstOrDefaultAsync(ct);
        (Points, Active, Libraries, WithComputers) =
            (counts?.All ?? 0, counts?.Active ?? 0, counts?.Libraries ?? 0, counts?.Computers ?? 0);
        var area = scope.AreaCode.Length > 0
            ? await db.AdminUnits
                .Where(AdminUnit.ValidOn(today))
                .Where(u => u.Code == scope.AreaCode)
                .Select(u => u.Name)
                .FirstOrDefaultAsync(ct)
            : null;
        var point = scope.PointId is { } id
            ? await db.ServicePoints.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        ScopeText = $"{text.Enum(scope.Kind)}: {point ?? area ?? scope.AreaCode}";
    }
}
