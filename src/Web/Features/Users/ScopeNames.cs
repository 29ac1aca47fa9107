using Bookpost.Web.Features.Network;

namespace Bookpost.Web.Features.Users;

/// A user's scope in words. An area (District scope) is a former district, so it is named as it was on 30/06/2025, its
/// last day (districts have no version today); a commune or the province is named on today's map.
public sealed class ScopeNames(AppDbContext db, TimeProvider clock) : IScopeHeader
{
    /// The names of these area codes, each read on the day that gives its meaning (see the class comment).
    public async Task<Dictionary<string, string>> AreaNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Where(c => c.Length > 0).Distinct().ToList();
        var today = clock.Today();
        var eve = today < AdminUnit.TwoTierSince ? today : AdminUnit.LastThreeTierDay;
        var names = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => wanted.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var districts = await db.AdminUnits.Where(AdminUnit.ValidOn(eve))
            .Where(u => u.Level == AdminLevel.District && wanted.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        foreach (var (code, name) in districts) names[code] = name;
        return names;
    }

    /// What the header shows beside the role ("Khu vực (huyện cũ)", "Phòng VH-XH xã"): the district's or the commune's name;
    /// null for other scopes.
    public async Task<string?> HeaderAsync(UserScope scope, CancellationToken ct)
    {
        if (scope.Kind is not (ScopeKind.District or ScopeKind.Commune) || scope.AreaCode.Length == 0) return null;
        var names = await AreaNamesAsync([scope.AreaCode], ct);
        if (!names.TryGetValue(scope.AreaCode, out var name)) return null;
        // The role already reads "Khu vực (huyện cũ)" beside it, so the area is named by its district alone.
        return name;
    }

    /// A user's scope for the users list: the kind in words with the unit's name, or the point's name.
    public static string Describe(Text text, AppUser user, IReadOnlyDictionary<string, string> areaNames,
        IReadOnlyDictionary<int, string> pointNames)
    {
        if (user.ScopePointId is { } point)
            return $"{text.Enum(user.ScopeKind)}: {pointNames.GetValueOrDefault(point) ?? "#" + point}";
        var name = areaNames.GetValueOrDefault(user.ScopeAreaCode);
        var kind = text.Enum(user.ScopeKind);
        return name is null ? $"{kind} {user.ScopeAreaCode}" : $"{kind}: {name} ({user.ScopeAreaCode})";
    }
}
