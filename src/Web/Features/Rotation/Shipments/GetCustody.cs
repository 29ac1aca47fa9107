using Bookpost.Web.Features.Catalog;

namespace Bookpost.Web.Features.Rotation;

public sealed record CustodyAnswer(int ItemId, string Barcode, DateTime? At, CustodyDto? Holder, IReadOnlyList<CustodyDto> Chain);

/// A copy's chain of custody, and who held it at a given moment.
public sealed class GetCustody(ItemCustodyHistory history)
{
    public async Task<Result<CustodyAnswer>> HandleAsync(int itemId, DateTime? at, UserScope scope, CancellationToken ct)
    {
        if (await history.FindAsync(itemId, scope, ct) is not { } item) return Result<CustodyAnswer>.NotFound();
        var holder = at is { } when ? ItemMovements.At(item.Chain, when) : null;
        return new CustodyAnswer(item.ItemId, item.Barcode, at, holder, item.Chain);
    }
}
