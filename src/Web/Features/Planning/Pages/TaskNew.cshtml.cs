using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The department gives a task: title, what is to be done, the lead unit (an agency, or a point by its code), supporting
/// agencies, the deadline and the plan it serves.
public sealed class TaskNewModel(CreateTask create, AppDbContext db, TimeProvider clock, Text text) : ActionPage
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Lead { get; set; }
    [BindProperty] public string? PointCode { get; set; }
    [BindProperty] public List<string>? Supports { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty(SupportsGet = true)] public int? PlanId { get; set; }

    public IReadOnlyList<UnitDto> Agencies { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public override string Back => "/Planning/Tasks";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Scope.Is(TaskReads.Department)) return Forbid();
        Deadline ??= clock.Today().AddDays(30);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Scope.Is(TaskReads.Department)) return Forbid();
        var lead = string.IsNullOrWhiteSpace(PointCode) ? Lead : PointCode.Trim();
        var result = await create.HandleAsync(new CreateTaskInput(Title, Description, lead, Supports, Deadline, PlanId), Scope, ct);
        if (result.IsOk)
        {
            TempData["Flash"] = text["Tasks.Given"];
            return Redirect($"/Planning/Tasks/{result.Value!.Task.Id}");
        }
        Errors = result.Errors;
        if (Errors.ContainsKey("lead") && !string.IsNullOrWhiteSpace(PointCode))
            Errors = Errors.ToDictionary(e => e.Key == "lead" ? "pointCode" : e.Key, e => e.Value);
        return await OutcomeAsync(result, "", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Agencies = await db.Organizations.AsNoTracking().Where(o => o.ValidTo == null || o.ValidTo > today).OrderBy(o => o.Name)
            .Select(o => new UnitDto(o.Code, o.Name, false, o.Id, null)).ToListAsync(ct);
        Plans = (await db.Plans.AsNoTracking().OrderByDescending(p => p.FromYear).ThenBy(p => p.Id).Select(p => new { p.Id, p.Title })
            .Take(200).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();
    }

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
