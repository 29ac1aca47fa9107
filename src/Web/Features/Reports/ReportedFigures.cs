namespace Bookpost.Web.Features.Reports;

/// A figure a point reported: an indicator code, optionally one breakdown category of it, and the value.
public sealed record ReportedFigure(string Code, string? Breakdown, decimal Value);

/// A point's accepted return for a period (a periodic return, or history imported as one): its figures replace what was
/// recorded at the point for that period.
public sealed record ReportedPeriod(int PointId, Period Period, bool Imported, IReadOnlyList<ReportedFigure> Figures);

/// <summary>
/// What Reports needs to know of the points' periodic returns, answered by the evaluation feature (which implements and
/// registers it), as <see cref="IPointGroups"/> is by the network: the accepted returns whose period lies inside a
/// period. The rule "one figure per point and period" is applied by <see cref="IndicatorService"/> with it: where a point
/// has an accepted return, reports use the return's figures; where it has none, what was recorded.
/// </summary>
public interface IReportedFigures
{
    /// <summary>
    /// The latest accepted revision of every return of the given points whose period lies wholly inside
    /// <paramref name="period"/>, with the figures of the wanted indicator codes only.
    /// </summary>
    Task<IReadOnlyList<ReportedPeriod>> WithinAsync(Period period, IReadOnlyCollection<int> pointIds, IReadOnlySet<string> codes,
        CancellationToken ct);
}
