using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Rotation;

/// Rotation's figures, counted from the shipments themselves. Each counts at the point end of a journey: the
/// destination for sets sent out, the point a set left for journeys home.
public sealed class RotationIndicators(AppDbContext db) : IIndicatorSource
{
    public const string PointsServed = "rotation.points_served";
    public const string SetsDispatched = "rotation.sets_dispatched";
    public const string TitlesRotated = "rotation.titles_rotated";
    public const string CopiesRotated = "rotation.copies_rotated";
    public const string ItemsLost = "rotation.items_lost";
    public const string ItemsDamaged = "rotation.items_damaged";
    public const string TransitDays = "rotation.avg_transit_days";
    public const string TitlesReceived = "rotation.titles_received";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(PointsServed, "Rotation", "Số điểm được luân chuyển sách", "Points served with rotating books", "điểm", "points",
            Aggregation.Distinct) { CountsPointsWith = TitlesReceived },
        new(SetsDispatched, "Rotation", "Số bộ sách đã gửi đến điểm", "Sets dispatched to points", "bộ", "sets", Aggregation.Sum,
            "Chủ đề", "Theme", nameof(SetTheme)),
        new(TitlesRotated, "Rotation", "Số đầu sách luân chuyển", "Titles rotated", "đầu sách", "titles", Aggregation.Distinct),
        new(CopiesRotated, "Rotation", "Số bản sách luân chuyển", "Copies rotated", "bản", "copies", Aggregation.Sum),
        new(ItemsLost, "Rotation", "Số bản sách mất, thanh lý", "Copies lost or written off", "bản", "copies", Aggregation.Sum),
        new(ItemsDamaged, "Rotation", "Số bản sách hư hỏng khi nhận", "Copies damaged on receipt", "bản", "copies", Aggregation.Sum),
        new(TransitDays, "Rotation", "Thời gian vận chuyển trung bình", "Average days in transit", "ngày", "days", Aggregation.Mean),
        // The programme's "đầu sách luân chuyển" as the department adds it up: each point's distinct titles received in
        // the period, summed over points (a title two points received counts twice), unlike TitlesRotated.
        new(TitlesReceived, "Rotation", "Số đầu sách điểm nhận luân chuyển (cộng theo điểm)",
            "Titles received by points (summed over points)", "đầu sách", "titles", Aggregation.Sum),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct)
    {
        var acc = new IndicatorAccumulator(request);
        var (from, to) = (request.Period.FromUtc, request.Period.ToUtcExclusive);
        // Journeys out: to a point that is not the set's library.
        var outgoing = db.Shipments.Where(s => s.DispatchedAt >= from && s.DispatchedAt < to && s.ToId != s.Set.OwnerId);

        if (acc.Wants(SetsDispatched))
            foreach (var s in await outgoing.Select(s => new { s.ToId, s.Set.Theme }).ToListAsync(ct))
                acc.Add(SetsDispatched, s.ToId, 1, s.Theme.ToString());
        if (acc.Wants(PointsServed))
            foreach (var p in await outgoing.Select(s => s.ToId).Distinct().ToListAsync(ct))
                acc.AddDistinct(PointsServed, p, p);
        if (acc.Wants(TitlesRotated) || acc.Wants(CopiesRotated) || acc.Wants(TitlesReceived))
        {
            var lines = await db.ShipmentItems.Join(outgoing, i => i.ShipmentId, s => s.Id, (i, s) => new { s.ToId, i.TitleId })
                .GroupBy(x => new { x.ToId, x.TitleId }).Select(g => new { g.Key.ToId, g.Key.TitleId, Copies = g.Count() }).ToListAsync(ct);
            foreach (var l in lines)
            {
                acc.AddDistinct(TitlesRotated, l.ToId, l.TitleId);
                acc.Add(CopiesRotated, l.ToId, l.Copies);
            }
            // One line per point and title: a point's distinct titles.
            foreach (var point in lines.GroupBy(l => l.ToId)) acc.Add(TitlesReceived, point.Key, point.Count());
        }
        if (acc.Wants(ItemsLost))
        {
            var lost = await db.Discrepancies.Where(d => d.ResolvedAt >= from && d.ResolvedAt < to && d.Kind != DiscrepancyKind.Extra
                    && (d.Resolution == DiscrepancyResolution.Lost || d.Resolution == DiscrepancyResolution.WrittenOff))
                .Select(d => new { d.Shipment.ToId, d.Shipment.FromId, Home = d.Shipment.ToId == d.Shipment.Set.OwnerId }).ToListAsync(ct);
            foreach (var d in lost) acc.Add(ItemsLost, d.Home ? d.FromId : d.ToId, 1);
        }
        if (acc.Wants(ItemsDamaged))
        {
            var damaged = await db.Discrepancies.Where(d => d.RecordedAt >= from && d.RecordedAt < to && d.Kind == DiscrepancyKind.Damaged)
                .Select(d => new { d.Shipment.ToId, d.Shipment.FromId, Home = d.Shipment.ToId == d.Shipment.Set.OwnerId }).ToListAsync(ct);
            foreach (var d in damaged) acc.Add(ItemsDamaged, d.Home ? d.FromId : d.ToId, 1);
        }
        if (acc.Wants(TransitDays))
        {
            var journeys = await db.Shipments.Where(s => s.ReceivedAt >= from && s.ReceivedAt < to)
                .Select(s => new { s.ToId, s.FromId, Home = s.ToId == s.Set.OwnerId, s.DispatchedAt, s.ReceivedAt }).ToListAsync(ct);
            foreach (var j in journeys)
                acc.Add(TransitDays, j.Home ? j.FromId : j.ToId, (decimal)(j.ReceivedAt!.Value - j.DispatchedAt).TotalDays);
        }
        return acc.Results(Indicators);
    }
}
