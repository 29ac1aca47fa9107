using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Users.Pages;

/// Only administrators reach this page (the attribute, and the /Users folder convention); SaveUser relies on it.
[Authorize(Roles = nameof(AppRole.Admin))]
public sealed class UserEditModel(SaveUser save, UserManager<AppUser> users, AppDbContext db, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public UserInput Input { get; set; } = new() { Role = AppRole.Point, ScopeKind = ScopeKind.Point };

    public string? Message { get; private set; }
    public bool Unlocked { get; private set; }
    public List<SelectListItem> RoleOptions { get; private set; } = [];
    public List<SelectListItem> ScopeOptions { get; private set; } = [];
    public List<SelectListItem> PointOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            var user = await users.FindByIdAsync(Id);
            if (user is null) return NotFound();
            Input = new UserInput
            {
                UserName = user.UserName, FullName = user.FullName, Role = user.Role, ScopeKind = user.ScopeKind,
                AreaCode = user.ScopeAreaCode, PointId = user.ScopePointId, IsDisabled = user.IsDisabled,
            };
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await save.HandleAsync(Id, Input, UserScope.FromPrincipal(User)!, ct);
        if (result.IsOk) return Redirect("/Users");
        if (result.Failure == FailureKind.NotFound) return NotFound();
        if (result.Failure == FailureKind.Invalid) PageErrors.AddTo(ModelState, result.Errors);
        else Message = result.Message;
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        var user = Id is null ? null : await users.FindByIdAsync(Id);
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Unlocked = true;
        return await OnGetAsync(ct);
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RoleOptions = Enum.GetValues<AppRole>().Select(r => new SelectListItem(text.Enum(r), r.ToString())).ToList();
        ScopeOptions = Enum.GetValues<ScopeKind>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
        var points = await db.ServicePoints.OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        PointOptions = [new SelectListItem("—", "")];
        PointOptions.AddRange(points.Select(p => new SelectListItem($"{p.Code} – {p.Name}",
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
