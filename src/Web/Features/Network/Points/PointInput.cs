using System.Text.RegularExpressions;

namespace Bookpost.Web.Features.Network.Points;

/// What a user sends to create or replace a point: by the form, the API or one row of an import.
public sealed record PointInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public ServicePointKind? Kind { get; init; }
    public string? CommuneCode { get; init; }
    public int? OperatorId { get; init; }
    public string? Address { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Phone { get; init; }
    public string? OpeningHours { get; init; }
    public ServicePointStatus? Status { get; init; }
    public string? StatusReason { get; init; }
    public DateOnly? OpenedOn { get; init; }

    /// When the point changes commune: the first day in the new one (today when not given). Ignored otherwise.
    public DateOnly? MovedOn { get; init; }
    public bool HasComputers { get; init; }
    public bool HasInternet { get; init; }
}

/// The checks every way of writing a point shares. Field keys are the camelCase names of PointInput.
public sealed partial class PointValidator(AppDbContext db, TimeProvider clock, Text text)
{
    // Mainland Việt Nam with its islands, Trường Sa included.
    public const double MinLatitude = 8.0, MaxLatitude = 23.5, MinLongitude = 102.0, MaxLongitude = 118.0;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+() .-]{6,20}$")]
    private static partial Regex PhonePattern();

    /// Validates one input. Units and operators can be passed in preloaded, so that an import of many rows
    /// does not query for each; the commune found is returned so the caller can check scope.
    public async Task<AdminUnit?> ValidateAsync(PointInput input, FieldErrors errors, CancellationToken ct, Lookups? lookups = null)
    {
        var today = clock.Today();
        if (string.IsNullOrWhiteSpace(input.Code)) errors.Add("code", text["Point.CodeRequired"]);
        else if (!CodePattern().IsMatch(input.Code.Trim())) errors.Add("code", text["Point.CodeFormat"]);

        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", text["Point.NameRequired"]);
        else if (input.Name.Trim().Length > 200) errors.Add("name", text.Format("Validation.MaxLength", 200));

        if (input.Kind is null) errors.Add("kind", text["Point.KindRequired"]);

        if (input.Latitude is null != input.Longitude is null)
            errors.Add(input.Latitude is null ? "latitude" : "longitude", text["Point.CoordinatesBoth"]);
        if (input.Latitude is { } lat && (lat < MinLatitude || lat > MaxLatitude || double.IsNaN(lat)))
            errors.Add("latitude", text.Format("Point.LatitudeRange", MinLatitude, MaxLatitude));
        if (input.Longitude is { } lon && (lon < MinLongitude || lon > MaxLongitude || double.IsNaN(lon)))
            errors.Add("longitude", text.Format("Point.LongitudeRange", MinLongitude, MaxLongitude));

        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhonePattern().IsMatch(input.Phone.Trim()))
            errors.Add("phone", text["Point.PhoneFormat"]);
        if (input.Address?.Length > 300) errors.Add("address", text.Format("Validation.MaxLength", 300));
        if (input.OpeningHours?.Length > 200) errors.Add("openingHours", text.Format("Validation.MaxLength", 200));
        if (input.StatusReason?.Length > 500) errors.Add("statusReason", text.Format("Validation.MaxLength", 500));
        if (input.OpenedOn is { } opened && opened > today) errors.Add("openedOn", text["Point.OpenedInFuture"]);

        if (input.OperatorId is { } operatorId)
        {
            var exists = lookups?.OperatorIds.Contains(operatorId)
                ?? await db.Organizations.AnyAsync(o => o.Id == operatorId, ct);
            if (!exists) errors.Add("operatorId", text["Point.OperatorUnknown"]);
        }

        if (string.IsNullOrWhiteSpace(input.CommuneCode))
        {
            errors.Add("communeCode", text["Point.CommuneRequired"]);
            return null;
        }
        if (input.MovedOn is { } moved && moved > today) errors.Add("movedOn", text["Point.MovedInFuture"]);
        return await ValidateCommuneAsync(input.CommuneCode.Trim(), input.MovedOn, today, errors, ct, lookups);
    }

    /// The commune must be valid today. A move dated in the past must fall within today's version of the commune: a code
    /// valid on that day may have named another unit (14758 was Phường Đông Thọ before 01/07/2025), so it is refused. An
    /// opening day before the commune existed is fine: the point stood in a predecessor then.
    private async Task<AdminUnit?> ValidateCommuneAsync(string code, DateOnly? movedOn, DateOnly today, FieldErrors errors,
        CancellationToken ct, Lookups? lookups)
    {
        var versions = lookups?.UnitsByCode.GetValueOrDefault(code)
            ?? InOrder(await db.AdminUnits.Where(u => u.Code == code).ToListAsync(ct));
        if (versions.Count == 0 || versions[0].Level != AdminLevel.Commune)
        {
            errors.Add("communeCode", text.Format("Point.CommuneUnknown", code));
            return null;
        }
        var current = versions.FirstOrDefault(u => u.IsValidOn(today));
        if (current is null)
        {
            var last = versions[^1];
            errors.Add("communeCode", last.ValidTo is { } ended
                ? text.Format("Point.CommuneEnded", last.Name, code, VnTime.Show(ended))
                : text.Format("Point.CommuneNotYetValid", last.Name, code));
            return null;
        }
        if (movedOn is { } moved && !current.IsValidOn(moved))
        {
            errors.Add("movedOn", text.Format("Point.CommuneNotValidOnMove", current.Name, VnTime.Show(moved),
                VnTime.Show(current.ValidFrom!.Value)));
            return null;
        }
        return current;
    }

    /// Checks a person's move of a point: into a commune valid today and already on <paramref name="movedOn"/>, dated
    /// neither in the future nor before the point's current row began (a move dated that very day corrects the row, see
    /// <see cref="PointPlaces.MoveAsync"/>; an earlier one would rewrite history a move does not know about).
    public async Task<AdminUnit?> ValidateMoveAsync(int pointId, string? communeCode, DateOnly movedOn, FieldErrors errors,
        CancellationToken ct)
    {
        var today = clock.Today();
        if (movedOn > today) errors.Add("movedOn", text["Point.MovedInFuture"]);
        else await CheckMoveStartAsync(pointId, movedOn, errors, ct);
        if (string.IsNullOrWhiteSpace(communeCode))
        {
            errors.Add("communeCode", text["Point.CommuneRequired"]);
            return null;
        }
        return await ValidateCommuneAsync(communeCode.Trim(), movedOn, today, errors, ct, null);
    }

    /// A move may not begin before the point's open commune row does.
    public async Task CheckMoveStartAsync(int pointId, DateOnly movedOn, FieldErrors errors, CancellationToken ct)
    {
        var since = await db.PointCommunes.Where(l => l.ServicePointId == pointId && l.ValidTo == null)
            .Select(l => l.ValidFrom).FirstOrDefaultAsync(ct);
        if (since is { } start && movedOn < start)
            errors.Add("movedOn", text.Format("Point.MoveBeforeCurrentRow", VnTime.Show(movedOn), VnTime.Show(start)));
    }

    /// Whether the user may place a point in this commune (valid today).
    public Task<bool> InScopeAsync(UserScope scope, AdminUnit commune, CancellationToken ct) =>
        scope.Area == AreaLevel.PointOnly ? Task.FromResult(false)
            : db.CommunesOpenTo(scope, clock.Today()).AnyAsync(c => c.Code == commune.Code, ct);

    /// Versions of a code oldest first, ordered here: PostgreSQL sorts a null start (since before our records) last, SQLite
    /// first, and the checks above read the first and the last version.
    private static List<AdminUnit> InOrder(List<AdminUnit> units) => units.OrderBy(u => u.ValidFrom ?? DateOnly.MinValue).ToList();

    /// Everything validation needs to look up, loaded once for an import.
    public sealed record Lookups(IReadOnlyDictionary<string, List<AdminUnit>> UnitsByCode, IReadOnlySet<int> OperatorIds);

    public async Task<Lookups> LoadLookupsAsync(CancellationToken ct)
    {
        var units = InOrder(await db.AdminUnits.AsNoTracking().ToListAsync(ct));
        var operators = await db.Organizations.Select(o => o.Id).ToListAsync(ct);
        return new Lookups(
            units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.ToList()),
            operators.ToHashSet());
    }
}

