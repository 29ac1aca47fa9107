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
        if (name?.Any(char.IsControl) == true || position?.Any(char.IsControl) == true)
        {
            errors.Add(name?.Any(char.IsControl) == true ? $"{field}.name" : $"{field}.position", text["Handover.Unprintable"]);
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

    /// What the user typed last, or their full name when they have never typed anything. Read once per request: a
    /// page with a form on every line asks once.
    public async Task<HandoverPerson> RecallAsync(string? userName, CancellationToken ct = default)
    {
        if (_recalled is not null) return _recalled;
        var user = userName is null ? null : await db.Users.Where(u => u.UserName == userName)
            .Select(u => new { u.HandoverName, u.HandoverPosition, u.FullName }).SingleOrDefaultAsync(ct);
        _recalled = user is null ? new HandoverPerson(null, null)
            : user.HandoverName is null && user.HandoverPosition is null
                ? new HandoverPerson(TextFolding.CleanOrNull(user.FullName), null)
                : new HandoverPerson(user.HandoverName, user.HandoverPosition);
        return _recalled;
    }
}
