namespace Bookpost.Web.Features.Circulation;

public sealed record LoanQuery(bool? Open = null, bool? Overdue = null, int? Reader = null, int? Page = null, int? PageSize = null);

/// The loans of the desk's point (lent or returned there), soonest due first.
public sealed class ListLoans(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<LoanDto>>> HandleAsync(LoanQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<LoanDto>>();
        var today = clock.Today();
        var loans = CirculationScope.Loans(db, scope);
        if (query.Open == true || query.Overdue == true) loans = loans.Where(l => l.ReturnedAt == null);
        if (query.Overdue == true) loans = loans.Where(l => l.DueOn < today);
        var own = CirculationScope.OwnReaders(scope);
        // Only a reader the caller may name can be asked for (another point's reader has no loans here to list).
        if (query.Reader is { } reader)
            loans = own.All ? loans.Where(l => l.ReaderId == reader)
                : loans.Where(l => l.ReaderId == reader && l.Reader.PointId == own.PointId);
        return await loans.OrderBy(l => l.DueOn).ThenBy(l => l.Id).ToDtos(today, own, text["Circulation.OtherPointReader"])
            .ToPagedAsync(page, ct);
    }
}
