using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;

namespace Bookpost.Web.Features.Planning.Units;

/// A unit that tasks are given to and plans speak of: an agency of the organizations registry, or a service point (for
/// its operator). Exactly one of the two ids is set.
public readonly record struct UnitRef(int? OrganizationId, int? PointId)
{
    public static UnitRef Organization(int id) => new(id, null);
    public static UnitRef Point(int id) => new(null, id);
    public bool IsValid => OrganizationId.HasValue != PointId.HasValue;
}

/// A unit as a person reads it. <see cref="Key"/> is how the API names a unit (the `unit` filter, lead and supporting
/// units in requests): the agency's registry code ("TV-TINH", "BD-TINH", "PVHTT-389") or the point's code.
public sealed record UnitDto(string Key, string Name, bool IsPoint, int? OrganizationId, int? PointId);

/// The units a user may read the tasks of: everything, or these agencies and points.
public sealed record VisibleUnits(bool All, IReadOnlySet<int> OrganizationIds, IReadOnlySet<int> PointIds)
{
    public bool Contains(UnitRef unit) => All
        || unit.OrganizationId is { } o && OrganizationIds.Contains(o)
        || unit.PointId is { } p && PointIds.Contains(p);
}

/// Who a user works for, and which units they see. Users are not linked to an agency row: their role and scope say it.
/// The department (Admin, Monitor) is the agency that runs the programmes (Sở TT&TT, merged into Sở KH&CN on 1/3/2025,
/// whichever is valid today); the provincial post office is "BD-TINH"; a library user works for the agency operating
/// their library; an area user for the former district's culture office; a commune user for the commune's culture and
/// society office; a point's operator for the point.
public sealed class PlanningUnits(AppDbContext db, TimeProvider clock)
{
    public const string DepartmentCode = "STTTT";
    public const string PostOfficeCode = "BD-TINH";

    private DateOnly Today => clock.Today();

    /// The unit the user acts for; null when the registry has no such agency (a user of an area without an office).
    public async Task<UnitRef?> UnitOfAsync(UserScope scope, CancellationToken ct)
    {
        switch (scope.Role)
        {
            case AppRole.Admin or AppRole.Monitor:
                return await DepartmentAsync(Today, ct) is { } department ? UnitRef.Organization(department) : null;
            case AppRole.PostOffice:
                return await OrgIdAsync(PostOfficeCode, ct) is { } post ? UnitRef.Organization(post) : null;
            case AppRole.Point:
                return scope.PointId is { } point ? UnitRef.Point(point) : null;
            case AppRole.Library:
                if (scope.PointId is not { } library) return null;
                var op = await db.ServicePoints.Where(p => p.Id == library).Select(p => p.OperatorId).FirstOrDefaultAsync(ct);
                return op is { } o ? UnitRef.Organization(o) : UnitRef.Point(library);
            default:
                var office = await db.Organizations.Where(o => o.Kind == OrganizationKind.CultureOffice && o.AreaCode == scope.AreaCode)
                    .OrderByDescending(o => o.ValidTo == null).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
                return office is { } id ? UnitRef.Organization(id) : null;
        }
    }

    /// The department valid on a day: the registry's "STTTT" or the agency it merged into.
    public async Task<int?> DepartmentAsync(DateOnly day, CancellationToken ct)
    {
        var orgs = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var department = orgs.FirstOrDefault(o => o.Code == DepartmentCode);
        // The version valid that day; a day after the last merger still names the last successor.
        return (Network.Organizations.AgencyOnDay.On(department, orgs, day) ?? department)?.Id;
    }

    private Task<int?> OrgIdAsync(string code, CancellationToken ct) =>
        db.Organizations.Where(o => o.Code == code).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);

    /// The unit an API key names: an agency's registry code, else a point's code. Null when neither exists.
    public async Task<UnitDto?> FindAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 40) return null;
        key = key.Trim();
        var org = await db.Organizations.AsNoTracking().Where(o => o.Code == key)
            .Select(o => new UnitDto(o.Code, o.Name, false, o.Id, null)).FirstOrDefaultAsync(ct);
        return org ?? await db.ServicePoints.AsNoTracking().Where(p => p.Code == key)
            .Select(p => new UnitDto(p.Code, p.Name, true, null, p.Id)).FirstOrDefaultAsync(ct);
    }

    /// Names and keys of units, for lists and documents.
    public async Task<IReadOnlyDictionary<UnitRef, UnitDto>> DescribeAsync(IEnumerable<UnitRef> units, CancellationToken ct)
    {
        var list = units.Distinct().ToList();
        var orgIds = list.Where(u => u.OrganizationId.HasValue).Select(u => u.OrganizationId!.Value).ToList();
        var pointIds = list.Where(u => u.PointId.HasValue).Select(u => u.PointId!.Value).ToList();
        var result = new Dictionary<UnitRef, UnitDto>();
        if (orgIds.Count > 0)
            foreach (var o in await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id))
                         .Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(ct))
                result[UnitRef.Organization(o.Id)] = new UnitDto(o.Code, o.Name, false, o.Id, null);
        if (pointIds.Count > 0)
            foreach (var p in await db.ServicePoints.AsNoTracking().Where(p => pointIds.Contains(p.Id))
                         .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct))
                result[UnitRef.Point(p.Id)] = new UnitDto(p.Code, p.Name, true, null, p.Id);
        return result;
    }

    /// The units whose tasks the user reads: the department sees all; the post office its offices and the Post-Culture
    /// points; an area or commune office itself, the offices and points in its area; a library and a point themselves.
    public async Task<VisibleUnits> VisibleToAsync(UserScope scope, CancellationToken ct)
    {
        if (scope.Is(AppRole.Admin, AppRole.Monitor)) return new VisibleUnits(true, new HashSet<int>(), new HashSet<int>());
        var orgs = new HashSet<int>();
        var points = new HashSet<int>();
        if (await UnitOfAsync(scope, ct) is { } own)
        {
            if (own.OrganizationId is { } o) orgs.Add(o);
            if (own.PointId is { } p) points.Add(p);
        }
        var today = Today;
        switch (scope.Role)
        {
            case AppRole.PostOffice:
                orgs.UnionWith(await db.Organizations.Where(o => o.Kind == OrganizationKind.PostOffice).Select(o => o.Id).ToListAsync(ct));
                points.UnionWith(await db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint).Select(p => p.Id)
                    .ToListAsync(ct));
                break;
            case AppRole.Library:
                if (scope.PointId is { } library) points.Add(library);
                break;
            case AppRole.District or AppRole.Commune:
                var communes = scope.Area == AreaLevel.District
                    ? await db.CommunesOfArea(scope.AreaCode, today).Select(c => c.Code).ToListAsync(ct)
                    : [scope.AreaCode];
                var areaCodes = communes.Append(scope.AreaCode).ToList();
                orgs.UnionWith(await db.Organizations.Where(o => areaCodes.Contains(o.AreaCode)).Select(o => o.Id).ToListAsync(ct));
                points.UnionWith(await db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id).ToListAsync(ct));
                break;
        }
        return new VisibleUnits(false, orgs, points);
    }
}
