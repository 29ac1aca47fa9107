namespace Bookpost.Web.Features.Catalog;

/// The progress and summary of one import.
public sealed class GetImport(AppDbContext db)
{
    public async Task<Result<ImportJobDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var job = await ImportScope.Visible(db, scope).SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? Result<ImportJobDto>.NotFound() : job.ToDto(await db.IssuesStoredAsync(job.Id, ct));
    }
}
