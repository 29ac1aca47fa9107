using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bookpost.Web.Features.Circulation.Pages;

public sealed class ReadersModel(ListReaders list, SaveReader save, ReaderPurpose purpose, ReaderViews views, TimeProvider clock,
    Text text) : DeskPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public ReaderInput Input { get; set; } = new();
    public PagedList<ReaderDto> Result { get; private set; } = new([], 0, 1, 50);
    public List<SelectListItem> Categories { get; private set; } = [];
    public List<SelectListItem> Sexes { get; private set; } = [];

    /// The purpose the reader agrees to, in Vietnamese (stored with the registration), and in the page's language.
    public string Purpose => purpose.Current;
    public string PurposeHere => purpose.Format(System.Globalization.CultureInfo.CurrentUICulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Scope.Is(CirculationScope.Desk)) return Forbid();
        Input = new ReaderInput { ConsentOn = clock.Today() };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PageErrors.ReplaceBindingErrors(ModelState, text["Validation.WrongType"]);
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(null, null, Input with { PointId = PointId }, Scope, ct);
            if (result.IsOk)
            {
                TempData["Flash"] = text.Format("Circulation.Registered", result.Value!.FullName, result.Value.CardNumber);
                return Redirect($"/Circulation/Readers/{result.Value.Id}");
            }
            if (result.Failure == Infrastructure.Errors.FailureKind.Invalid) PageErrors.AddTo(ModelState, result.Errors);
            else Error = result.Message;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = (await list.HandleAsync(new ReaderQuery(Q, PageSize: 100, Point: PointId), Scope, ct)).Value ?? Result;
        await views.RecordAsync(Scope, Result.Items.Select(r => (int?)r.Id), ReaderView.List, ct);
        Categories = Enum.GetValues<ReaderCategory>().Select(c => new SelectListItem(text.Enum(c), c.ToString())).ToList();
        Sexes = Enum.GetValues<Sex>().Select(s => new SelectListItem(text.Enum(s), s.ToString())).ToList();
    }
}
