using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Planning.Targets;

/// What a target's figures say on a day: the actual value (null before the period starts), the percent reached, the
/// value projected to the period's end, and whether that projection misses the target.
public readonly record struct TargetStanding(decimal? Actual, decimal? Percent, decimal? Projected, bool Behind);

/// The arithmetic of targets, kept apart from the database so it can be checked by hand.
public static class TargetMath
{
    /// Whether an indicator adds up over days, so that the figure so far can be carried forward at its pace. Stocks (copies
    /// held, computers), ratios and percents, means and distinct counts do not: a distinct count of points or titles
    /// saturates, and what the period has shown so far is the best word on its end.
    public static bool IsAdditive(Indicator indicator) =>
        indicator.Aggregation == Aggregation.Sum && !indicator.Stock && indicator.Of is null;

    /// The standing of a target on <paramref name="today"/>. <paramref name="actual"/> is the indicator's value over the
    /// period so far (null when no figure exists, e.g. a percent with nothing to divide by).
    public static TargetStanding Standing(Period period, DateOnly today, decimal? actual, bool additive, decimal target,
        TargetDirection direction)
    {
        if (today < period.From || actual is not { } value) return new TargetStanding(null, null, null, false);
        var projected = additive ? Project(period, today, value) : value;
        var behind = direction == TargetDirection.AtLeast ? projected < target : projected > target;
        return new TargetStanding(value, Percent(value, target, direction), projected, behind);
    }

    /// The value at the period's end if the pace so far holds: value × days in the period / days elapsed (today
    /// included), to two decimals. A period that has ended is its value.
    public static decimal Project(Period period, DateOnly today, decimal value)
    {
        if (today >= period.To) return value;
        var elapsed = today.DayNumber - period.From.DayNumber + 1;
        var total = period.To.DayNumber - period.From.DayNumber + 1;
        if (elapsed <= 0) return value;
        return Math.Round(value * total / elapsed, 2, MidpointRounding.AwayFromZero);
    }

    /// How far the target is reached, in percent to one decimal. A floor (AtLeast): actual over target, above 100 when
    /// exceeded; a target of 0 is reached by anything. A ceiling (AtMost): 100 while the actual stays under it, else
    /// target over actual, so going past the ceiling lowers it.
    public static decimal Percent(decimal actual, decimal target, TargetDirection direction)
    {
        if (direction == TargetDirection.AtLeast)
            return target <= 0 ? 100m : Math.Round(100 * actual / target, 1, MidpointRounding.AwayFromZero);
        if (actual <= target) return 100m;
        return actual <= 0 ? 100m : Math.Round(100 * Math.Max(target, 0) / actual, 1, MidpointRounding.AwayFromZero);
    }
}
