using System.Collections.Concurrent;

namespace Bookpost.Web.Features.Circulation;

public sealed record RuleDto(int? PointId, int LoanDays, int MaxItems, int MaxRenewals, string ClosedDays, bool IsDefault, long Version);

/// The rules in force at each point, kept by the app (a singleton). Rules are read at every check-out and change
/// rarely: an entry lives a minute, and saving a rule here drops them all at once (another process's change shows
/// within the minute).
public sealed class LoanRuleCache(TimeProvider clock)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(1);

    /// The name other instances are told this cache by when a rule is saved (CacheSignals).
    public const string Signal = "loan-rules";
    private readonly ConcurrentDictionary<int, (RuleDto Rule, DateTimeOffset Until)> _rules = new();

    public bool TryGet(int? pointId, out RuleDto rule)
    {
        rule = null!;
        if (!_rules.TryGetValue(pointId ?? 0, out var cached) || cached.Until <= clock.GetUtcNow()) return false;
        rule = cached.Rule;
        return true;
    }

    public void Keep(int? pointId, RuleDto rule) => _rules[pointId ?? 0] = (rule, clock.GetUtcNow() + s_lifetime);

    public void Clear() => _rules.Clear();
}

/// The rules that apply at a point: its own, or the provincial default.
public sealed class LoanRules(AppDbContext db, LoanRuleCache cache)
{
    public async Task<RuleDto> EffectiveAsync(int? pointId, CancellationToken ct)
    {
        if (cache.TryGet(pointId, out var cached)) return cached;
        var rule = await db.LoanRules.AsNoTracking().Where(r => r.PointId == pointId || r.PointId == null).OrderBy(r => r.PointId == null)
            .FirstOrDefaultAsync(ct) ?? new LoanRule();
        var dto = new RuleDto(
            rule.PointId, rule.LoanDays, rule.MaxItems, rule.MaxRenewals, rule.ClosedDays, rule.PointId is null, rule.Version);
        cache.Keep(pointId, dto);
        return dto;
    }

    /// The due date: the loan days counted from the day of the loan, moved past the days the point is closed.
    public static DateOnly DueOn(DateOnly lentOn, RuleDto rule, int days)
    {
        var due = lentOn.AddDays(days);
        for (var guard = 0; guard < 7 && IsClosed(rule, due); guard++) due = due.AddDays(1);
        return due;
    }

    public static bool IsClosed(RuleDto rule, DateOnly day) =>
        rule.ClosedDays.Contains((char)('0' + (int)day.DayOfWeek), StringComparison.Ordinal);
}
