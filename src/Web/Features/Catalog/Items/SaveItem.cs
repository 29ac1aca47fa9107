using System.Text.RegularExpressions;

namespace Bookpost.Web.Features.Catalog;

public sealed record ItemInput
{
    public string? Barcode { get; init; }
    public int? TitleId { get; init; }
    public int? OwnerId { get; init; }
    public int? LocationId { get; init; }
    public ItemStatus? Status { get; init; }
    public string? CallNumber { get; init; }
    public DateOnly? AcquiredOn { get; init; }
    public decimal? Price { get; init; }
    public string? Note { get; init; }
}

/// Creates or replaces a copy. A library's staff write only their own library's copies; an admin writes any (the route
/// admits the writers only; which library's copy may be written depends on the row, so that stays here).
public sealed partial class SaveItem(AppDbContext db, TimeProvider clock, Text text, GetItem get)
{
    [GeneratedRegex("^[A-Za-z0-9-]{3,40}$")]
    private static partial Regex BarcodePattern();

    public async Task<Result<ItemDto>> HandleAsync(int? id, long? expectedVersion, ItemInput input, UserScope scope, CancellationToken ct)
    {
        Item? item = null;
        if (id is { } existing)
        {
            item = await ItemScope.Visible(db, scope, clock.Today()).SingleOrDefaultAsync(i => i.Id == existing, ct);
            if (item is null) return Result<ItemDto>.NotFound();
            if (text.CheckVersion<ItemDto>(expectedVersion, item.Version) is { } refused) return refused;
        }

        var errors = new FieldErrors();
        var barcode = input.Barcode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(barcode)) errors.Add("barcode", text["Item.BarcodeRequired"]);
        else if (!BarcodePattern().IsMatch(barcode)) errors.Add("barcode", text["Item.BarcodeFormat"]);
        else if (await db.Items.AnyAsync(i => i.Barcode == barcode && i.Id != (id ?? 0), ct))
            errors.Add("barcode", text.Format("Item.BarcodeTaken", barcode));
        if (input.TitleId is null || !await db.Titles.AnyAsync(t => t.Id == input.TitleId, ct))
            errors.Add("titleId", text["Item.TitleUnknown"]);
        var owner = input.OwnerId is { } o ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == o, ct) : null;
        if (owner is null || !owner.IsLibrary) errors.Add("ownerId", text["Item.OwnerNotLibrary"]);
        if (input.LocationId is { } l && !await db.ServicePoints.AnyAsync(p => p.Id == l, ct))
            errors.Add("locationId", text["Item.LocationUnknown"]);
        if (input.Price is < 0) errors.Add("price", text["Item.PriceNegative"]);
        if (input.AcquiredOn > clock.Today()) errors.Add("acquiredOn", text["Item.AcquiredInFuture"]);
        if (input.Note?.Length > 1000) errors.Add("note", text.Format("Validation.MaxLength", 1000));
        if (input.CallNumber?.Length > 100) errors.Add("callNumber", text.Format("Validation.MaxLength", 100));
        if (errors.Any) return errors.ToResult<ItemDto>();
        if (scope.Role == AppRole.Library && owner!.Id != scope.PointId) return Result<ItemDto>.Forbidden(text["Item.OtherLibrary"]);

        var now = db.UtcNow;
        if (item is null)
        {
            item = new Item { CreatedAt = now };
            db.Items.Add(item);
        }
        item.Barcode = barcode!;
        item.TitleId = input.TitleId!.Value;
        item.OwnerId = owner!.Id;
        item.LocationId = input.LocationId ?? owner.Id;
        item.Status = input.Status ?? item.Status;
        item.CallNumber = TextFolding.CleanOrNull(input.CallNumber);
        item.AcquiredOn = input.AcquiredOn;
        item.Price = input.Price;
        item.Note = TextFolding.CleanOrNull(input.Note);
        item.UpdatedAt = now;
        if (await db.TrySaveAsync<ItemDto>(text, expectedVersion, ct,
                duplicate: () => Result<ItemDto>.Invalid("barcode", text.Format("Item.BarcodeTaken", barcode))) is { } failed)
            return failed;
        return await get.HandleAsync(item.Id, UserScope.System, ct);
    }
}
