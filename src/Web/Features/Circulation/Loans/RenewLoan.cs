namespace Bookpost.Web.Features.Circulation;

/// Gives an open loan more days, as often as the point's rules allow.
public sealed class RenewLoan(AppDbContext db, TimeProvider clock, Text text, LoanRules rules)
{
    public async Task<Result<LoanDto>> HandleAsync(int loanId, UserScope scope, CancellationToken ct)
    {
        var loan = await CirculationScope.Loans(db, scope).SingleOrDefaultAsync(l => l.Id == loanId, ct);
        if (loan is null) return Result<LoanDto>.NotFound();
        var rule = await rules.EffectiveAsync(loan.PointId, ct);
        var today = clock.Today();
        // NoMoreRenewals names the limit; AlreadyReturned has no placeholder and ignores it.
        if (loan.Renew(today, rule) is { } why) return Result<LoanDto>.Conflict(text.Format(why, rule.MaxRenewals));
        if (await db.TrySaveAsync<LoanDto>(text, null, ct) is { } failed) return failed;
        return await db.Loans.Where(l => l.Id == loanId).ToDtos(today, CirculationScope.OwnReaders(scope),
            text["Circulation.OtherPointReader"])
            .SingleAsync(ct);
    }
}
