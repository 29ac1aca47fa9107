namespace Bookpost.Web.Features.Catalog;

/// The last hundred imports the user sees, newest first.
public sealed class ListImports(AppDbContext db)
{
    public async Task<PagedList<ImportJobDto>> HandleAsync(UserScope scope, CancellationToken ct)
    {
        var jobs = await ImportScope.Visible(db, scope).OrderByDescending(j => j.Id).Take(100).ToListAsync(ct);
        var ids = jobs.Select(j => j.Id).ToList();
        var stored = await db.ImportIssues.Where(i => ids.Contains(i.JobId)).GroupBy(i => i.JobId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new PagedList<ImportJobDto>(jobs.Select(j => j.ToDto(stored.GetValueOrDefault(j.Id))).ToList(), jobs.Count, 1, 100);
    }
}
