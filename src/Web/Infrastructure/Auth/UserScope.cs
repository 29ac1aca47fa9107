using System.Globalization;
using System.Security.Claims;

namespace Bookpost.Web.Infrastructure.Auth;

public enum AreaLevel { Province, District, Commune, PointOnly }

/// The signed-in user's scope as one value, read from the principal's claims.
/// Every handler takes one and filters by it; nothing reads scope from anywhere else.
public sealed record UserScope(
    string UserId,
    string UserName,
    AppRole Role,
    ScopeKind Kind,
    AreaLevel Area,
    string AreaCode,
    int? PointId)
{
    public const string RoleClaim = ClaimTypes.Role;
    public const string KindClaim = "bp:scope";
    public const string AreaLevelClaim = "bp:area-level";
    public const string AreaCodeClaim = "bp:area";
    public const string PointClaim = "bp:point";

    public bool IsProvinceWide => Area == AreaLevel.Province;

    /// Lets minimal-API handlers take the scope as a parameter.
    public static ValueTask<UserScope?> BindAsync(HttpContext http) => ValueTask.FromResult(FromPrincipal(http.User));

    public bool Is(params AppRole[] roles) => roles.Contains(Role);

    /// A scope for work done by the system itself (seeding, the CLI).
    public static UserScope System { get; } = new("system", "system", AppRole.Admin, ScopeKind.Province, AreaLevel.Province, "", null);

    public static UserScope? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? principal.FindFirstValue("name") ?? "";
        if (id is null
            || !Enum.TryParse<AppRole>(principal.FindFirstValue(RoleClaim), out var role)
            || !Enum.TryParse<ScopeKind>(principal.FindFirstValue(KindClaim), out var kind)
            || !Enum.TryParse<AreaLevel>(principal.FindFirstValue(AreaLevelClaim), out var area))
            return null;
        var point = int.TryParse(principal.FindFirstValue(PointClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p
            : (int?)null;
        return new UserScope(id, name, role, kind, area, principal.FindFirstValue(AreaCodeClaim) ?? "", point);
    }

    public static IEnumerable<Claim> ClaimsFor(AppUser user)
    {
        var area = AreaOf(user);
        yield return new Claim(RoleClaim, user.Role.ToString());
        yield return new Claim(KindClaim, user.ScopeKind.ToString());
        yield return new Claim(AreaLevelClaim, area.ToString());
        yield return new Claim(AreaCodeClaim, user.ScopeAreaCode);
        if (user.ScopePointId is { } point)
            yield return new Claim(PointClaim, point.ToString(CultureInfo.InvariantCulture));
    }

    /// The level of the area a user sees follows from the scope kind; a library sees its service area,
    /// whose level the GSO code's length tells (province 2 digits, district 3, commune 5).
    public static AreaLevel AreaOf(AppUser user) => user.ScopeKind switch
    {
        ScopeKind.Province => AreaLevel.Province,
        ScopeKind.District => AreaLevel.District,
        ScopeKind.Commune => AreaLevel.Commune,
        ScopeKind.Library => user.ScopeAreaCode.Length switch
        {
            2 => AreaLevel.Province,
            3 => AreaLevel.District,
            5 => AreaLevel.Commune,
            _ => AreaLevel.PointOnly,
        },
        _ => AreaLevel.PointOnly,
    };
}
