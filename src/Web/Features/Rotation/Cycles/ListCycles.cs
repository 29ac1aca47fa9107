namespace Bookpost.Web.Features.Rotation;

public sealed class ListCycles(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<CycleSummaryDto>>> HandleAsync(int? page, int? pageSize, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = Paging.Validate(page, pageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<CycleSummaryDto>>();
        return await RotationScope.Cycles(db, scope, clock.Today()).OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .ToSummaries().ToPagedAsync(request, ct);
    }
}
