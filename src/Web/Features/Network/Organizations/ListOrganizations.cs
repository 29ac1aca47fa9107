namespace Bookpost.Web.Features.Network.Organizations;

public sealed record OrganizationDto(
    int Id,
    string Code,
    string Name,
    string? ShortName,
    OrganizationKind Kind,
    int? ParentId,
    string AreaCode,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? SuccessorId);

public sealed record ListOrganizationsQuery(OrganizationKind? Kind = null, DateOnly? AsOf = null, bool All = false, string? Q = null,
    int? Page = null, int? PageSize = null);

public sealed class ListOrganizations(AppDbContext db, TimeProvider clock, Text text)
{
    /// Agencies valid on a day (today by default); all=true includes those merged away.
    public async Task<Result<PagedList<OrganizationDto>>> HandleAsync(ListOrganizationsQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<OrganizationDto>>();

        var day = query.AsOf ?? clock.Today();
        var organizations = db.Organizations.AsQueryable();
        if (!query.All)
            organizations = organizations.Where(o => (o.ValidFrom == null || o.ValidFrom <= day) && (o.ValidTo == null || o.ValidTo > day));
        if (query.Kind is { } kind) organizations = organizations.Where(o => o.Kind == kind);
        var list = await organizations.OrderBy(o => o.Code)
            .Select(o => new OrganizationDto(o.Id, o.Code, o.Name, o.ShortName, o.Kind, o.ParentId, o.AreaCode, o.ValidFrom, o.ValidTo,
                o.SuccessorId))
            .ToListAsync(ct);
        // Agencies are few (tens); folding in memory keeps one search rule without a stored column.
        var terms = TextFolding.Terms(query.Q);
        if (terms.Count > 0)
            list = list.Where(o => terms.All(t => TextFolding.Fold($"{o.Code} {o.Name} {o.ShortName}")
                .Contains(t, StringComparison.Ordinal))).ToList();
        return new PagedList<OrganizationDto>(list.Skip(page.Skip).Take(page.PageSize).ToList(), list.Count, page.Page, page.PageSize);
    }
}
