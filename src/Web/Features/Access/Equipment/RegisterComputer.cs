namespace Bookpost.Web.Features.Access;

/// Registers a computer or a peripheral at a site the user manages, with its first status in its history.
public sealed class RegisterComputer(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<ComputerDto>> HandleAsync(ComputerInput input, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var site = await AccessScope.FindAsync(db, scope, today, input.SiteId, ct);
        if (site is null) return Result<ComputerDto>.Invalid("siteId", text["Access.SiteRequired"]);
        if (!AccessScope.Manages(scope, site)) return Result<ComputerDto>.Forbidden(text["Access.NotYourSite"]);
        var errors = await ComputerForm.CheckAsync(db, text, input, null, today, ct);
        if (errors.Any) return errors.ToResult<ComputerDto>();

        var now = db.UtcNow;
        var computer = new Computer { SiteId = site.Id, CreatedAt = now };
        computer.ChangeStatus(input.Status ?? EquipmentStatus.Working, now, scope.UserName, text["Access.Registered"]);
        ComputerForm.Apply(computer, input, now);
        db.Computers.Add(computer);
        if (await db.TrySaveAsync<ComputerDto>(text, null, ct, duplicate: () => ComputerForm.TagTaken(text, input)) is { } failed)
            return failed;
        return (await ComputerReads.DetailAsync(db, db.Computers.Where(c => c.Id == computer.Id), ct))!;
    }
}
