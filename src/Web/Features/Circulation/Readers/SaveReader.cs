using System.Text.RegularExpressions;
using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Circulation;

public sealed record ReaderInput
{
    public string? CardNumber { get; init; }
    public string? FullName { get; init; }
    public int? BirthYear { get; init; }
    public Sex? Sex { get; init; }
    public ReaderCategory? Category { get; init; }
    public bool EthnicMinority { get; init; }
    public bool PoorHousehold { get; init; }
    public string? Village { get; init; }
    public string? Phone { get; init; }
    public DateOnly? ConsentOn { get; init; }
    public int? PointId { get; init; }
}

/// Registers a reader at the operator's point, or corrects one. The card number is given or made from the point's code.
public sealed partial class SaveReader(AppDbContext db, TimeProvider clock, Text text, GetReader get, ReaderPurpose purpose)
{
    [GeneratedRegex("^[A-Z0-9-]{3,40}$")]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"^[0-9 +().-]{8,20}$")]
    private static partial Regex PhonePattern();

    public async Task<Result<ReaderDto>> HandleAsync(
        int? id, long? expectedVersion, ReaderInput input, UserScope scope, CancellationToken ct)
    {
        Reader? reader = null;
        if (id is { } existing)
        {
            reader = await CirculationScope.Readers(db, scope).SingleOrDefaultAsync(r => r.Id == existing, ct);
            if (reader is null) return Result<ReaderDto>.NotFound();
            if (text.CheckVersion<ReaderDto>(expectedVersion, reader.Version) is { } refused) return refused;
            if (reader.IsErased) return Result<ReaderDto>.Conflict(text["Circulation.AlreadyErased"]);
        }
        var pointId = reader?.PointId ?? CirculationScope.DeskPoint(scope, input.PointId);
        var errors = new FieldErrors();
        if (pointId is null || !await db.ServicePoints.AnyAsync(p => p.Id == pointId, ct))
            errors.Add("pointId", text["Circulation.PointRequired"]);
        var today = clock.Today();
        var name = TextFolding.CleanOrNull(input.FullName);
        if (name is null) errors.Add("fullName", text["Circulation.NameRequired"]);
        else if (name.Length > 150) errors.Add("fullName", text.Format("Validation.MaxLength", 150));
        if (input.BirthYear is { } y && (y < today.Year - 110 || y > today.Year)) errors.Add("birthYear", text["People.BirthYearRange"]);
        if (input.Category is null) errors.Add("category", text["Circulation.CategoryRequired"]);
        if (input.ConsentOn is null) errors.Add("consentOn", text["Circulation.ConsentRequired"]);
        else if (input.ConsentOn > today) errors.Add("consentOn", text["Circulation.ConsentFuture"]);
        var phone = TextFolding.CleanOrNull(input.Phone);
        if (phone is not null && !PhonePattern().IsMatch(phone)) errors.Add("phone", text["Circulation.PhoneFormat"]);
        if (input.Village?.Length > 150) errors.Add("village", text.Format("Validation.MaxLength", 150));
        var card = TextFolding.CleanOrNull(input.CardNumber)?.ToUpperInvariant();
        if (card is not null && !CardPattern().IsMatch(card)) errors.Add("cardNumber", text["Circulation.CardFormat"]);
        // Card numbers are unique at the point (the desk finds a reader by point and card), so only the point's own
        // readers can hold a number up: a number used at another point is free here and tells nothing about it.
        else if (card is not null && pointId is { } at
            && await db.Readers.AnyAsync(r => r.PointId == at && r.CardNumber == card && r.Id != (id ?? 0), ct))
            errors.Add("cardNumber", text.Format("Circulation.CardTaken", card));
        if (errors.Any) return errors.ToResult<ReaderDto>();

        var now = db.UtcNow;
        if (reader is null)
        {
            // The consent is given to the purpose text shown on the form now: stored with its version, as it reads.
            reader = new Reader
            {
                PointId = pointId!.Value, RegisteredOn = today, CreatedAt = now, ConsentPurposeKey = ReaderPurpose.Version,
                ConsentPurpose = purpose.Current,
            };
            db.Readers.Add(reader);
        }
        if (card is null && reader.CardNumber.Length == 0)
        {
            // The point's code and a running number: what is printed on the card.
            var code = await db.ServicePoints.Where(p => p.Id == reader.PointId).Select(p => p.Code).SingleAsync(ct);
            var count = await db.Readers.CountAsync(r => r.PointId == reader.PointId, ct);
            do card = $"{code}-{++count:D4}".ToUpperInvariant();
            while (await db.Readers.AnyAsync(r => r.PointId == reader.PointId && r.CardNumber == card, ct));
        }
        reader.CardNumber = card ?? reader.CardNumber;
        reader.FullName = name!;
        reader.BirthYear = input.BirthYear;
        reader.Sex = input.Sex ?? Sex.Unknown;
        reader.Category = input.Category!.Value;
        reader.EthnicMinority = input.EthnicMinority;
        reader.PoorHousehold = input.PoorHousehold;
        reader.Village = TextFolding.CleanOrNull(input.Village);
        reader.Phone = phone;
        reader.ConsentOn = input.ConsentOn!.Value;
        reader.UpdatedAt = now;
        reader.RefreshSearchText();
        var taken = text.Format("Circulation.CardTaken", reader.CardNumber);
        if (await db.TrySaveAsync<ReaderDto>(
                text, expectedVersion, ct, duplicate: () => Result<ReaderDto>.Invalid("cardNumber", taken)) is { } failed)
            return failed;
        return await get.HandleAsync(reader.Id, UserScope.System, ct);
    }
}
