namespace Bookpost.Web.Features.Planning.Targets;

/// One target as the plan's page, its API and its documents show it: the target, the actual value from the indicators
/// (never typed), the percent reached, the value projected to the period's end from the pace so far, and whether that
/// projection falls short ("chậm tiến độ"). Actual, Percent and Projected are null before the period starts.
public sealed record TargetRow(int Id, string IndicatorCode, string Indicator, string? Measure, string UnitKey, string UnitName,
    string Period, DateOnly From, DateOnly To, decimal Target, TargetDirection Direction, decimal? Actual, decimal? Percent,
    decimal? Projected, bool Behind, string? Note);

/// The targets of a plan against live figures (implemented by the Targets part; used by the plan's page and documents).
public interface ITargetProgress
{
    Task<IReadOnlyList<TargetRow>> ForPlanAsync(int planId, CancellationToken ct);
}
