using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Users.Pages;

public sealed class UsersModel(AppDbContext db) : PageModel
{
    public List<AppUser> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await db.Users.OrderBy(u => u.UserName).ToListAsync(ct);
}
