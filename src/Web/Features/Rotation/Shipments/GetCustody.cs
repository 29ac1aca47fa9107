using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Rotation;

public sealed record CustodyAnswer(int ItemId, string Barcode, DateTime? At, CustodyDto? Holder, IReadOnlyList<CustodyDto> Chain);

/// A copy's chain of custody, and who held it at a given moment.
public sealed class GetCustody(AppDbContext db, TimeProvider clock, ItemMovements movements)
{
    public async Task<Result<CustodyAnswer>> HandleAsync(int itemId, DateTime? at, UserScope scope, CancellationToken ct)
    {
        var item = await ItemScope.Visible(db, scope, clock.Today()).Where(i => i.Id == itemId).Select(i => new { i.Id, i.Barcode })
            .SingleOrDefaultAsync(ct);
        if (item is null)
        {
            // A point also sees the copies that passed through it.
            var passed = scope.Role == AppRole.Point
                && await db.ItemCustody.AnyAsync(c => c.ItemId == itemId && c.ServicePointId == scope.PointId, ct);
            if (!passed)

                return Result<CustodyAnswer>.NotFound();
            item = await db.Items.Where(i => i.Id == itemId).Select(i => new { i.Id, i.Barcode }).SingleAsync(ct);
        }
        var chain = await movements.ChainAsync(itemId, ct);
        return new CustodyAnswer(item.Id, item.Barcode, at, at is { } when ? ItemMovements.At(chain, when) : null, chain);
    }
}
