namespace Bookpost.Web.Features.Network.Units;

public enum UnitChangeKind { Merge, Split }

public sealed record NewUnitInput(string? Code, string? Name, string? Type, string? ParentCode);

/// A merge: several units become one on a date (the new unit may keep one of the old codes, as GSO usually does).
/// A split: one unit becomes several. Old versions end the day before; new versions start on the date; each old
/// version is linked to each new one, and the points follow their commune (<see cref="Points.PointPlaces"/>).
public sealed record RecordUnitChangeRequest(UnitChangeKind? Kind, DateOnly? EffectiveOn, IReadOnlyList<string>? From,
    IReadOnlyList<NewUnitInput>? To, string? Note);

public sealed record UnitChangeResult(IReadOnlyList<AdminUnitDto> Ended, IReadOnlyList<AdminUnitDto> Started,
    IReadOnlyList<string> PointsMoved, IReadOnlyList<string> PointsToReview);

public sealed class RecordUnitChange(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<UnitChangeResult>> HandleAsync(RecordUnitChangeRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var fromCodes = (request.From ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        var to = request.To ?? [];
        if (request.Kind is null) errors.Add("kind", text["Unit.KindRequired"]);
        if (request.EffectiveOn is null) errors.Add("effectiveOn", text["Unit.DateRequired"]);
        // A change is recorded once it has taken effect: points follow their communes at once, so a change dated ahead
        // would move them into units that do not exist yet (and out of every province-wide view until then).
        else if (request.EffectiveOn.Value > clock.Today())
            errors.Add("effectiveOn", text.Format("Unit.DateInFuture", VnTime.Show(clock.Today())));
        else if (request.EffectiveOn.Value.Year < 1900) errors.Add("effectiveOn", text["Unit.DateTooEarly"]);
        if (request.Kind == UnitChangeKind.Merge && (fromCodes.Count < 2 || to.Count != 1))
            errors.Add("from", text["Unit.MergeShape"]);
        if (request.Kind == UnitChangeKind.Split && (fromCodes.Count != 1 || to.Count < 2))
            errors.Add("to", text["Unit.SplitShape"]);
        if (errors.Any) return errors.ToResult<UnitChangeResult>();

        var day = request.EffectiveOn!.Value;
        var before = day.AddDays(-1);
        var old = await db.AdminUnits.Where(u => fromCodes.Contains(u.Code)).Where(AdminUnit.ValidOn(before)).ToListAsync(ct);
        foreach (var code in fromCodes.Where(c => old.All(u => u.Code != c)))
            errors.Add("from", text.Format("Unit.NotValidBefore", code, VnTime.Show(day)));
        foreach (var unit in old.Where(u => u.ValidTo is not null && u.ValidTo <= day || u.ValidFrom >= day))
            errors.Add("from", text.Format("Unit.AlreadyChanged", unit.Code));
        if (old.Select(u => u.Level).Distinct().Count() > 1) errors.Add("from", text["Unit.MixedLevels"]);
        var level = old.FirstOrDefault()?.Level;

        // A commune's parent is a district on the three-tier map and the province itself on the two-tier map.
        var parentLevel = level == AdminLevel.Commune && day >= AdminUnit.TwoTierSince ? AdminLevel.Province : level - 1;
        for (var i = 0; i < to.Count; i++)
        {
            var n = to[i];
            var code = n.Code?.Trim() ?? "";
            if (code.Length == 0 || !code.All(char.IsAsciiDigit) || AdminUnit.LevelOfCode(code) != level)
                errors.Add($"to[{i}].code", text["Unit.CodeFormat"]);
            else if (!fromCodes.Contains(code)
                && await db.AdminUnits.AnyAsync(u => u.Code == code && (u.ValidTo == null || u.ValidTo > day), ct))
                errors.Add($"to[{i}].code", text.Format("Unit.CodeInUse", code));
            if (string.IsNullOrWhiteSpace(n.Name)) errors.Add($"to[{i}].name", text["Unit.NameRequired"]);
            if (string.IsNullOrWhiteSpace(n.Type)) errors.Add($"to[{i}].type", text["Unit.TypeRequired"]);
            var parent = n.ParentCode?.Trim();
            if (level != AdminLevel.Province && (string.IsNullOrEmpty(parent)
                || !await db.AdminUnits.Where(AdminUnit.ValidOn(day)).AnyAsync(u => u.Code == parent && u.Level == parentLevel, ct)))
                errors.Add($"to[{i}].parentCode", text["Unit.ParentInvalid"]);
        }
        if (to.Select(t => t.Code?.Trim()).Distinct().Count() != to.Count) errors.Add("to", text["Unit.DuplicateCodes"]);
        if (errors.Any) return errors.ToResult<UnitChangeResult>();

        foreach (var unit in old) unit.ValidTo = day;
        var started = to.Select(n => new AdminUnit
        {
            Code = n.Code!.Trim(),
            Name = TextFolding.Clean(n.Name),
            Type = TextFolding.Clean(n.Type),
            Level = level!.Value,
            ParentCode = n.ParentCode?.Trim(),
            ValidFrom = day,
            SearchText = TextFolding.Fold($"{n.Code} {n.Name}"),
        }).ToList();
        db.AdminUnits.AddRange(started);
        var kind = request.Kind == UnitChangeKind.Merge ? SuccessionKind.Merge : SuccessionKind.Split;
        foreach (var o in old)
            foreach (var s in started)
                db.AdminUnitSuccessions.Add(new AdminUnitSuccession { Predecessor = o, Successor = s, EffectiveOn = day, Kind = kind,
                    Note = TextFolding.CleanOrNull(request.Note) });

        // Points follow their commune: to the one successor of a merger; after a split to the successor nearest them,
        // flagged for review.
        await db.SaveChangesAsync(ct);
        var followed = level == AdminLevel.Commune ? await Points.PointPlaces.FollowSuccessionsAsync(db, day, ct) : [];
        await db.SaveChangesAsync(ct);

        return new UnitChangeResult(
            old.Select(ToDto).ToList(),
            started.Select(ToDto).ToList(),
            followed.Where(f => !f.NeedsReview).Select(f => f.PointCode).ToList(),
            followed.Where(f => f.NeedsReview).Select(f => f.PointCode).ToList());
    }

    private static AdminUnitDto ToDto(AdminUnit u) => AdminUnitDto.Of(u);
}
