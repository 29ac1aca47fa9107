using Bookpost.Web.Features.Network.Points;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bookpost.Web.Features.Network.Pages;

/// Points the system placed by a rule that may be wrong (a divided commune): a point writer confirms each one or moves
/// it to the right commune, within the writer's own scope.
public sealed class PointReviewModel(ListPointReview list, ConfirmPointCommune confirm, MovePoint move, AppDbContext db,
    TimeProvider clock, Text text) : PageModel
{
    public PagedList<PointReviewDto>? Result { get; private set; }
    public List<AdminUnit> Communes { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, long? version, CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        var result = await confirm.HandleAsync(id, version, scope, ct);
        if (result.Failure == FailureKind.NotFound) return NotFound();
        Show(result, () => text.Format("Points.Review.Confirmed", result.Value!.Point.Name));
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, long? version, string? communeCode, DateOnly? movedOn, string? note,
        CancellationToken ct)
    {
        var scope = UserScope.FromPrincipal(User)!;
        if (!scope.Is(CreatePoint.Writers)) return Forbid();
        if (!ModelState.IsValid) Errors.Add(text["Validation.WrongType"]);
        else
        {
            var result = await move.HandleAsync(id, version, new MovePointInput(communeCode, movedOn, note), scope, ct);
            if (result.Failure == FailureKind.NotFound) return NotFound();
            Show(result, () => text.Format("Points.Review.Moved", result.Value!.Point.Name, result.Value.Point.CommuneName ?? ""));
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    private void Show(Result<PointDetailDto> result, Func<string> done)
    {
        if (result.IsOk) Message = done();
        else if (result.Errors is { } errors) Errors = errors.SelectMany(e => e.Value).ToList();
        else Errors = [result.Message ?? ""];
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        // Read by hand: "page" is also the route value naming the Razor page.
        int? number = int.TryParse(Request.Query["page"], out var n) ? n : null;
        var result = await list.HandleAsync(number, null, scope, ct);
        if (result.IsOk) Result = result.Value;
        else Errors.AddRange(result.Errors!.SelectMany(e => e.Value));
        var vi = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);
        Communes = (await db.CommunesOpenTo(scope, clock.Today()).AsNoTracking().ToListAsync(ct)).OrderBy(c => c.Name, vi).ToList();
    }
}
