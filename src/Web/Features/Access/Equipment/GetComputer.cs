namespace Bookpost.Web.Features.Access;

/// One computer of a site the user sees, with its status history.
public sealed class GetComputer(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ComputerDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        return await ComputerReads.DetailAsync(db, db.Computers.Where(c => c.Id == id && sites.Contains(c.SiteId)), ct) is { } dto
            ? dto
            : Result<ComputerDto>.NotFound();
    }
}
