namespace Bookpost.Web.Features.Network.Points;

/// The one place that decides which service points a user may see, on the map valid today (a point's
/// <see cref="ServicePoint.CommuneCode"/> is its commune today). A province scope holds the communes under the province,
/// directly (two-tier map) or through a district (three-tier map). A commune scope holds the points in that commune today.
/// A district scope is an area: the former district's communes on its last day and the units that took them over
/// (see <see cref="InArea"/>).
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
                && (c.ParentCode == code || current.Any(d => d.Code == c.ParentCode && d.ParentCode == code)))),
            AreaLevel.District => points.InArea(db, code, today),
            AreaLevel.Commune => points.Where(p => p.CommuneCode == code),
            _ => points.Where(p => p.Id == scope.PointId),
        };
    }

    /// The area of a former district (khu vực huyện cũ): a point is in it if it was in one of the district's communes on
    /// 30/06/2025 (the last day of districts), is today in a unit that took over one of those communes, or, while the
    /// district still exists on <paramref name="today"/>, is in one of its communes today.
    public static IQueryable<ServicePoint> InArea(this IQueryable<ServicePoint> points, AppDbContext db, string districtCode,
        DateOnly today)
    {
        var eve = AdminUnit.LastThreeTierDay;
        var reform = AdminUnit.TwoTierSince;
        var onEve = db.AdminUnits.Where(AdminUnit.ValidOn(eve)).Where(c => c.Level == AdminLevel.Commune && c.ParentCode == districtCode);
        var current = db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(c => c.Level == AdminLevel.Commune);
        var successorCodes = db.AdminUnitSuccessions
            .Where(s => s.EffectiveOn == reform && s.Predecessor.ParentCode == districtCode && s.Predecessor.Level == AdminLevel.Commune)
            .Select(s => s.Successor.Code);
        var eveCodes = onEve.Select(c => c.Code);
        var wasThere = db.PointCommunes.Where(PointCommune.ValidOn(eve)).Where(l => eveCodes.Contains(l.CommuneCode))
            .Select(l => l.ServicePointId);
        return points.Where(p => wasThere.Contains(p.Id)
            || current.Any(c => c.Code == p.CommuneCode && (c.ParentCode == districtCode || successorCodes.Contains(c.Code))));
    }

    /// The codes of today's communes that make up a former district's area (see <see cref="InArea"/>).
    public static IQueryable<AdminUnit> CommunesOfArea(this AppDbContext db, string districtCode, DateOnly today)
    {
        var reform = AdminUnit.TwoTierSince;
        var successorIds = db.AdminUnitSuccessions
            .Where(s => s.EffectiveOn == reform && s.Predecessor.ParentCode == districtCode && s.Predecessor.Level == AdminLevel.Commune)
            .Select(s => s.SuccessorId);
        return db.AdminUnits.Where(AdminUnit.ValidOn(today))
            .Where(c => c.Level == AdminLevel.Commune && (c.ParentCode == districtCode || successorIds.Contains(c.Id)));
    }

    /// The communes valid today in which the user may place points.
    public static IQueryable<AdminUnit> CommunesOpenTo(this AppDbContext db, UserScope scope, DateOnly today)
    {
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune);
        var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        var code = scope.AreaCode;
        return scope.Area switch
        {
            AreaLevel.Province when code.Length == 0 => units,
            AreaLevel.Province => units.Where(u => u.ParentCode == code
                || current.Any(d => d.Code == u.ParentCode && d.ParentCode == code)),
            AreaLevel.District => db.CommunesOfArea(code, today),
            AreaLevel.Commune => units.Where(u => u.Code == code),
            _ => units.Where(u => false),
        };
    }
}
