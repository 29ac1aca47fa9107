namespace Bookpost.Web.Features.Access;

/// Edits a computer's details (not its status, which moves by action), against the version the user read.
public sealed class EditComputer(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<ComputerDto>> HandleAsync(int id, long? expectedVersion, ComputerInput input, UserScope scope,
        CancellationToken ct)
    {
        var today = clock.Today();
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var computer = await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == id && sites.Contains(c.SiteId), ct);
        if (computer is null) return Result<ComputerDto>.NotFound();
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site)))
            return Result<ComputerDto>.Forbidden(text["Access.NotYourSite"]);
        if (text.CheckVersion<ComputerDto>(expectedVersion, computer.Version) is { } refused) return refused;
        var errors = await ComputerForm.CheckAsync(db, text, input, computer, today, ct);
        if (errors.Any) return errors.ToResult<ComputerDto>();

        ComputerForm.Apply(computer, input, db.UtcNow);
        if (await db.TrySaveAsync<ComputerDto>(text, expectedVersion, ct, duplicate: () => ComputerForm.TagTaken(text,
            input)) is { } failed) return failed;
        return (await ComputerReads.DetailAsync(db, db.Computers.Where(c => c.Id == computer.Id), ct))!;
    }
}
