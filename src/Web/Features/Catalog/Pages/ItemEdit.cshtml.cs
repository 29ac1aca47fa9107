using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Catalog.Pages;

[Authorize(Roles = SaveTitle.WriterRoles)]
public sealed class ItemEditModel(GetItem get, SaveItem save, AppDbContext db, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TitleId { get; set; }

    [BindProperty]
    public ItemInput Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    public string? Message { get; private set; }
    public string? TitleName { get; private set; }
    public List<SelectListItem> Libraries { get; private set; } = [];
    public List<SelectListItem> Statuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (Id is { } id)
        {
            var result = await get.HandleAsync(id, scope, ct);
            if (!result.IsOk) return NotFound();
            var i = result.Value!;
            Input = new ItemInput
            {
                Barcode = i.Barcode, TitleId = i.TitleId, OwnerId = i.OwnerId, LocationId = i.LocationId, Status = i.Status,
                CallNumber = i.CallNumber, AcquiredOn = i.AcquiredOn, Price = i.Price, Note = i.Note,
            };
            Version = i.Version;
        }
        else
        {
            Input = new ItemInput
            {
                TitleId = TitleId, OwnerId = scope.Role == AppRole.Library ? scope.PointId : null, Status = ItemStatus.Available,
            };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (ModelState.IsValid)
        {
            var existing = Id is { } id ? await get.HandleAsync(id, UserScope.FromPrincipal(User)!, ct) : null;
            var input = Input with { LocationId = existing?.Value?.LocationId };
            var result = await save.HandleAsync(Id, Version, input, UserScope.FromPrincipal(User)!, ct);
            if (result.IsOk) return Redirect($"/Catalog/Titles/{result.Value!.TitleId}");
            if (result.Failure == FailureKind.NotFound) return NotFound();
            if (result.Failure == FailureKind.Invalid) PageErrors.AddTo(ModelState, result.Errors);
            else Message = result.Message;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        TitleName = await db.Titles.Where(t => t.Id == Input.TitleId).Select(t => t.TitleProper).FirstOrDefaultAsync(ct);
        Libraries = await db.ServicePoints
            .Where(p => p.Kind == Network.ServicePointKind.ProvincialLibrary || p.Kind == Network.ServicePointKind.DistrictLibrary
                || p.Kind == Network.ServicePointKind.CommuneLibrary)
            .OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync(ct);
        Statuses = Enum.GetValues<ItemStatus>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
    }
}
