namespace Bookpost.Web.Features.Catalog;

/// The last hundred imports the user sees, newest first.
public sealed class ListImports(AppDbContext db)
{
    public async Task<PagedList<ImportJobDto>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var jobs = await ImportScope.Visible(db, scope).OrderByDescending(j => j.Id).Take(100).ToListAsync(ct);
        return new PagedList<ImportJobDto>(jobs.Select(j => j.ToDto()).ToList(), jobs.Count, 1, 100);
    }
}
