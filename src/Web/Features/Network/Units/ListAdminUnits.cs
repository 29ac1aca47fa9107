namespace Bookpost.Web.Features.Network.Units;

/// One unit version: a code and the days it held. Latitude, longitude (its centre) and area are known for the units of
/// the 2025-07-01 lists. PointCount counts the points in the unit on the day the list was asked for.
public sealed record AdminUnitDto(
    int Id,
    string Code,
    string Name,
    string Type,
    AdminLevel Level,
    string? ParentCode,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int PointCount,
    double? Latitude = null,
    double? Longitude = null,
    double? AreaKm2 = null)
{
    public static AdminUnitDto Of(AdminUnit u, int pointCount = 0) =>
        new(u.Id, u.Code, u.Name, u.Type, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo, pointCount, u.Latitude, u.Longitude, u.AreaKm2);
}

public sealed record ListAdminUnitsQuery(AdminLevel? Level = null, string? Parent = null, DateOnly? AsOf = null, string? Q = null,
    int? Page = null, int? PageSize = null, string? Code = null);

/// The administrative tree as it was on a day (today unless asOf says otherwise). A code is read on that day only: on
/// 30/06/2025 code 14758 is Phường Đông Thọ, from 01/07/2025 Phường Hàm Rồng. Each unit's point count is taken on the
/// same day: the points whose commune history places them in it then.
public sealed class ListAdminUnits(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<AdminUnitDto>>> HandleAsync(ListAdminUnitsQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize ?? PageRequest.MaxSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<AdminUnitDto>>();

        var day = query.AsOf ?? clock.Today();
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(day));
        if (query.Level is { } level) units = units.Where(u => u.Level == level);
        if (!string.IsNullOrWhiteSpace(query.Parent)) units = units.Where(u => u.ParentCode == query.Parent.Trim());
        if (!string.IsNullOrWhiteSpace(query.Code)) units = units.Where(u => u.Code == query.Code.Trim());
        foreach (var term in TextFolding.Terms(query.Q)) units = units.Where(u => u.SearchText.Contains(term));

        var result = await units.OrderBy(u => u.Code).ToPagedAsync(page, ct);
        var counts = await CountPointsAsync(db, result.Items, day, ct);
        var items = result.Items.Select(u => AdminUnitDto.Of(u, counts.GetValueOrDefault(u.Code))).ToList();
        return new PagedList<AdminUnitDto>(items, result.Total, result.Page, result.PageSize);
    }

    /// Points per unit code on one day: a commune counts the points whose commune history row holds on that day (not
    /// today's copy on the point, which names today's unit of that code); a district or province adds up its communes
    /// through the tree of the same day, where every code names exactly one unit.
    public static async Task<Dictionary<string, int>> CountPointsAsync(AppDbContext db, IReadOnlyList<AdminUnit> units, DateOnly day,
        CancellationToken ct)
    {
        if (units.Count == 0) return [];
        var perCommune = await db.PointCommunes.Where(PointCommune.ValidOn(day))
            .GroupBy(l => l.CommuneCode)
            .Select(g => new { Commune = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        if (perCommune.Count == 0) return [];
        var counts = new Dictionary<string, int>();
        if (units.All(u => u.Level == AdminLevel.Commune))
        {
            foreach (var row in perCommune) counts[row.Commune] = row.Count;
            return counts;
        }
        var parents = await db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Level != AdminLevel.Province)
            .Select(u => new { u.Code, u.ParentCode }).ToDictionaryAsync(u => u.Code, u => u.ParentCode, ct);
        foreach (var row in perCommune)
        {
            // A row whose code is not on that day's map (a point flagged for review) counts for its commune code only.
            for (var code = (string?)row.Commune; code is not null; code = parents.GetValueOrDefault(code))
                counts[code] = counts.GetValueOrDefault(code) + row.Count;
        }
        return counts;
    }
}
