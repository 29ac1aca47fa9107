using Bookpost.Web.Features.People;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record TallyDay(DateOnly Day, int Readings, int Visits, bool Locked, IReadOnlyDictionary<string, int> Split);

/// A point's tally by day, newest first, with the split by sex and age band and whether each day is still editable.
public sealed class TallyDays(AppDbContext db, TimeProvider clock, IOptions<CirculationOptions> options)
{
    public bool IsLocked(DateOnly day, DateOnly today) => day <= today.AddDays(-options.Value.EditableDays);

    public async Task<IReadOnlyList<TallyDay>> HandleAsync(int pointId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.TallyEvents.Where(e => e.PointId == pointId && e.Day >= from && e.Day <= to)
            .GroupBy(e => new { e.Day, e.Kind, e.Sex, e.AgeBand })
            .Select(g => new { g.Key.Day, g.Key.Kind, g.Key.Sex, g.Key.AgeBand, Count = g.Sum(e => e.Delta) })
            .ToListAsync(ct);
        var today = clock.Today();
        var days = new List<TallyDay>();
        for (var d = to; d >= from; d = d.AddDays(-1))
        {
            var of = rows.Where(r => r.Day == d).ToList();
            var split = of.Where(r => r.Kind == TallyKind.Reading && (r.Sex != Sex.Unknown || r.AgeBand != AgeBand.Unknown) && r.Count != 0)
                .ToDictionary(r => $"{r.Sex}/{r.AgeBand}", r => r.Count);
            days.Add(new TallyDay(
                d,
                of.Where(r => r.Kind == TallyKind.Reading).Sum(r => r.Count),
                of.Where(r => r.Kind == TallyKind.Visit).Sum(r => r.Count),
                IsLocked(d, today),
                split));
        }
        return days;
    }
}
