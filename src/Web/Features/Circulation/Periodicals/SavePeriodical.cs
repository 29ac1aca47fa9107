namespace Bookpost.Web.Features.Circulation;

public sealed record PeriodicalInput(
    string? Title, PeriodicalFrequency? Frequency, int? CopiesExpected, bool? Active = true, int? PointId = null);

/// Adds a periodical to a point, or edits or stops one (an edit names the version it read, as every PUT does). The
/// route admits the point, the post office and Admin.
public sealed class SavePeriodical(AppDbContext db, TimeProvider clock, Text text, ListPeriodicals list)
{
    public async Task<Result<PeriodicalDto>> HandleAsync(
        int? id, long? expectedVersion, PeriodicalInput input, UserScope scope, CancellationToken ct)
    {
        var points = CirculationScope.Points(db, scope, clock.Today());
        Periodical? periodical = null;
        if (id is { } existing)
        {
            periodical = await db.Periodicals.SingleOrDefaultAsync(p => p.Id == existing && points.Contains(p.PointId), ct);
            if (periodical is null) return Result<PeriodicalDto>.NotFound();
            if (text.CheckVersion<PeriodicalDto>(expectedVersion, periodical.Version) is { } refused) return refused;
        }
        var pointId = periodical?.PointId ?? (scope.Role == AppRole.Point ? scope.PointId : input.PointId);
        var errors = new FieldErrors();
        if (pointId is null || !await points.AnyAsync(p => p == pointId, ct)) errors.Add("pointId", text["Circulation.PointRequired"]);
        var title = TextFolding.CleanOrNull(input.Title);
        if (title is null) errors.Add("title", text["Circulation.NameRequired"]);
        else if (title.Length > 150) errors.Add("title", text.Format("Validation.MaxLength", 150));
        else if (await db.Periodicals.AnyAsync(p => p.PointId == pointId && p.Title == title && p.Id != (id ?? 0), ct))
            errors.Add("title", text.Format("Circulation.PeriodicalTaken", title));
        if (input.Frequency is null) errors.Add("frequency", text["Circulation.FrequencyRequired"]);
        if (input.CopiesExpected is not (>= 1 and <= 100)) errors.Add("copiesExpected", text["Circulation.CopiesRange"]);
        if (errors.Any) return errors.ToResult<PeriodicalDto>();
        if (periodical is null) db.Periodicals.Add(periodical = new Periodical { PointId = pointId!.Value });
        periodical.Title = title!;
        periodical.Frequency = input.Frequency!.Value;
        periodical.CopiesExpected = input.CopiesExpected!.Value;
        periodical.Active = input.Active ?? true;
        if (await db.TrySaveAsync<PeriodicalDto>(text, expectedVersion, ct,
                duplicate: () => Result<PeriodicalDto>.Invalid("title", text.Format("Circulation.PeriodicalTaken", title)))
            is { } failed) return failed;
        return (await list.HandleAsync(periodical.PointId, UserScope.System, ct)).Single(p => p.Id == periodical.Id);
    }
}
