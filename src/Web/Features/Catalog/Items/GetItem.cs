namespace Bookpost.Web.Features.Catalog;

public sealed class GetItem(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ItemDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var item = await ItemScope.Visible(db, scope, clock.Today()).Where(i => i.Id == id).ToItemDtos().SingleOrDefaultAsync(ct);
        return item is null ? Result<ItemDto>.NotFound() : item;
    }
}
