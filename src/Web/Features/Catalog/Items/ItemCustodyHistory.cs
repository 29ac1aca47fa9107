namespace Bookpost.Web.Features.Catalog;

public sealed record ItemCustodyRecord(int ItemId, string Barcode, IReadOnlyList<CustodyDto> Chain);

/// A copy's chain of custody as a user may see it: copies in the user's scope, and for a point also the copies
/// that passed through it, since the point held them once.
public sealed class ItemCustodyHistory(AppDbContext db, TimeProvider clock, ItemMovements movements)
{
    /// Null when the copy does not exist or the user may not see it.
    public async Task<ItemCustodyRecord?> FindAsync(int itemId, UserScope scope, CancellationToken ct)
    {
        var item = await ItemScope.Visible(db, scope, clock.Today())
            .Where(i => i.Id == itemId)
            .Select(i => new { i.Id, i.Barcode })
            .SingleOrDefaultAsync(ct);
        if (item is null)
        {
            var passed = scope.Role == AppRole.Point
                && await db.ItemCustody.AnyAsync(c => c.ItemId == itemId && c.ServicePointId == scope.PointId, ct);
            if (!passed) return null;
            item = await db.Items.Where(i => i.Id == itemId).Select(i => new { i.Id, i.Barcode }).SingleAsync(ct);
        }
        var chain = await movements.ChainAsync(itemId, ct);
        return new ItemCustodyRecord(item.Id, item.Barcode, chain);
    }
}
