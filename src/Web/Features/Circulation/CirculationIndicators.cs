using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

/// Lending and reading figures. Only counts leave the point: the values are grouped before anyone sees them.
/// Loans and returns come from the rollups kept with every loan (<see cref="LoanRollups"/>), not from the loans.
public sealed class CirculationIndicators(AppDbContext db, IOptions<ReportsOptions> reports) : IIndicatorSource
{
    public const string ReadersNew = "circulation.readers_new";
    public const string ReadersActive = "circulation.readers_active";
    public const string Loans = "circulation.loans";
    public const string Returns = "circulation.returns";
    public const string Overdue = "circulation.overdue";
    public const string Readings = "circulation.onsite_readings";
    public const string Visits = "circulation.visits";
    public const string IssuesReceived = "circulation.periodical_issues";
    public const string PeriodicalReadings = "circulation.periodical_readings";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(ReadersNew, "Circulation", "Số bạn đọc mới", "New readers", "người", "readers", Aggregation.Sum,
            "Đối tượng", "Category", nameof(ReaderCategory)),
        new(ReadersActive, "Circulation", "Số bạn đọc có mượn sách", "Active readers (borrowed)", "người", "readers", Aggregation.Distinct),
        new(Loans, "Circulation", "Lượt mượn", "Loans", "lượt", "loans", Aggregation.Sum, "Giới tính", "Sex", nameof(Sex)),
        new(Returns, "Circulation", "Lượt trả", "Returns", "lượt", "returns", Aggregation.Sum),
        new(Overdue, "Circulation", "Bản sách quá hạn cuối kỳ", "Copies overdue at the period's end", "bản", "copies", Aggregation.Sum),
        new(Readings, "Circulation", "Lượt đọc tại chỗ", "On-site readings", "lượt", "readings", Aggregation.Sum,
            "Giới tính", "Sex", nameof(Sex)),
        new(Visits, "Circulation", "Lượt khách đến điểm", "Visits", "lượt", "visits", Aggregation.Sum),
        new(IssuesReceived, "Circulation", "Số tờ báo, tạp chí nhận", "Periodical copies received", "tờ", "copies", Aggregation.Sum),
        new(PeriodicalReadings, "Circulation", "Lượt đọc báo, tạp chí", "Periodical readings", "lượt", "readings", Aggregation.Sum),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct)
    {
        var acc = new IndicatorAccumulator(request);
        var p = request.Period;
        var (from, to) = (p.FromUtc, p.ToUtcExclusive);
        if (acc.Wants(ReadersNew))
            foreach (var r in await db.Readers.Where(r => r.RegisteredOn >= p.From && r.RegisteredOn <= p.To)
                         .GroupBy(r => new { r.PointId, r.Category })
                         .Select(g => new { g.Key.PointId, g.Key.Category, Count = g.Count() }).ToListAsync(ct))
                acc.Add(ReadersNew, r.PointId, r.Count, r.Category.ToString());
        if (acc.Wants(ReadersActive))
            foreach (var r in await db.Loans.Where(l => l.LentAt >= from && l.LentAt < to)
                         .Select(l => new { l.PointId, l.ReaderId }).Distinct().ToListAsync(ct))
                acc.AddDistinct(ReadersActive, r.PointId, r.ReaderId);
        if (acc.Wants(Loans) || acc.Wants(Returns))
        {
            // Every sex is a breakdown, "not known" too, so the breakdowns add up to the total.
            var sexes = Enum.GetValues<Sex>();
            foreach (var (point, v) in await LoanRollups.SumAsync(db, p, reports.Value.CutoffDay, ct))
                for (var i = 0; i < sexes.Length; i++)
                {
                    if (v[i] != 0 && acc.Wants(Loans)) acc.Add(Loans, point, v[i], sexes[i].ToString());
                    if (v[LoanRollups.Sexes + i] != 0 && acc.Wants(Returns)) acc.Add(Returns, point, v[LoanRollups.Sexes + i]);
                }
        }
        if (acc.Wants(Overdue))
            foreach (var r in await db.Loans.Where(l => l.LentAt < to && (l.ReturnedAt == null || l.ReturnedAt >= to) && l.DueOn < p.To)
                         .GroupBy(l => l.PointId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                acc.Add(Overdue, r.Key, r.Count);
        if (acc.Wants(Readings) || acc.Wants(Visits))
            foreach (var r in await db.TallyEvents.Where(e => e.Day >= p.From && e.Day <= p.To)
                         .GroupBy(e => new { e.PointId, e.Kind, e.Sex })
                         .Select(g => new { g.Key.PointId, g.Key.Kind, g.Key.Sex, Count = g.Sum(e => e.Delta) }).ToListAsync(ct))
            {
                if (r.Kind == TallyKind.Visit) acc.Add(Visits, r.PointId, r.Count);
                else acc.Add(Readings, r.PointId, r.Count, r.Sex == Sex.Unknown ? null : r.Sex.ToString());
            }
        if (acc.Wants(IssuesReceived) || acc.Wants(PeriodicalReadings))
            foreach (var r in await db.PeriodicalReceipts.Where(x => x.Day >= p.From && x.Day <= p.To).GroupBy(x => x.Periodical.PointId)
                         .Select(g => new { g.Key, Copies = g.Sum(x => x.Copies), Readings = g.Sum(x => x.Readings) }).ToListAsync(ct))
            {
                acc.Add(IssuesReceived, r.Key, r.Copies);
                acc.Add(PeriodicalReadings, r.Key, r.Readings);
            }
        return acc.Results(Indicators);
    }
}
