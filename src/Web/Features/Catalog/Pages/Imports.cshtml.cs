using Bookpost.Marc;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Catalog.Pages;

/// Starting an import is the catalogue writers' (SaveTitle.Writers): the page admits them only, as the route does.
[Authorize(Roles = SaveTitle.WriterRoles)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportsModel(StartImport start, ListImports jobs, AppDbContext db, Text text) : PageModel
{
    public const long MaxBytes = CatalogOptions.MaxUploadBytes;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Library { get; set; }

    [BindProperty]
    public MarcEncoding Encoding { get; set; } = MarcEncoding.Auto;

    [BindProperty]
    public ItemSource Items { get; set; } = ItemSource.Holdings952;

    [BindProperty]
    public int Copies { get; set; } = 1;

    public IReadOnlyList<ImportJobDto> Jobs { get; private set; } = [];
    public List<SelectListItem> Libraries { get; private set; } = [];
    public List<SelectListItem> Encodings { get; private set; } = [];
    public List<SelectListItem> ItemSources { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), text["Import.Empty"]);
        else
        {
            await using var stream = Upload.OpenReadStream();
            var request = new StartImportRequest(Upload.FileName, Library, Encoding, Items, Copies);
            var result = await start.HandleAsync(stream, request, scope, enqueue: true, ct);
            if (result.IsOk) return Redirect($"/Catalog/Imports/{result.Value!.Id}");
            if (result.Failure == FailureKind.Invalid)
            {
                foreach (var (field, messages) in result.Errors)
                    foreach (var m in messages)
                    {
                        var key = field switch
                        {
                            "file" => nameof(Upload), "library" => nameof(Library), "copies" => nameof(Copies), _ => "",
                        };
                        ModelState.AddModelError(key, m);
                    }
            }
            else return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        Jobs = (await jobs.HandleAsync(scope, ct)).Items;
        var libraries = db.ServicePoints
            .Where(p => p.Kind == Network.ServicePointKind.ProvincialLibrary || p.Kind == Network.ServicePointKind.DistrictLibrary);
        if (scope.Role == AppRole.Library) libraries = libraries.Where(p => p.Id == scope.PointId);
        Libraries = await libraries
            .OrderBy(p => p.Kind).ThenBy(p => p.Name)
            .Select(p => new SelectListItem(p.Name, p.Code))
            .ToListAsync(ct);
        Encodings = Enum.GetValues<MarcEncoding>()
            .Select(e => new SelectListItem(e == MarcEncoding.Auto ? text["Catalog.EncodingAuto"] : text.Enum(e), e.ToString())).ToList();
        ItemSources = Enum.GetValues<ItemSource>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
    }
}
