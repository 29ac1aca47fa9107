using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Http;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record TallyInput(TallyKind? Kind, int? Delta, Sex? Sex = null, AgeBand? AgeBand = null, DateOnly? Day = null, DateTimeOffset? OccurredAt = null, int? PointId = null);

public sealed record TallyDay(DateOnly Day, int Readings, int Visits, bool Locked, IReadOnlyDictionary<string, int> Split);

/// The on-site tally: + and − presses (or a count typed at once) as events. A day is editable for the last N days
/// and then locks; a count never goes below zero.
public sealed class Tallies(AppDbContext db, TimeProvider clock, Text text, IOptions<CirculationOptions> options)
{
    public const int MaxDelta = 500;

    public async Task<Result<TallyDay>> RecordAsync(TallyInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(CirculationScope.Desk)) return Result<TallyDay>.Forbidden(text["Scope.RoleCannotWrite"]);
        var pointId = CirculationScope.DeskPoint(scope, input.PointId);
        var errors = new FieldErrors();
        if (pointId is null) errors.Add("pointId", text["Circulation.PointRequired"]);
        if (input.Kind is null) errors.Add("kind", text["Circulation.KindRequired"]);
        if (input.Delta is null or 0 || Math.Abs(input.Delta.Value) > MaxDelta) errors.Add("delta", text.Format("Circulation.DeltaRange", MaxDelta));
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        var today = clock.Today();
        var day = input.Day ?? (at is { } a ? VnTime.DayOf(a) : today);
        if (day > today) errors.Add("day", text["Circulation.DayInFuture"]);
        else if (IsLocked(day, today)) errors.Add("day", text.Format("Circulation.DayLocked", options.Value.EditableDays));
        if (errors.Any) return errors.ToResult<TallyDay>();

        var sex = input.Sex ?? Sex.Unknown;
        var band = input.AgeBand ?? AgeBand.Unknown;
        if (input.Delta < 0)
        {
            // Taking one off must leave the same split, and the day's count, at zero or above.
            var current = await db.TallyEvents.Where(e => e.PointId == pointId && e.Day == day && e.Kind == input.Kind && e.Sex == sex && e.AgeBand == band)
                .SumAsync(e => e.Delta, ct);
            if (current + input.Delta < 0) return Result<TallyDay>.Invalid("delta", text["Circulation.BelowZero"]);
        }
        db.TallyEvents.Add(new TallyEvent { PointId = pointId!.Value, Day = day, Kind = input.Kind!.Value, Sex = sex, AgeBand = band, Delta = input.Delta!.Value, RecordedAt = now, RecordedBy = scope.UserName });
        await db.SaveChangesAsync(ct);
        return (await DaysAsync(pointId.Value, day, day, ct)).Single();
    }

    public bool IsLocked(DateOnly day, DateOnly today) => day <= today.AddDays(-options.Value.EditableDays);

    public async Task<IReadOnlyList<TallyDay>> DaysAsync(int pointId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.TallyEvents.Where(e => e.PointId == pointId && e.Day >= from && e.Day <= to)
            .GroupBy(e => new { e.Day, e.Kind, e.Sex, e.AgeBand }).Select(g => new { g.Key.Day, g.Key.Kind, g.Key.Sex, g.Key.AgeBand, Count = g.Sum(e => e.Delta) })
            .ToListAsync(ct);
        var today = clock.Today();
        var days = new List<TallyDay>();
        for (var d = to; d >= from; d = d.AddDays(-1))
        {
            var of = rows.Where(r => r.Day == d).ToList();
            var split = of.Where(r => r.Kind == TallyKind.Reading && (r.Sex != Sex.Unknown || r.AgeBand != AgeBand.Unknown) && r.Count != 0)
                .ToDictionary(r => $"{r.Sex}/{r.AgeBand}", r => r.Count);
            days.Add(new TallyDay(d, of.Where(r => r.Kind == TallyKind.Reading).Sum(r => r.Count), of.Where(r => r.Kind == TallyKind.Visit).Sum(r => r.Count), IsLocked(d, today), split));
        }
        return days;
    }

    public async Task<Result<IReadOnlyList<TallyDay>>> ListAsync(int? pointId, DateOnly? from, DateOnly? to, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var point = scope.Role == AppRole.Point ? scope.PointId : pointId;
        if (point is null) return Result<IReadOnlyList<TallyDay>>.Invalid("pointId", text["Circulation.PointRequired"]);
        if (!await CirculationScope.Points(db, scope, today).AnyAsync(p => p == point, ct)) return Result<IReadOnlyList<TallyDay>>.NotFound();
        var end = to ?? today;
        var start = from ?? end.AddDays(-13);
        if (start > end || end.DayNumber - start.DayNumber > 366) return Result<IReadOnlyList<TallyDay>>.Invalid("from", text["Reports.CustomDates"]);
        return Result<IReadOnlyList<TallyDay>>.Ok(await DaysAsync(point.Value, start, end, ct));
    }
}
