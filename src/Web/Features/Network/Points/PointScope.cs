namespace Bookpost.Web.Features.Network.Points;

/// The one place that decides which service points a user may see. District and province membership is
/// read from the administrative tree valid today, so a commune moved to another district moves its points too.
public static class PointScope
{
    public static IQueryable<ServicePoint> VisibleTo(this IQueryable<ServicePoint> points, AppDbContext db, UserScope scope, DateOnly today)
    {
        var code = scope.AreaCode;
        var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        return scope.Area switch
        {
            AreaLevel.Province when code.Length == 0 => points,
            AreaLevel.Province => points.Where(p => current.Any(c => c.Code == p.CommuneCode
                && current.Any(d => d.Code == c.ParentCode && d.ParentCode == code))),
            AreaLevel.District => points.InDistrict(db, code, today),
            AreaLevel.Commune => points.Where(p => p.CommuneCode == code),
            _ => points.Where(p => p.Id == scope.PointId),
        };
    }

    /// Points whose commune belonged to the district on the given day.
    public static IQueryable<ServicePoint> InDistrict(this IQueryable<ServicePoint> points, AppDbContext db, string districtCode,
        DateOnly day)
    {
        var communes = db.AdminUnits.Where(AdminUnit.ValidOn(day));
        return points.Where(p => communes.Any(c => c.Code == p.CommuneCode && c.ParentCode == districtCode));
    }

    /// The communes (of a tree already limited to one day) in which the user may place points.
    public static IQueryable<AdminUnit> CommunesOpenTo(this IQueryable<AdminUnit> units, UserScope scope) => scope.Area switch
    {
        AreaLevel.Province => units.Where(u => u.Level == AdminLevel.Commune),
        AreaLevel.District => units.Where(u => u.Level == AdminLevel.Commune && u.ParentCode == scope.AreaCode),
        AreaLevel.Commune => units.Where(u => u.Level == AdminLevel.Commune && u.Code == scope.AreaCode),
        _ => units.Where(u => false),
    };

    /// Whether a commune (valid today) lies inside the user's area: the check for writes that place a point.
    public static bool Covers(UserScope scope, AdminUnit commune, string? districtParentCode) => scope.Area switch
    {
        AreaLevel.Province => scope.AreaCode.Length == 0 || districtParentCode == scope.AreaCode,
        AreaLevel.District => commune.ParentCode == scope.AreaCode,
        AreaLevel.Commune => commune.Code == scope.AreaCode,
        _ => false,
    };
}
