using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Circulation;

public sealed record TallyInput(
    TallyKind? Kind,
    int? Delta,
    Sex? Sex = null,
    AgeBand? AgeBand = null,
    DateOnly? Day = null,
    DateTimeOffset? OccurredAt = null,
    int? PointId = null);

/// The on-site tally: + and − presses (or a count typed at once) as events. A day is editable for the last N days
/// and then locks; a count never goes below zero.
public sealed class RecordTally(AppDbContext db, TimeProvider clock, Text text, TallyDays days, IOptions<CirculationOptions> options)
{
    public const int MaxDelta = 500;

    public async Task<Result<TallyDay>> HandleAsync(TallyInput input, UserScope scope, CancellationToken ct)
    {
        var pointId = CirculationScope.DeskPoint(scope, input.PointId);
        var errors = new FieldErrors();
        if (pointId is null) errors.Add("pointId", text["Circulation.PointRequired"]);
        if (input.Kind is null) errors.Add("kind", text["Circulation.KindRequired"]);
        if (input.Delta is null or 0 or < -MaxDelta or > MaxDelta) // a pattern, not Math.Abs, which overflows at int.MinValue
            errors.Add("delta", text.Format("Circulation.DeltaRange", MaxDelta));
        var now = db.UtcNow;
        var at = OfflineEvents.OccurredAt(input.OccurredAt, now, options.Value.LateEventDays);
        if (at is null) errors.Add("occurredAt", text.Format("Offline.OccurredAtRange", options.Value.LateEventDays));
        var today = clock.Today();
        var day = input.Day ?? (at is { } a ? VnTime.DayOf(a) : today);
        if (day > today) errors.Add("day", text["Circulation.DayInFuture"]);
        else if (days.IsLocked(day, today)) errors.Add("day", text.Format("Circulation.DayLocked", options.Value.EditableDays));
        if (errors.Any) return errors.ToResult<TallyDay>();

        var sex = input.Sex ?? Sex.Unknown;
        var band = input.AgeBand ?? AgeBand.Unknown;
        if (input.Delta < 0)
        {
            // Taking one off must leave the same split, and the day's count, at zero or above.
            var current = await db.TallyEvents
                .Where(e => e.PointId == pointId && e.Day == day && e.Kind == input.Kind && e.Sex == sex && e.AgeBand == band)
                .SumAsync(e => e.Delta, ct);
            if (current + input.Delta < 0) return Result<TallyDay>.Invalid("delta", text["Circulation.BelowZero"]);
        }
        db.TallyEvents.Add(new TallyEvent
        {
            PointId = pointId!.Value,
            Day = day,
            Kind = input.Kind!.Value,
            Sex = sex,
            AgeBand = band,
            Delta = input.Delta!.Value,
            RecordedAt = now,
            RecordedBy = scope.UserName,
        });
        await db.SaveChangesAsync(ct);
        return (await days.HandleAsync(pointId.Value, day, day, ct)).Single();
    }
}
