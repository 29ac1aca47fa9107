using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public sealed record AddItemsRequest(IReadOnlyList<string>? Barcodes = null, IReadOnlyList<int>? ItemIds = null);

/// What adding copies did, copy by copy: added (perhaps with a warning), or refused with the reason.
public sealed record AddItemsResult(IReadOnlyList<string> Added, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors,
    int ItemCount);

/// Adds copies to a set that is being assembled or is at home, by barcode (scanned) or by id (picked from search or
/// suggestions). A copy must belong to the set's library and be in no other set; one that is not Available is added
/// with a warning, one that is lost or withdrawn is refused.
public sealed class AddSetItems(AppDbContext db, TimeProvider clock, Text text, ItemMovements movements)
{
    public const int MaxPerRequest = 1000;

    public async Task<Result<AddItemsResult>> HandleAsync(int setId, AddItemsRequest request, UserScope scope, CancellationToken ct)
    {
        var set = await RotationScope.Sets(db, scope, clock.Today()).SingleOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return Result<AddItemsResult>.NotFound();
        if (!RotationScope.OwnsLibrary(scope, set.OwnerId)) return Result<AddItemsResult>.Forbidden(text["Rotation.OtherLibrary"]);
        if (!set.CanChangeItems) return Result<AddItemsResult>.Conflict(text.Format("Rotation.SetNotAtHome", text.Enum(set.Status)));
        var barcodes = Barcodes.Clean(request.Barcodes);
        var ids = (request.ItemIds ?? []).Distinct().ToList();
        if (barcodes.Count + ids.Count == 0) return Result<AddItemsResult>.Invalid("barcodes", text["Rotation.NoBarcodes"]);
        if (barcodes.Count + ids.Count > MaxPerRequest)
            return Result<AddItemsResult>.Invalid("barcodes", text.Format("Rotation.TooManyBarcodes", MaxPerRequest));

        var items = await db.Items.Include(i => i.Title).Where(i => barcodes.Contains(i.Barcode) || ids.Contains(i.Id)).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var memberships = await db.RotationSetItems.Where(m => itemIds.Contains(m.ItemId))
            .Select(m => new { m.ItemId, m.SetId, SetCode = db.RotationSets.Where(s => s.Id == m.SetId).Select(s => s.Code).First() })
            .ToDictionaryAsync(m => m.ItemId, ct);
        var added = new List<string>();
        var warnings = new List<string>();
        var errors = new List<string>();
        foreach (var missing in barcodes.Where(b => items.All(i => i.Barcode != b)))
            errors.Add(text.Format("Rotation.UnknownBarcode", missing));
        foreach (var missing in ids.Where(id => items.All(i => i.Id != id))) errors.Add(text.Format("Rotation.UnknownItem", missing));
        var now = db.UtcNow;
        var accepted = new List<Item>();
        foreach (var item in items.OrderBy(i => i.Barcode))
        {
            if (memberships.TryGetValue(item.Id, out var m))
            {
                if (m.SetId == set.Id) warnings.Add(text.Format("Rotation.AlreadyInThisSet", item.Barcode));
                else errors.Add(text.Format("Rotation.InOtherSet", item.Barcode, m.SetCode));
                continue;
            }
            if (item.OwnerId != set.OwnerId)
            {
                errors.Add(text.Format("Rotation.NotOwnersCopy", item.Barcode));
                continue;
            }
            if (item.Status is ItemStatus.Lost or ItemStatus.Withdrawn)
            {
                errors.Add(text.Format("Rotation.ItemGone", item.Barcode, text.Enum(item.Status)));
                continue;
            }
            if (item.Status != ItemStatus.Available)
                warnings.Add(text.Format("Rotation.ItemNotAvailable", item.Barcode, text.Enum(item.Status)));

            db.RotationSetItems.Add(new RotationSetItem { SetId = set.Id, ItemId = item.Id, AddedAt = now, AddedBy = scope.UserName });
            accepted.Add(item);
            added.Add(item.Barcode);
        }
        // Available copies are now part of the set where they stand; the others keep their status until they come back.
        movements.SetStatus(accepted.Where(i => i.Status == ItemStatus.Available).ToList(), ItemStatus.InSet, now);
        await movements.EnsureOpenAsync(accepted, now, scope.UserName, ct);
        set.UpdatedAt = now;
        // A unique-key failure means someone put one of these copies in another set at the same moment: nothing is kept.
        var failed = await db.TrySaveAsync(text, null, ct,
            duplicate: () => Result<AddItemsResult>.Conflict(text["Rotation.ConcurrentMembership"]));
        if (failed is not null) return failed;
        var count = await db.RotationSetItems.CountAsync(i => i.SetId == set.Id, ct);
        return new AddItemsResult(added, warnings, errors, count);
    }
}
