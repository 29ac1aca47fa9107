using Bookpost.Web.Features.Home;
using Bookpost.Web.Features.Network;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features;

/// The home page of each role: today's to-dos, each with its count, its first few rows and the page where it is done,
/// and (except for a point, which has one) the network's counts. The queries live in Features/Home, one class per role.
public sealed class IndexModel(AppDbContext db, TimeProvider clock, Text text, IServiceProvider services, IScopeHeader header)
    : PageModel
{
    public IReadOnlyList<HomeFigure> Figures { get; private set; } = [];
    public IReadOnlyList<Todo> Todos { get; private set; } = [];
    public string ScopeText { get; private set; } = "";
    public AppRole Role { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        Role = scope.Role;
        var today = clock.Today();
        if (scope.Role != AppRole.Point) Figures = await services.GetRequiredService<HomeFigures>().HandleAsync(scope, ct);
        Todos = await HomeModule.For(services, scope.Role).ListAsync(scope, ct);
        // A former district is no longer valid today: its name comes from the same place as the header's.
        var area = await header.HeaderAsync(scope, ct) ?? (scope.AreaCode.Length > 0
            ? await db.AdminUnits
                .Where(AdminUnit.ValidOn(today))
                .Where(u => u.Code == scope.AreaCode)
                .Select(u => u.Name)
                .FirstOrDefaultAsync(ct)
            : null);
        var point = scope.PointId is { } id
            ? await db.ServicePoints.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        ScopeText = $"{text.Enum(scope.Kind)}: {point ?? area ?? scope.AreaCode}";
    }
}
