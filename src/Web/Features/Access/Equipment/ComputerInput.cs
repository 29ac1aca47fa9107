using System.Text.RegularExpressions;

namespace Bookpost.Web.Features.Access;

public sealed record ComputerInput(int? SiteId, string? AssetTag, EquipmentKind? Kind, EquipmentSource? Source, int? YearReceived,
    string? Specs, EquipmentStatus? Status = null);

/// The checks a registration and an edit share, and the fields they write.
public static partial class ComputerForm
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9./_-]{1,39}$")]
    private static partial Regex AssetTagPattern();

    /// The asset tag as stored (upper case), or null when it is not one.
    public static string? Tag(string? input) =>
        TextFolding.CleanOrNull(input)?.ToUpperInvariant() is { } tag && AssetTagPattern().IsMatch(tag) ? tag : null;

    /// The field errors of an input for a new computer (<paramref name="existing"/> null) or for an existing one.
    public static async Task<FieldErrors> CheckAsync(AppDbContext db, Text text, ComputerInput input, Computer? existing, DateOnly today,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var tag = Tag(input.AssetTag);
        var id = existing?.Id ?? 0;
        if (tag is null) errors.Add("assetTag", text["Access.AssetTagFormat"]);
        else if (await db.Computers.AnyAsync(c => c.AssetTag == tag && c.Id != id, ct))
            errors.Add("assetTag", text.Format("Access.AssetTagTaken", tag));
        if (input.Kind is null) errors.Add("kind", text["Access.KindRequired"]);
        if (input.Source is null) errors.Add("source", text["Access.SourceRequired"]);
        if (input.YearReceived is { } y && (y < 2000 || y > today.Year))
            errors.Add("yearReceived", text.Format("Access.YearRange", today.Year));
        if (input.Specs?.Length > 500) errors.Add("specs", text.Format("Validation.MaxLength", 500));
        if (existing is not null && input.Status is { } s && s != existing.Status) errors.Add("status", text["Access.StatusByAction"]);
        return errors;
    }

    /// Writes a checked input's fields.
    public static void Apply(Computer computer, ComputerInput input, DateTime now)
    {
        computer.AssetTag = Tag(input.AssetTag)!;
        computer.Kind = input.Kind!.Value;
        computer.Source = input.Source!.Value;
        computer.YearReceived = input.YearReceived;
        computer.Specs = TextFolding.CleanOrNull(input.Specs);
        computer.UpdatedAt = now;
    }

    /// A unique-index violation on save: another registration took the tag in between.
    public static Result<ComputerDto> TagTaken(Text text, ComputerInput input) =>
        Result<ComputerDto>.Invalid("assetTag", text.Format("Access.AssetTagTaken", Tag(input.AssetTag)));
}
