using Bookpost.Web.Infrastructure.Pages;
using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Network.Pages;

/// Creates a point (no id) or edits one; the version read travels in the form so a stale save is refused.
public sealed class PointEditModel(GetPoint get, CreatePoint create, UpdatePoint update, AppDbContext db, TimeProvider clock, Text text)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public PointInput Input { get; set; } = new() { Kind = ServicePointKind.PostCulturePoint, Status = ServicePointStatus.Active };

    [BindProperty]
    public long? Version { get; set; }

    public string? Message { get; private set; }
    public List<SelectListItem> KindOptions { get; private set; } = [];
    public List<SelectListItem> StatusOptions { get; private set; } = [];
    public List<SelectListItem> CommuneOptions { get; private set; } = [];
    public List<SelectListItem> OperatorOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        if (Id is { } id)
        {
            var result = await get.HandleAsync(id, scope, ct);
            if (!result.IsOk) return NotFound();
            Input = result.Value!.Point.ToInput();
            Version = result.Value.Point.Version;
        }
        await LoadOptionsAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        var bindingErrors = PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        Result<PointDetailDto>? result = null;
        if (!bindingErrors)
            result = Id is { } id
                ? await update.HandleAsync(id, Version, Input, scope, ct)
                : await create.HandleAsync(Input, scope, ct);
        if (result is { IsOk: true }) return Redirect($"/Network/Points/{result.Value!.Point.Id}");
        if (result is not null)
        {
            switch (result.Failure)
            {
                case FailureKind.NotFound: return NotFound();
                case FailureKind.Invalid: PageErrors.AddTo(ModelState, result.Errors); break;
                default: Message = result.Message; break;
            }
        }
        await LoadOptionsAsync(scope, ct);
        return Page();
    }

    private async Task LoadOptionsAsync(UserScope scope, CancellationToken ct)
    {
        KindOptions = Enum.GetValues<ServicePointKind>().Select(k => new SelectListItem(text.Enum(k), k.ToString())).ToList();
        StatusOptions = Enum.GetValues<ServicePointStatus>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
        var today = clock.Today();
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        var communes = db.CommunesOpenTo(scope, today);
        var list = await communes.Select(c => new
        {
            c.Code,
            c.Name,
            Parent = units.Where(d => d.Code == c.ParentCode && d.Level == AdminLevel.District).Select(d => d.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        CommuneOptions = [new SelectListItem(text["Common.Choose"], "")];
        CommuneOptions.AddRange(list.OrderBy(c => c.Parent).ThenBy(c => c.Name, StringComparer.Create(
                System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))
            .Select(c => new SelectListItem(c.Parent is null ? c.Name : $"{c.Name} – {c.Parent}", c.Code)));
        OperatorOptions = [new SelectListItem("—", "")];
        OperatorOptions.AddRange(await db.Organizations.Where(o => o.ValidTo == null || o.ValidTo > today).OrderBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToListAsync(ct));
    }
}
