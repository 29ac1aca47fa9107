using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Planning.Targets;

/// A target as a request states it. <see cref="Unit"/> is a GSO code (the province "38", a former district "389" for its
/// area, a commune "16378") or a point's code. <see cref="Period"/> is Year (the default), HalfYear, NineMonths, Quarter
/// or Month, with <see cref="Number"/> for the half, quarter or month. <see cref="Direction"/>: AtLeast (the default) or
/// AtMost.
public sealed record TargetInput(string? Indicator, string? Unit, string? Period, int? Year, int? Number, decimal? Value,
    string? Direction = null, string? Note = null);

/// Reads, adds, changes and removes a plan's targets. Targets change only while the plan is a draft or submitted; an
/// issued plan's targets are frozen with it (409). Every refusal changes nothing.
public sealed class PlanTargets(AppDbContext db, TargetAccess access, IndicatorTargetProgress progress, IndicatorService indicators,
    TimeProvider clock, Text text)
{
    public const int MaxNote = 500;

    /// The largest target anyone writes (the column holds 16 digits before the point).
    public const decimal MaxValue = 1_000_000_000_000m;

    public async Task<Result<IReadOnlyList<TargetRow>>> ListAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var (plan, right) = await access.ForAsync(planId, scope, ct);
        if (plan is null || right == TargetRight.None) return Result<IReadOnlyList<TargetRow>>.NotFound();
        return Result<IReadOnlyList<TargetRow>>.Ok(await progress.ForPlanAsync(planId, ct));
    }

    public async Task<Result<TargetRow>> GetAsync(int planId, int targetId, UserScope scope, CancellationToken ct)
    {
        var (plan, right) = await access.ForAsync(planId, scope, ct);
        if (plan is null || right == TargetRight.None) return Result<TargetRow>.NotFound();
        var target = await db.PlanTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, ct);
        return target is null ? Result<TargetRow>.NotFound() : (await progress.RowsAsync([target], ct))[0];
    }

    public Task<Result<TargetRow>> AddAsync(int planId, TargetInput input, UserScope scope, CancellationToken ct) =>
        SaveAsync(planId, null, input, scope, ct);

    public Task<Result<TargetRow>> UpdateAsync(int planId, int targetId, TargetInput input, UserScope scope, CancellationToken ct) =>
        SaveAsync(planId, targetId, input, scope, ct);

    public async Task<Result<bool>> DeleteAsync(int planId, int targetId, UserScope scope, CancellationToken ct)
    {
        var (plan, why) = await WritableAsync(planId, scope, ct);
        if (why is not null) return why.Failure == FailureKind.NotFound ? Result<bool>.NotFound()
            : why.Failure == FailureKind.Forbidden ? Result<bool>.Forbidden(why.Message!) : Result<bool>.Conflict(why.Message!);
        var target = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == plan!.Id, ct);
        if (target is null) return Result<bool>.NotFound();
        db.PlanTargets.Remove(target);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Result<TargetRow>> SaveAsync(int planId, int? targetId, TargetInput input, UserScope scope, CancellationToken ct)
    {
        var (plan, why) = await WritableAsync(planId, scope, ct);
        if (why is not null) return why;
        PlanTarget? target = null;
        if (targetId is { } id)
        {
            target = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == id && t.PlanId == planId, ct);
            if (target is null) return Result<TargetRow>.NotFound();
        }
        var errors = new FieldErrors();
        var read = await ReadAsync(plan!, input, errors, ct);
        if (read is null || errors.Any) return errors.ToResult<TargetRow>();
        var (code, area, point, kind, year, number, value, direction, note) = read.Value;
        var duplicate = await db.PlanTargets.AnyAsync(t => t.PlanId == planId && t.Id != (targetId ?? 0) && t.IndicatorCode == code
            && t.AreaCode == area && t.PointId == point && t.PeriodKind == kind && t.Year == year && t.Number == number, ct);
        if (duplicate) return Result<TargetRow>.Conflict(text["Targets.Duplicate"]);
        if (target is null)
        {
            target = new PlanTarget { PlanId = planId, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = scope.UserName };
            db.PlanTargets.Add(target);
        }
        (target.IndicatorCode, target.AreaCode, target.PointId, target.PeriodKind) = (code, area, point, kind);
        (target.Year, target.Number, target.Value, target.Direction, target.Note) = (year, number, value, direction, note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index caught a twin saved at the same moment.
            db.ChangeTracker.Clear();
            return Result<TargetRow>.Conflict(text["Targets.Duplicate"]);
        }
        return (await progress.RowsAsync([target], ct))[0];
    }

    /// The plan, if the user may change its targets now: 404 when they cannot see it, 403 when they see but do not draft
    /// it, 409 once it is issued (or closed, or withdrawn).
    private async Task<(Plan? Plan, Result<TargetRow>? Why)> WritableAsync(int planId, UserScope scope, CancellationToken ct)
    {
        var (plan, right) = await access.ForAsync(planId, scope, ct);
        if (plan is null || right == TargetRight.None) return (null, Result<TargetRow>.NotFound());
        if (right != TargetRight.Write) return (null, Result<TargetRow>.Forbidden(text["Targets.NotYours"]));
        if (!TargetAccess.IsOpen(plan.Status))
            return (null, Result<TargetRow>.Conflict(text.Format("Targets.Frozen", text.Enum(plan.Status))));
        return (plan, null);
    }

    /// Every field checked, each mistake named under its field.
    private async Task<(string Code, string? Area, int? Point, PeriodKind Kind, int Year, int Number, decimal Value,
        TargetDirection Direction, string? Note)?> ReadAsync(Plan plan, TargetInput input, FieldErrors errors, CancellationToken ct)
    {
        var code = input.Indicator?.Trim() ?? "";
        var indicator = code.Length is 0 or > 80 ? null : indicators.Catalogue.FirstOrDefault(i => i.Code == code);
        if (code.Length == 0) errors.Add("indicator", text["Targets.IndicatorRequired"]);
        else if (indicator is null) errors.Add("indicator", text.Format("Targets.UnknownIndicator", Cut(code)));

        var (area, point) = await UnitAsync(plan, input.Unit, errors, ct);

        var kind = errors.Choice<PeriodKind>("period", string.IsNullOrWhiteSpace(input.Period) ? nameof(PeriodKind.Year) : input.Period,
            text);
        if (kind == PeriodKind.Custom)
        {
            errors.Add("period", text["Targets.PeriodCustom"]);
            kind = null;
        }
        if (input.Year is not { } year) errors.Add("year", text.Format("Targets.YearRequired", plan.FromYear, plan.ToYear));
        else if (year < plan.FromYear || year > plan.ToYear)
            errors.Add("year", text.Format("Targets.YearOutsidePlan", year, plan.FromYear, plan.ToYear));
        var max = kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, PeriodKind.HalfYear => 2, _ => 1 };
        var number = input.Number ?? (max == 1 ? 1 : 0);
        if (kind is not null && (number < 1 || number > max))
            errors.Add("number", max == 1 ? text["Targets.NumberOne"] : text.Format("Targets.NumberRange", text.Enum(kind.Value), max));

        if (input.Value is not { } value) errors.Add("value", text["Targets.ValueRequired"]);
        else if (value < 0) errors.Add("value", text["Targets.ValueNegative"]);
        else if (value > MaxValue) errors.Add("value", text["Targets.ValueTooLarge"]);
        else if (indicator?.Aggregation == Aggregation.Percent && value > 100) errors.Add("value", text["Targets.PercentOver100"]);

        var direction = string.IsNullOrWhiteSpace(input.Direction) ? TargetDirection.AtLeast
            : errors.Choice<TargetDirection>("direction", input.Direction, text);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxNote }) errors.Add("note", text.Format("Targets.NoteTooLong", MaxNote, note.Length));

        if (errors.Any || indicator is null || kind is null || direction is null) return null;
        return (indicator.Code, area, point, kind.Value, input.Year!.Value, number, Math.Round(input.Value!.Value, 2), direction.Value,
            note);
    }

    /// The unit a key names, if it lies in the plan's area: a GSO code of the province, a former district (its area) or a
    /// commune (as named on any map: a commune of 2018 keeps its code in a plan of 2017–2020), else a point's code.
    private async Task<(string? Area, int? Point)> UnitAsync(Plan plan, string? unit, FieldErrors errors, CancellationToken ct)
    {
        var key = unit?.Trim() ?? "";
        if (key.Length == 0)
        {
            errors.Add("unit", text["Targets.UnitRequired"]);
            return (null, null);
        }
        if (key.Length <= 5 && key.All(char.IsAsciiDigit) && AdminUnit.LevelOfCode(key) is { } level)
        {
            if (!await db.AdminUnits.AnyAsync(u => u.Code == key && u.Level == level, ct))
                errors.Add("unit", text.Format("Targets.UnknownUnit", key));
            else if (!await InsideAsync(plan.AreaCode, key, ct))
                errors.Add("unit", text.Format("Targets.UnitOutsidePlan", key, await AreaNameAsync(plan.AreaCode, ct)));
            return (key, null);
        }
        var point = key.Length > 40 ? null
            : await db.ServicePoints.Where(p => p.Code == key).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (point is null) errors.Add("unit", text.Format("Targets.UnknownUnit", Cut(key)));
        else if (!await db.ServicePoints.VisibleTo(db, TargetAccess.AreaScope(plan.AreaCode), clock.Today())
                     .AnyAsync(p => p.Id == point, ct))
            errors.Add("unit", text.Format("Targets.UnitOutsidePlan", key, await AreaNameAsync(plan.AreaCode, ct)));
        return (null, point);
    }

    /// Whether an area code lies inside the plan's: the same unit, a district of the plan's province, a commune of the
    /// province (under it directly on the two-tier map, or through a district before), or a commune of the plan's former
    /// district (then, or by succession on today's map).
    private async Task<bool> InsideAsync(string planArea, string code, CancellationToken ct)
    {
        if (code == planArea) return true;
        if (code.Length <= planArea.Length || planArea.Length == 5) return false;
        var units = db.AdminUnits;
        if (planArea.Length == 2)
            return code.Length == 3
                ? await units.AnyAsync(d => d.Code == code && d.Level == AdminLevel.District && d.ParentCode == planArea, ct)
                : await units.AnyAsync(c => c.Code == code && c.Level == AdminLevel.Commune && (c.ParentCode == planArea
                    || units.Any(d => d.Code == c.ParentCode && d.Level == AdminLevel.District && d.ParentCode == planArea)), ct);
        return await units.AnyAsync(c => c.Code == code && c.Level == AdminLevel.Commune && c.ParentCode == planArea, ct)
            || await db.CommunesOfArea(planArea, clock.Today()).AnyAsync(c => c.Code == code, ct);
    }

    private async Task<string> AreaNameAsync(string code, CancellationToken ct) =>
        await db.AdminUnits.Where(u => u.Code == code).OrderByDescending(u => u.ValidTo == null).ThenByDescending(u => u.ValidFrom)
            .Select(u => u.Name).FirstOrDefaultAsync(ct) ?? code;

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
