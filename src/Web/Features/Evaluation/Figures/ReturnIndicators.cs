using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Evaluation.Figures;

/// The figures of the return forms that nothing in Bookpost records: they have values only where a point's accepted
/// return gives them (IndicatorService puts returns over what sources compute), so this source computes nothing. Days
/// closed and readers' requests follow Thông tư 33/2018/TT-BVHTTDL's rotation point records; the population served is
/// what books per inhabitant (Thông tư 16/2022/TT-BVHTTDL) is divided by.
public sealed class ReturnIndicators : IIndicatorSource
{
    /// The feature name of the figures only returns give.
    public const string Feature = "Evaluation";

    public const string DaysClosed = "point.days_closed";
    public const string Population = "point.population";
    public const string ReaderRequests = "rotation.reader_requests";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(DaysClosed, Feature, "Số ngày điểm đóng cửa (theo báo cáo)", "Days the point was closed (from returns)", "ngày", "days",
            Aggregation.Sum),
        new(Population, Feature, "Dân số được điểm phục vụ (theo báo cáo)", "Population served (from returns)", "người", "people",
            Aggregation.Sum) { Stock = true },
        new(ReaderRequests, Feature, "Yêu cầu của bạn đọc (theo báo cáo)", "Readers' requests (from returns)", "yêu cầu", "requests",
            Aggregation.Sum),
    ];

    public Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IndicatorValue>>([]);
}