internal static class PointInputMapping
{
    /// Places a new point in its commune, or moves an existing one that changes commune from the day the input names.
    public static async Task PlaceAsync(this PointInput input, AppDbContext db, ServicePoint point, AdminUnit commune, DateOnly today,
        string by, CancellationToken ct)
    {
        if (point.Id == 0) PointPlaces.Place(point, commune, input.OpenedOn);
        else if (point.CommuneCode != commune.Code)
            await PointPlaces.MoveAsync(db, point, commune.Code, input.MovedOn ?? today, by, null, ct);
    }

    public static void ApplyTo(this PointInput input, ServicePoint point, DateTime now, string by)
    {
        point.Code = input.Code!.Trim().ToUpperInvariant();
        point.Name = TextFolding.Clean(input.Name);
        point.Kind = input.Kind!.Value;
        point.OperatorId = input.OperatorId;
        point.Address = TextFolding.CleanOrNull(input.Address);
        point.Latitude = input.Latitude;
        point.Longitude = input.Longitude;
        point.Phone = TextFolding.CleanOrNull(input.Phone);
        point.OpeningHours = TextFolding.CleanOrNull(input.OpeningHours);
        point.OpenedOn = input.OpenedOn;
        point.HasComputers = input.HasComputers;
        point.HasInternet = input.HasInternet;
        point.UpdatedAt = now;
        point.RefreshSearchText();
        point.ChangeStatus(input.Status ?? point.Status, now, by, TextFolding.CleanOrNull(input.StatusReason));
    }

    public static PointInput ToInput(this PointDto p) => new()
    {
        Code = p.Code,
        Name = p.Name,
        Kind = p.Kind,
        CommuneCode = p.CommuneCode,
        OperatorId = p.OperatorId,
        Address = p.Address,
        Latitude = p.Latitude,
        Longitude = p.Longitude,
        Phone = p.Phone,
        OpeningHours = p.OpeningHours,
        Status = p.Status,
        OpenedOn = p.OpenedOn,
        HasComputers = p.HasComputers,
        HasInternet = p.HasInternet,
    };
}
