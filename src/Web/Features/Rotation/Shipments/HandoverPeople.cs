namespace Bookpost.Web.Features.Rotation;

/// The person present for one party at a handover, as typed: a name ("Lê Thị Hoa", or with the honorific "Bà Lê Thị
/// Hoa") and a position ("Thủ thư"). Both may be left empty (the record then keeps a dotted line to write by hand);
/// a position without a name is refused, since it names nobody.
public sealed record HandoverPerson(string? Name, string? Position)
{
    /// The column width of each field, on the shipment and on the user.
    public const int MaxLength = 100;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Name is null && Position is null;
}

/// Checks the people typed on the dispatch and receipt forms (and sent to the API), and remembers per user what they
/// typed last, so the next form comes filled in.
public sealed class HandoverPeople(AppDbContext db, Text text)
{
    private HandoverPerson? _recalled;

    /// The cleaned person, or null with field errors under "<paramref name="field"/>.name" and ".position".
    public HandoverPerson? Check(HandoverPerson? input, string field, FieldErrors errors)
    {
        var name = TextFolding.CleanOrNull(input?.Name);
        var position = TextFolding.CleanOrNull(input?.Position);
        var ok = true;
        var unprintable = name?.Any(Unprintable) == true ? "name" : position?.Any(Unprintable) == true ? "position" : null;
        if (unprintable is not null)
        {
            errors.Add($"{field}.{unprintable}", text["Handover.Unprintable"]);
            return null;
        }
        if (name is { Length: > HandoverPerson.MaxLength })
        {
            errors.Add($"{field}.name", text.Format("Validation.MaxLength", HandoverPerson.MaxLength));
            ok = false;
        }
        if (position is { Length: > HandoverPerson.MaxLength })
        {
            errors.Add($"{field}.position", text.Format("Validation.MaxLength", HandoverPerson.MaxLength));
            ok = false;
        }
        else if (position is not null && name is null)
        {
            errors.Add($"{field}.name", text["Handover.NameForPosition"]);
            ok = false;
        }
        return ok ? new HandoverPerson(name, position) : null;
    }

    /// Control characters, and the invisible ones that change what a printed record shows: direction overrides,
    /// zero-width spaces, soft hyphens (Unicode "format" characters), line and paragraph separators.
    private static bool Unprintable(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
        or System.Globalization.UnicodeCategory.ParagraphSeparator;

    /// Keeps what the user typed for next time, in the caller's save. An empty form forgets nothing: a user who left
    /// the fields empty once still finds their name the next time.
    public async Task RememberAsync(string userName, HandoverPerson person, CancellationToken ct)
    {
        if (person.IsEmpty) return;
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return;
        user.HandoverName = person.Name;
        user.HandoverPosition = person.Position;
        _recalled = person;
    }

    /// What the user typed last, or nothing when they have never typed anything: an account's name ("Thư viện tỉnh
    /// (demo)") is not a person, and an empty field prints the dotted line to write by hand. Read once per request: a
    /// page with a form on every line asks once.
    public async Task<HandoverPerson> RecallAsync(string? userName, CancellationToken ct = default)
    {
        if (_recalled is not null) return _recalled;
        var user = userName is null ? null : await db.Users.Where(u => u.UserName == userName)
            .Select(u => new { u.HandoverName, u.HandoverPosition }).SingleOrDefaultAsync(ct);
        _recalled = new HandoverPerson(user?.HandoverName, user?.HandoverPosition);
        return _recalled;
    }
}
