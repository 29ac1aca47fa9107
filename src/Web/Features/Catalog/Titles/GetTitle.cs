namespace Bookpost.Web.Features.Catalog;

/// Titles are the shared catalogue: every signed-in user reads them; the copies shown are those in the user's scope.
public sealed class GetTitle(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<TitleDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var title = await db.Titles.Include(t => t.Isbns).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (title is null) return Result<TitleDetailDto>.NotFound();
        var items = await ItemScope.Visible(db, scope, clock.Today())
            .Where(i => i.TitleId == id)
            .OrderBy(i => i.Barcode)
            .ToItemDtos()
            .ToListAsync(ct);
        return new TitleDetailDto(title.ToDto(), items);
    }
}
