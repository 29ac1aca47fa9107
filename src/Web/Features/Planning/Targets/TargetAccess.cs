using Bookpost.Web.Features.Planning.Plans;

namespace Bookpost.Web.Features.Planning.Targets;

/// What a user may do with a plan's targets.
public enum TargetRight { None, Read, Write }

/// Who reads and who changes a plan's targets: the plans' own rule (<see cref="PlanAccess"/>). Whoever may manage the
/// plan (the department, the drafting unit) changes its targets while it is a draft or submitted; whoever may read the plan
/// reads them; for everyone else the plan does not exist.
public sealed class TargetAccess(PlanAccess plans)
{
    /// Targets can change only before the plan is issued; after that they are frozen with the plan.
    public static bool IsOpen(PlanStatus status) => status is PlanStatus.Draft or PlanStatus.Submitted;

    public async Task<(Plan? Plan, TargetRight Right)> ForAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var viewer = await plans.ViewerAsync(scope, ct);
        var plan = await plans.FindAsync(planId, viewer, ct);
        if (plan is null) return (null, TargetRight.None);
        return (plan, viewer.MayManage(plan) ? TargetRight.Write : TargetRight.Read);
    }

    /// A scope holding exactly an area's points (a province, a former district's area, a commune), to ask the one rule of
    /// which points lie where.
    public static UserScope AreaScope(string areaCode) => new("system", "system", AppRole.Admin,
        areaCode.Length switch { 2 => ScopeKind.Province, 3 => ScopeKind.District, _ => ScopeKind.Commune },
        areaCode.Length switch { 2 => AreaLevel.Province, 3 => AreaLevel.District, _ => AreaLevel.Commune }, areaCode, null);
}
