using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Catalog;

/// A point's holdings in the culture ministry's library statistics (Thông tư 16/2022/TT-BVHTTDL): copies held at the
/// period's end, copies acquired in the period, and books per inhabitant where the population is known.
public sealed class CatalogIndicators(AppDbContext db, TimeProvider clock) : IIndicatorSource
{
    public const string CopiesHeld = "library.copies_held";
    public const string ItemsAcquired = "library.items_acquired";
    public const string BooksPerInhabitant = "library.books_per_inhabitant";

    /// Only returns give a point's population (Evaluation publishes the indicator); the ratio names it by its code.
    public const string Population = "point.population";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(CopiesHeld, "Catalog", "Số bản sách hiện có cuối kỳ", "Copies held at the period's end", "bản", "copies", Aggregation.Sum)
            { Stock = true },
        new(ItemsAcquired, "Catalog", "Số bản sách bổ sung trong kỳ", "Copies acquired in the period", "bản", "copies", Aggregation.Sum),
        new(BooksPerInhabitant, "Catalog", "Số bản sách bình quân đầu người (nơi biết dân số)",
            "Books per inhabitant (where the population is known)", "bản/người", "copies per person", Aggregation.Ratio)
            { Of = new RatioOf(CopiesHeld, Population, KnownWholeOnly: true) },
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct)
    {
        var acc = new IndicatorAccumulator(request);
        var p = request.Period;
        var now = clock.GetUtcNow().UtcDateTime;
        var asAt = p.ToUtcExclusive < now ? p.ToUtcExclusive : now;

        if (acc.Wants(CopiesHeld))
        {
            // Copies in the point's custody at the period's end: on its shelves or lent to its readers. Copies with no
            // custody record yet (catalogued before custody was kept, never moved) are where the catalogue puts them.
            foreach (var r in await db.ItemCustody
                         .Where(c => c.FromUtc < asAt && (c.ToUtc == null || c.ToUtc >= asAt) && c.ServicePointId != null
                             && (c.Holder == CustodyHolder.ServicePoint || c.Holder == CustodyHolder.Reader))
                         .GroupBy(c => c.ServicePointId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                acc.Add(CopiesHeld, r.Key, r.Count);
            foreach (var r in await db.Items
                         .Where(i => i.CreatedAt < asAt && i.Status != ItemStatus.Lost && i.Status != ItemStatus.Withdrawn
                             && !db.ItemCustody.Any(c => c.ItemId == i.Id))
                         .GroupBy(i => i.LocationId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                acc.Add(CopiesHeld, r.Key, r.Count);
        }

        if (acc.Wants(ItemsAcquired))
        {
            // Copies a library added to its own holdings: acquired in the period, or catalogued in it when the date of
            // acquisition was not entered.
            foreach (var r in await db.Items.Where(i => i.AcquiredOn >= p.From && i.AcquiredOn <= p.To)
                         .GroupBy(i => i.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                acc.Add(ItemsAcquired, r.Key, r.Count);
            foreach (var r in await db.Items.Where(i => i.AcquiredOn == null && i.CreatedAt >= p.FromUtc && i.CreatedAt < p.ToUtcExclusive)
                         .GroupBy(i => i.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                acc.Add(ItemsAcquired, r.Key, r.Count);
        }
        return acc.Results(Indicators);
    }
}
