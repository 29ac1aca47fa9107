using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Plans;

/// Who is looking at plans: the department (Admin, Monitor) sees and manages every plan; anyone else reads the plans that
/// were issued for an area they belong to (the province, their former district, their commune) and works on the drafts of
/// their own unit (a district or commune culture office drafting its own plan).
public sealed record PlanViewer(UserScope Scope, bool Department, int? UnitId, bool AllAreas, IReadOnlySet<string> Areas)
{
    /// Whether the plan's area is one the viewer belongs to. The province (a 2-digit code) covers everyone.
    public bool Covers(string areaCode) => AllAreas || areaCode.Length == 2 || Areas.Contains(areaCode);

    /// Draft, submit, edit, issue, close, withdraw, amend and attach: the department or the drafting unit.
    public bool MayManage(Plan plan) => Department || UnitId is { } u && plan.DraftingOrganizationId == u;

    /// An issued plan is public to its area (even once closed or withdrawn: it was published); before that only the
    /// department and the drafting unit read it.
    public bool MayRead(Plan plan) => MayManage(plan) || plan.IssuedNumber != null && Covers(plan.AreaCode);
}

/// Builds the viewer of a request once and filters plans by it.
public sealed class PlanAccess(AppDbContext db, PlanningUnits units, TimeProvider clock)
{
    /// Roles that draft plans: the department and the area and commune offices (for their own area's plans).
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.Monitor, AppRole.District, AppRole.Commune];

    public async Task<PlanViewer> ViewerAsync(UserScope scope, CancellationToken ct)
    {
        var department = scope.Is(AppRole.Admin, AppRole.Monitor);
        var unit = await units.UnitOfAsync(scope, ct);
        if (department || scope.IsProvinceWide) return new PlanViewer(scope, department, unit?.OrganizationId, true, new HashSet<string>());
        var today = clock.Today();
        var areas = new HashSet<string>(StringComparer.Ordinal);
        string? commune = null;
        switch (scope.Area)
        {
            case AreaLevel.District:
                areas.Add(scope.AreaCode);
                areas.UnionWith(await db.CommunesOfArea(scope.AreaCode, today).Select(c => c.Code).ToListAsync(ct));
                break;
            case AreaLevel.Commune:
                commune = scope.AreaCode;
                break;
            default:
                commune = scope.PointId is { } p
                    ? await db.ServicePoints.Where(x => x.Id == p).Select(x => x.CommuneCode).FirstOrDefaultAsync(ct)
                    : null;
                break;
        }
        if (commune is not null)
        {
            areas.Add(commune);
            areas.UnionWith(await DistrictsOfAsync(commune, ct));
        }
        return new PlanViewer(scope, false, unit?.OrganizationId, false, areas);
    }

    /// The former districts a commune belongs to: its parent in any version of the map, and the districts of the communes
    /// it took over on 1/7/2025.
    private async Task<List<string>> DistrictsOfAsync(string commune, CancellationToken ct)
    {
        var parents = await db.AdminUnits.Where(u => u.Code == commune && u.Level == AdminLevel.Commune && u.ParentCode != null)
            .Select(u => u.ParentCode!).ToListAsync(ct);
        var before = await db.AdminUnitSuccessions.Where(s => s.Successor.Code == commune && s.EffectiveOn == AdminUnit.TwoTierSince
                && s.Predecessor.ParentCode != null)
            .Select(s => s.Predecessor.ParentCode!).ToListAsync(ct);
        var candidates = parents.Concat(before).Distinct().ToList();
        return await db.AdminUnits.Where(u => candidates.Contains(u.Code) && u.Level == AdminLevel.District).Select(u => u.Code)
            .Distinct().ToListAsync(ct);
    }

    /// The plans a viewer may read, as a query.
    public IQueryable<Plan> Visible(PlanViewer v)
    {
        if (v.Department) return db.Plans;
        var unit = v.UnitId ?? -1;
        if (v.AllAreas) return db.Plans.Where(p => p.IssuedNumber != null || p.DraftingOrganizationId == unit);
        var areas = v.Areas.ToList();
        return db.Plans.Where(p => p.DraftingOrganizationId == unit
            || p.IssuedNumber != null && (p.AreaCode.Length == 2 || areas.Contains(p.AreaCode)));
    }

    /// The plan with its bases and steps, when the viewer may read it; null otherwise (outside scope reads as not found).
    public async Task<Plan?> FindAsync(int id, PlanViewer v, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Bases).Include(p => p.Steps).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is not null && v.MayRead(plan) ? plan : null;
    }
}
