namespace Bookpost.Web.Features.Catalog;

public sealed record ItemQuery(
    string? Barcode = null,
    int? TitleId = null,
    int? Owner = null,
    int? Location = null,
    ItemStatus? Status = null,
    int? Page = null,
    int? PageSize = null);

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
