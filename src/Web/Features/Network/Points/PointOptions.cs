using System.Linq.Expressions;

namespace Bookpost.Web.Features.Network.Points;

/// A point to pick in a form, and the group it is listed under.
public sealed record PointChoice(int Id, string Name, string Code);

/// The points of one commune of today's map, labelled with the former district where there is one.
public sealed record PointChoiceGroup(string Label, IReadOnlyList<PointChoice> Points);

/// What the shared point picker (`_PointSelect.cshtml`) renders: the field's name and id, its choices and the one
/// selected, the first empty choice's text (none when null), and a visible label unless the form labels it itself;
/// choices listed before the groups (a library to send a set home to), and a note after the selected one ("planned").
public sealed record PointSelect(string Name, string Id, IReadOnlyList<PointChoiceGroup> Groups, int? Selected,
    string? Label = null, string? Empty = "—", bool Required = false, bool Small = false,
    IReadOnlyList<PointChoice>? Before = null, string? SelectedNote = null);

/// The one query behind every form that picks a point: the points the user may see (<see cref="PointScope.VisibleTo"/>),
/// narrowed by the form's own condition, grouped by their commune on today's map (the former district in the group's
/// label, which is how people still place a commune since 1 July 2025), groups and points in Vietnamese dictionary
/// order (<see cref="TextFolding.SortKey"/>). A province has a few hundred points: one query for them, one for the
/// communes' names and one for the former districts.
public sealed class PointOptions(AppDbContext db, TimeProvider clock, Text text)
{
    /// <paramref name="scope"/> null lists every point: for a choice that is not about the user's own points (where to
    /// send a set on is any point of the network, whoever holds it).
    public async Task<IReadOnlyList<PointChoiceGroup>> ListAsync(UserScope? scope, Expression<Func<ServicePoint, bool>>? where,
        CancellationToken ct)
    {
        var today = clock.Today();
        var visible = scope is null ? db.ServicePoints : db.ServicePoints.VisibleTo(db, scope, today);
        if (where is not null) visible = visible.Where(where);
        var points = await visible.Select(p => new { p.Id, p.Name, p.Code, p.CommuneCode }).ToListAsync(ct);
        if (points.Count == 0) return [];
        var communeCodes = points.Select(p => p.CommuneCode).Distinct().ToList();
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => communeCodes.Contains(u.Code))
            .Select(u => new { u.Code, u.Name }).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var areas = await PointAreas.AreaKeysAsync(db, today, ct, visible);
        var areaCodes = areas.Values.Where(c => c.Length > 0).Distinct().ToList();
        var areaDay = today < AdminUnit.TwoTierSince ? today : AdminUnit.LastThreeTierDay;
        var districts = await db.AdminUnits.Where(AdminUnit.ValidOn(areaDay)).Where(u => areaCodes.Contains(u.Code))
            .Select(u => new { u.Code, u.Name }).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var former = today >= AdminUnit.TwoTierSince;

        return points
            .GroupBy(p => p.CommuneCode)
            .Select(g =>
            {
                var commune = communes.GetValueOrDefault(g.Key) ?? text["PointPicker.NoCommune"];
                var districtNames = g
                    .Select(p => areas.GetValueOrDefault(p.Id) is { Length: > 0 } a ? districts.GetValueOrDefault(a) : null)
                    .OfType<string>().Distinct().OrderBy(n => TextFolding.SortKey(n), StringComparer.Ordinal).ToList();
                var label = districtNames.Count == 0 ? commune
                    : text.Format(former ? "PointPicker.GroupFormer" : "PointPicker.Group", commune, string.Join(", ", districtNames));
                var choices = g.Select(p => new PointChoice(p.Id, p.Name, p.Code))
                    .OrderBy(p => TextFolding.SortKey(p.Name), StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
                return (Key: TextFolding.SortKey(WithoutUnitType(commune)), Group: new PointChoiceGroup(label, choices));
            })
            .OrderBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Group.Label, StringComparer.Ordinal)
            .Select(x => x.Group)
            .ToList();
    }

    // "Xã Hoằng Đạo" and "Phường Hạc Thành" are looked for by their own names: the kind of unit does not lead the order.
    private static string WithoutUnitType(string name)
    {
        foreach (var prefix in (string[])["Thị trấn ", "Phường ", "Đặc khu ", "Xã "])
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return name[prefix.Length..];
        return name;
    }
}
