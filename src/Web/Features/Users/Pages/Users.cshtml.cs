using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Users.Pages;

public sealed class UsersModel(AppDbContext db, ScopeNames names) : PageModel
{
    public List<AppUser> Users { get; private set; } = [];
    public Dictionary<string, string> AreaNames { get; private set; } = [];
    public Dictionary<int, string> PointNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await db.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        AreaNames = await names.AreaNamesAsync(Users.Select(u => u.ScopeAreaCode), ct);
        var points = Users.Where(u => u.ScopePointId is not null).Select(u => u.ScopePointId!.Value).Distinct().ToList();
        PointNames = await db.ServicePoints.Where(p => points.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }
}
