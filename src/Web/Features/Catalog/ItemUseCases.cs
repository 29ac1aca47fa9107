using System.Text.RegularExpressions;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Catalog;

public sealed record ItemDto(int Id, string Barcode, int TitleId, string TitleProper, int OwnerId, string OwnerName, int LocationId,
    string LocationName, ItemStatus Status, string? CallNumber, DateOnly? AcquiredOn, decimal? Price, string? Note, long Version);

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

public sealed record ItemQuery(string? Barcode = null, int? TitleId = null, int? Owner = null, int? Location = null, ItemStatus? Status = null, int? Page = null, int? PageSize = null);

/// Which copies a user sees: those owned by, or now at, a service point in the user's scope.
public static class ItemScope
{
    public static IQueryable<Item> Visible(AppDbContext db, UserScope scope, DateOnly today)
    {
        if (scope.IsProvinceWide && scope.AreaCode.Length == 0) return db.Items;
        var points = db.ServicePoints.VisibleTo(db, scope, today).Select(p => p.Id);
        return db.Items.Where(i => points.Contains(i.OwnerId) || points.Contains(i.LocationId));
    }

    public static IQueryable<ItemDto> ToItemDtos(this IQueryable<Item> items) => items.Select(i => new ItemDto(
        i.Id, i.Barcode, i.TitleId, i.Title.TitleProper, i.OwnerId, i.Owner.Name, i.LocationId, i.Location.Name, i.Status,
        i.CallNumber, i.AcquiredOn, i.Price, i.Note, i.Version));
}

public sealed class ListItems(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<PagedList<ItemDto>>> HandleAsync(ItemQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<ItemDto>>();
        var items = ItemScope.Visible(db, scope, clock.Today());
        if (!string.IsNullOrWhiteSpace(query.Barcode))
        {
            var barcode = query.Barcode.Trim().ToUpperInvariant();
            items = items.Where(i => i.Barcode == barcode);
        }
        if (query.TitleId is { } title) items = items.Where(i => i.TitleId == title);
        if (query.Owner is { } owner) items = items.Where(i => i.OwnerId == owner);
        if (query.Location is { } location) items = items.Where(i => i.LocationId == location);
        if (query.Status is { } status) items = items.Where(i => i.Status == status);
        return await items.OrderBy(i => i.Barcode).ToItemDtos().ToPagedAsync(page, ct);
    }
}

public sealed class GetItem(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ItemDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var item = await ItemScope.Visible(db, scope, clock.Today()).Where(i => i.Id == id).ToItemDtos().SingleOrDefaultAsync(ct);
        return item is null ? Result<ItemDto>.NotFound() : item;
    }
}

/// Creates or replaces a copy. A library's staff write only their own library's copies; an admin writes any.
public sealed partial class SaveItem(AppDbContext db, TimeProvider clock, Text text, GetItem get)
{
    [GeneratedRegex("^[A-Za-z0-9-]{3,40}$")]
    private static partial Regex BarcodePattern();

    public async Task<Result<ItemDto>> HandleAsync(int? id, long? expectedVersion, ItemInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(SaveTitle.Writers)) return Result<ItemDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        Item? item = null;
        if (id is { } existing)
        {
            item = await ItemScope.Visible(db, scope, clock.Today()).SingleOrDefaultAsync(i => i.Id == existing, ct);
            if (item is null) return Result<ItemDto>.NotFound();
            if (expectedVersion is null) return Result<ItemDto>.VersionRequired(text["Concurrency.VersionRequired"]);
            if (expectedVersion != item.Version) return Result<ItemDto>.Stale(text["Concurrency.Stale"]);
        }

        var errors = new FieldErrors();
        var barcode = input.Barcode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(barcode)) errors.Add("barcode", text["Item.BarcodeRequired"]);
        else if (!BarcodePattern().IsMatch(barcode)) errors.Add("barcode", text["Item.BarcodeFormat"]);
        else if (await db.Items.AnyAsync(i => i.Barcode == barcode && i.Id != (id ?? 0), ct)) errors.Add("barcode", text.Format("Item.BarcodeTaken", barcode));
        if (input.TitleId is null || !await db.Titles.AnyAsync(t => t.Id == input.TitleId, ct)) errors.Add("titleId", text["Item.TitleUnknown"]);
        var owner = input.OwnerId is { } o ? await db.ServicePoints.SingleOrDefaultAsync(p => p.Id == o, ct) : null;
        if (owner is null || !owner.IsLibrary) errors.Add("ownerId", text["Item.OwnerNotLibrary"]);
        if (input.LocationId is { } l && !await db.ServicePoints.AnyAsync(p => p.Id == l, ct)) errors.Add("locationId", text["Item.LocationUnknown"]);
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ItemDto>.Stale(text["Concurrency.Stale"]);
        }
        catch (DbUpdateException)
        {
            return Result<ItemDto>.Invalid("barcode", text.Format("Item.BarcodeTaken", barcode));
        }
        return await get.HandleAsync(item.Id, UserScope.System, ct);
    }
}
