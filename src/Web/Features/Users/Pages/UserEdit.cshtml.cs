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
public sealed class UserEditModel(SaveUser save, UserManager<AppUser> users, AppDbContext db, Text text, TimeProvider clock,
    Network.Points.PointOptions pointOptions)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public UserInput Input { get; set; } = new() { Role = AppRole.Point, ScopeKind = ScopeKind.Point };

    public string? Message { get; private set; }
    public bool Unlocked { get; private set; }
    public List<SelectListItem> RoleOptions { get; private set; } = [];
    public List<SelectListItem> ScopeOptions { get; private set; } = [];
    public IReadOnlyList<Network.Points.PointChoiceGroup> PointGroups { get; private set; } = [];
    public List<SelectListItem> AreaOptions { get; private set; } = [];

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
        PointGroups = await pointOptions.ListAsync(UserScope.FromPrincipal(User)!, null, ct);
        await LoadAreasAsync(ct);
    }

    /// The area picker: the province, the former districts as they were on 30/06/2025 (an area is a former district) and
    /// today's communes. A code no longer in the list (an account made before the reform) stays selectable so that saving
    /// the form shows why it is refused instead of silently dropping it.
    private async Task LoadAreasAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var eve = today < AdminUnit.TwoTierSince ? today : AdminUnit.LastThreeTierDay;
        var provinces = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Province)
            .OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        var districts = await db.AdminUnits.Where(AdminUnit.ValidOn(eve)).Where(u => u.Level == AdminLevel.District)
            .OrderBy(u => u.Name).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune)
            .OrderBy(u => u.Name).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        // The options say what kind of area each is: the field's tag helper draws no option groups.
        string Label(ScopeKind kind, string name, string code) => $"{text.Enum(kind)}: {name} ({code})";
        AreaOptions = [new SelectListItem("—", "")];
        AreaOptions.AddRange(provinces.Select(u => new SelectListItem(Label(ScopeKind.Province, u.Name, u.Code), u.Code)));
        AreaOptions.AddRange(districts.Select(u => new SelectListItem(Label(ScopeKind.District, u.Name, u.Code), u.Code)));
        AreaOptions.AddRange(communes.Select(u => new SelectListItem(Label(ScopeKind.Commune, u.Name, u.Code), u.Code)));
        if (Input.AreaCode is { Length: > 0 } code && AreaOptions.All(o => o.Value != code))
            AreaOptions.Add(new SelectListItem(code, code));
    }
}
