namespace Bookpost.Web.Features.Rotation;

public sealed record CycleInput
{
    public string? Name { get; init; }
    public int? LibraryId { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public int? RepeatWindow { get; init; }
}

/// Opens a cycle for a library: a period of at most a year and the repeat window the planner keeps. Planners only
/// (the route and the page check the role); the library must be the caller's.
public sealed class CreateCycle(AppDbContext db, Text text, GetCycle get)
{
    public async Task<Result<CycleDetailDto>> HandleAsync(CycleInput input, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = TextFolding.CleanOrNull(input.Name);
        if (name is null) errors.Add("name", text["Rotation.NameRequired"]);
        else if (name.Length > 100) errors.Add("name", text.Format("Validation.MaxLength", 100));
        if (input.StartsOn is null) errors.Add("startsOn", text["Rotation.StartRequired"]);
        if (input.EndsOn is null) errors.Add("endsOn", text["Rotation.EndRequired"]);
        else if (input.StartsOn is { } s && (input.EndsOn <= s || input.EndsOn > s.AddDays(366)))
            errors.Add("endsOn", text["Rotation.EndAfterStart"]);

        if (input.RepeatWindow is < 0 or > 12) errors.Add("repeatWindow", text["Rotation.RepeatWindowRange"]);
        var libraryId = input.LibraryId ?? (scope.Role == AppRole.Library ? scope.PointId : null);
        var library = libraryId is { } l ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == l, ct) : null;
        if (library is null || !library.IsLibrary) errors.Add("libraryId", text["Item.OwnerNotLibrary"]);
        if (errors.Any) return errors.ToResult<CycleDetailDto>();
        if (!RotationScope.OwnsLibrary(scope, library!.Id)) return Result<CycleDetailDto>.Forbidden(text["Rotation.OtherLibrary"]);
        var now = db.UtcNow;
        var cycle = new RotationCycle
        {
            Name = name!, LibraryId = library.Id, StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value,
            RepeatWindow = input.RepeatWindow ?? 2, CreatedAt = now, UpdatedAt = now,
        };
        db.RotationCycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        return await get.HandleAsync(cycle.Id, UserScope.System, ct);
    }
}
