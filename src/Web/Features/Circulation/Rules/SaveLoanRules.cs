namespace Bookpost.Web.Features.Circulation;

public sealed record RuleInput(int? LoanDays, int? MaxItems, int? MaxRenewals, string? ClosedDays);

/// A point's operator (or Admin) sets the point's rules; Admin alone sets the provincial default (pointId null).
/// The route admits the desk roles; which rules a caller may set depends on the point named, so that stays here.
public sealed class SaveLoanRules(AppDbContext db, Text text, LoanRules rules, LoanRuleCache cache)
{
    public async Task<Result<RuleDto>> HandleAsync(int? pointId, RuleInput input, UserScope scope, CancellationToken ct)
    {
        if (pointId is null ? scope.Role != AppRole.Admin : scope.Role == AppRole.Point && scope.PointId != pointId)
            return Result<RuleDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        var errors = new FieldErrors();
        if (input.LoanDays is not (>= 1 and <= 90)) errors.Add("loanDays", text["Circulation.LoanDaysRange"]);
        if (input.MaxItems is not (>= 1 and <= 20)) errors.Add("maxItems", text["Circulation.MaxItemsRange"]);
        if (input.MaxRenewals is not (>= 0 and <= 10)) errors.Add("maxRenewals", text["Circulation.RenewalsRange"]);
        var closed = new string((input.ClosedDays ?? "").Where(char.IsAsciiDigit).Distinct().Order().ToArray());
        if (closed.Any(c => c > '6') || closed.Length == 7) errors.Add("closedDays", text["Circulation.ClosedDaysFormat"]);
        if (errors.Any) return errors.ToResult<RuleDto>();
        var rule = await db.LoanRules.SingleOrDefaultAsync(r => r.PointId == pointId, ct);
        if (rule is null) db.LoanRules.Add(rule = new LoanRule { PointId = pointId });
        rule.LoanDays = input.LoanDays!.Value;
        rule.MaxItems = input.MaxItems!.Value;
        rule.MaxRenewals = input.MaxRenewals!.Value;
        rule.ClosedDays = closed;
        if (await db.TrySaveAsync<RuleDto>(text, null, ct) is { } failed) return failed;
        // The default applies to every point without its own rules: every cached rule may be stale now.
        cache.Clear();
        // And on the other instances sharing the database (PostgreSQL), at once rather than within the minute.
        await Infrastructure.Operations.CacheSignals.NotifyAsync(db, LoanRuleCache.Signal, ct);
        return await rules.EffectiveAsync(pointId, ct);
    }
}
