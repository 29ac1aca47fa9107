namespace Bookpost.Web.Features.Circulation;

public sealed class GetReader(AppDbContext db)
{
    public async Task<Result<ReaderDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var reader = await CirculationScope.Readers(db, scope).Where(r => r.Id == id).ToDtos(db).SingleOrDefaultAsync(ct);
        return reader is null ? Result<ReaderDto>.NotFound() : reader;
    }
}
