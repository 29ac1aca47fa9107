using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Bookpost.Web.Features.Planning.Pages;

/// The tasks, by tab: my unit's (the department: every task), overdue ones counted by unit, those due this week, those my
/// unit supports, and a plan's tasks with their progress; each tab filtered by status, lead unit and plan. Rows are cards
/// so the list reads on a phone.
public sealed class TasksModel(ListTasks list, PlanningUnits units, AppDbContext db, TimeProvider clock, Text text) : ActionPage
{
    public static readonly string[] Tabs = ["mine", "overdue", "week", "supporting", "all"];

    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Plan { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public TaskList? Rows { get; private set; }
    public UnitDto? Own { get; private set; }
    public IReadOnlyList<(int Id, string Title)> Plans { get; private set; } = [];
    public IReadOnlyList<UnitDto> LeadUnits { get; private set; } = [];
    public bool Department => Scope.Is(TaskReads.Department);
    public DateOnly WeekEnd { get; private set; }
    public override string Back => "/Planning/Tasks";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Tab is null || !Tabs.Contains(Tab)) Tab = Plan is null ? (Department ? "overdue" : "mine") : "all";
        if (await units.UnitOfAsync(Scope, ct) is { } own) Own = (await units.DescribeAsync([own], ct)).Values.FirstOrDefault();
        var today = clock.Today();
        // The week ends on Sunday (Vietnamese weeks start on Monday).
        WeekEnd = today.AddDays((7 - (int)today.DayOfWeek) % 7);
        var unit = Unit;
        // A user whose unit the registry lacks has no tasks of their own.
        var noUnit = Tab == "mine" && !Department && string.IsNullOrEmpty(unit) && Own is null;
        if (Tab == "mine" && !Department && string.IsNullOrEmpty(unit)) unit = Own?.Key;
        var query = new TaskQuery(unit, Plan, Status, Tab == "overdue" ? true : null, Tab == "week" ? WeekEnd : null,
            Tab == "supporting" ? true : null, PageNumber, 30);
        var result = noUnit ? new TaskList([], 0, 1, 30, []) : await list.HandleAsync(query, Scope, ct, openOnly: Tab == "week");
        if (!result.IsOk)
        {
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Rows = result.Value;
        var planIds = db.PlanTasks.Where(t => t.PlanId != null).Select(t => t.PlanId!.Value).Distinct();
        Plans = (await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).OrderByDescending(p => p.FromYear).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title }).Take(200).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();
        if (Department)
        {
            var leads = await db.PlanTasks.AsNoTracking().Select(t => new { t.LeadOrganizationId, t.LeadPointId }).Distinct().Take(500)
                .ToListAsync(ct);
            LeadUnits = (await units.DescribeAsync(leads.Select(l => new UnitRef(l.LeadOrganizationId, l.LeadPointId)), ct)).Values
                .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        }
        return Page();
    }

    public string TabName(string tab) => tab switch
    {
        "mine" => text["Tasks.Tab.mine"],
        "overdue" => text["Tasks.Tab.overdue"],
        "week" => text["Tasks.Tab.week"],
        "supporting" => text["Tasks.Tab.supporting"],
        _ => text["Tasks.Tab.all"],
    };

    public string Href(string? tab = null, int? page = null) =>
        $"/Planning/Tasks?Tab={tab ?? Tab}&Status={Uri.EscapeDataString(Status ?? "")}&Unit={Uri.EscapeDataString(Unit ?? "")}"
        + $"&Plan={Plan}" + (page is { } p ? $"&p={p}" : "");
}
