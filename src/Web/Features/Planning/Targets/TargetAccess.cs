using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Units;

namespace Bookpost.Web.Features.Planning.Targets;

/// What a user may do with a plan's targets.
public enum TargetRight { None, Read, Write }

/// Who reads and who changes a plan's targets, by the plans' own rule: the department (Admin, Monitor) and the drafting
/// unit see the plan at every step and change its targets while it is a draft or submitted; everyone else reads the
/// targets of an issued (or closed) plan that covers their area, or lies inside it, and nothing of a draft.
public sealed class TargetAccess(AppDbContext db, PlanningUnits units, TimeProvider clock)
{
    /// Targets can change only before the plan is issued; after that they are frozen with the plan.
    public static bool IsOpen(PlanStatus status) => status is PlanStatus.Draft or PlanStatus.Submitted;

    public async Task<(Plan? Plan, TargetRight Right)> ForAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return (null, TargetRight.None);
        if (scope.Is(AppRole.Admin, AppRole.Monitor)) return (plan, TargetRight.Write);
        if (await units.UnitOfAsync(scope, ct) is { OrganizationId: { } org } && org == plan.DraftingOrganizationId)
            return (plan, TargetRight.Write);
        if (plan.Status is PlanStatus.Issued or PlanStatus.Closed && await CoversAsync(plan.AreaCode, scope, ct))
            return (plan, TargetRight.Read);
        return (plan, TargetRight.None);
    }

    /// Whether a plan's area and the user's area meet: a province plan reaches everyone in the province; a plan of an area
    /// or a commune reaches the users of that area or commune, the province-wide users, and the points inside it.
    private async Task<bool> CoversAsync(string planArea, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        // The province's users (department, post office, provincial library) read every issued plan of the province.
        if (scope.IsProvinceWide) return true;
        if (planArea.Length == 2) return true;
        var planScope = AreaScope(planArea);
        switch (scope.Area)
        {
            case AreaLevel.District:
                if (planArea == scope.AreaCode) return true;
                return planArea.Length == 5 && await db.CommunesOfArea(scope.AreaCode, today).AnyAsync(c => c.Code == planArea, ct);
            case AreaLevel.Commune:
                if (planArea == scope.AreaCode) return true;
                return planArea.Length == 3 && await db.CommunesOfArea(planArea, today).AnyAsync(c => c.Code == scope.AreaCode, ct);
            default:
                return scope.PointId is { } point
                    && await db.ServicePoints.VisibleTo(db, planScope, today).AnyAsync(p => p.Id == point, ct);
        }
    }

    /// A scope holding exactly an area's points (a province, a former district's area, a commune), to ask the one rule of
    /// which points lie where.
    public static UserScope AreaScope(string areaCode) => new("system", "system", AppRole.Admin,
        areaCode.Length switch { 2 => ScopeKind.Province, 3 => ScopeKind.District, _ => ScopeKind.Commune },
        areaCode.Length switch { 2 => AreaLevel.Province, 3 => AreaLevel.District, _ => AreaLevel.Commune }, areaCode, null);
}
