namespace Bookpost.Web.Features.Rotation;

public sealed record SetQuery(string? Q = null, SetStatus? Status = null, int? Owner = null, int? Location = null, int? Page = null,
    int? PageSize = null);

public sealed class ListSets(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<SetSummaryDto>>> HandleAsync(SetQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<SetSummaryDto>>();
        var sets = RotationScope.Sets(db, scope, clock.Today());
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            var code = q.ToUpperInvariant();
            sets = sets.Where(s => s.Code.Contains(code) || s.Name.Contains(q));
        }
        if (query.Status is { } status) sets = sets.Where(s => s.Status == status);
        if (query.Owner is { } owner) sets = sets.Where(s => s.OwnerId == owner);
        if (query.Location is { } location) sets = sets.Where(s => s.LocationId == location);
        return await sets.OrderBy(s => s.Code).ToSummaries().ToPagedAsync(page, ct);
    }
}
