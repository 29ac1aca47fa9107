namespace Bookpost.Web.Features.Network.Units;

public sealed record AdminUnitDto(
    int Id,
    string Code,
    string Name,
    string Type,
    AdminLevel Level,
    string? ParentCode,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int PointCount);

public sealed record ListAdminUnitsQuery(AdminLevel? Level = null, string? Parent = null, DateOnly? AsOf = null, string? Q = null,
    int? Page = null, int? PageSize = null);

/// The administrative tree as it was on a day (today unless asOf says otherwise), with the number of service
/// points in each unit counted on today's map.
public sealed class ListAdminUnits(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<AdminUnitDto>>> HandleAsync(ListAdminUnitsQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize ?? PageRequest.MaxSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<AdminUnitDto>>();

        var day = query.AsOf ?? clock.Today();
        var today = clock.Today();
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(day));
        if (query.Level is { } level) units = units.Where(u => u.Level == level);
        if (!string.IsNullOrWhiteSpace(query.Parent)) units = units.Where(u => u.ParentCode == query.Parent.Trim());
        foreach (var term in TextFolding.Terms(query.Q)) units = units.Where(u => u.SearchText.Contains(term));

        var result = await units.OrderBy(u => u.Code).ToPagedAsync(page, ct);
        var counts = await CountPointsAsync(result.Items, today, ct);
        var items = result.Items.Select(u => new AdminUnitDto(u.Id, u.Code, u.Name, u.Type, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo,
            counts.GetValueOrDefault(u.Code))).ToList();
        return new PagedList<AdminUnitDto>(items, result.Total, result.Page, result.PageSize);
    }

    /// Points per unit code on today's tree: communes directly, districts through their communes,
    /// the province through its districts.
    private async Task<Dictionary<string, int>> CountPointsAsync(IReadOnlyList<AdminUnit> units, DateOnly today, CancellationToken ct)
    {
        if (units.Count == 0) return [];
        var current = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        var perCommune = await db.ServicePoints
            .GroupBy(p => p.CommuneCode)
            .Select(g => new { Commune = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var parents = await current.Where(u => u.Level != AdminLevel.Province)
            .Select(u => new { u.Code, u.ParentCode }).ToDictionaryAsync(u => u.Code, u => u.ParentCode, ct);
        var counts = new Dictionary<string, int>();
        foreach (var row in perCommune)
        {
            for (var code = (string?)row.Commune; code is not null; code = parents.GetValueOrDefault(code))
                counts[code] = counts.GetValueOrDefault(code) + row.Count;
        }
        return counts;
    }
}
