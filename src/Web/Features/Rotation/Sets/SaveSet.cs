namespace Bookpost.Web.Features.Rotation;

public sealed record SetInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public int? OwnerId { get; init; }
    public SetTheme? Theme { get; init; }
    public bool Reserved { get; init; }
    public string? Note { get; init; }
}

/// Creates a set or edits its name, theme, reservation and note. The code and library are fixed once made.
/// Only planners come here (the route and the page check the role); the library must be the caller's.
public sealed class SaveSet(AppDbContext db, TimeProvider clock, Text text, GetSet get)
{
    public async Task<Result<SetDetailDto>> HandleAsync(int? id, long? expectedVersion, SetInput input, UserScope scope,
        CancellationToken ct)
    {
        RotationSet? set = null;
        if (id is { } existing)
        {
            set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == existing, ct);
            if (set is null) return Result<SetDetailDto>.NotFound();
            if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
            if (text.CheckVersion<SetDetailDto>(expectedVersion, set.Version) is { } stale) return stale;
        }

        var errors = new FieldErrors();
        var code = input.Code?.Trim().ToUpperInvariant();
        var name = TextFolding.CleanOrNull(input.Name);
        if (set is null)
        {
            if (string.IsNullOrEmpty(code)) errors.Add("code", text["Rotation.CodeRequired"]);
            else if (code.Length > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/'))
                errors.Add("code", text["Rotation.CodeFormat"]);

            else if (await db.RotationSets.AnyAsync(s => s.Code == code, ct)) errors.Add("code", text.Format("Rotation.CodeTaken", code));
        }
        if (name is null) errors.Add("name", text["Rotation.NameRequired"]);
        else if (name.Length > 200) errors.Add("name", text.Format("Validation.MaxLength", 200));
        if (input.Note?.Length > 1000) errors.Add("note", text.Format("Validation.MaxLength", 1000));
        var ownerId = set?.OwnerId ?? input.OwnerId ?? (scope.Role == AppRole.Library ? scope.PointId : null);
        var owner = ownerId is { } o ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == o, ct) : null;
        if (owner is null || !owner.IsLibrary) errors.Add("ownerId", text["Item.OwnerNotLibrary"]);
        if (errors.Any) return errors.ToResult<SetDetailDto>();
        if (!RotationScope.OwnsLibrary(scope, owner!.Id)) return Result<SetDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);

        var now = db.UtcNow;
        var isNew = set is null;
        if (set is null)
        {
            set = new RotationSet { Code = code!, OwnerId = owner.Id, LocationId = owner.Id, CreatedAt = now };
            db.RotationSets.Add(set);
        }
        set.Name = name!;
        set.Theme = input.Theme ?? set.Theme;
        set.Reserved = input.Reserved;
        set.Note = TextFolding.CleanOrNull(input.Note);
        set.UpdatedAt = now;
        var failed = await db.TrySaveAsync(text, expectedVersion, ct,
            save: isNew ? () => InsertAsync(set, now, scope.UserName, ct) : null,
            duplicate: () => Result<SetDetailDto>.Invalid("code", text.Format("Rotation.CodeTaken", code)));
        return failed ?? await get.HandleAsync(set.Id, UserScope.System, ct);
    }

    /// A new set and its first history line go in together.
    private async Task InsertAsync(RotationSet set, DateTime now, string by, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.SetEvents.Add(new SetEvent { SetId = set.Id, At = now, Status = set.Status, LocationId = set.OwnerId, By = by });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
