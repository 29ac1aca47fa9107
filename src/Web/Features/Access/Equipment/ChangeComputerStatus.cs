namespace Bookpost.Web.Features.Access;

public sealed record StatusInput(EquipmentStatus? Status, string? Reason);

/// A status change by hand (retiring, or marking broken without a ticket). Equipment with an open ticket follows
/// the ticket instead, so the two cannot disagree.
public sealed class ChangeComputerStatus(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<ComputerDto>> HandleAsync(int id, StatusInput input, UserScope scope, CancellationToken ct)
    {
        var (computer, failure) = await ComputerReads.ManagedAsync<ComputerDto>(db, text, scope, clock.Today(), id, ct);
        if (computer is null) return failure!;
        if (input.Status is null) return Result<ComputerDto>.Invalid("status", text["Access.StatusRequired"]);
        if (input.Reason?.Length > 500) return Result<ComputerDto>.Invalid("reason", text.Format("Validation.MaxLength", 500));
        if (await db.RepairTickets.Where(RepairTicket.Open).AnyAsync(t => t.ComputerId == id, ct))
            return Result<ComputerDto>.Conflict(text["Access.TicketOpen"]);
        if (input.Status != EquipmentStatus.Working && await AccessScope.InUseAsync(db, id, ct))
            return Result<ComputerDto>.Conflict(text["Access.SessionOpenOnComputer"]);
        if (!computer.ChangeStatus(input.Status.Value, db.UtcNow, scope.UserName, TextFolding.CleanOrNull(input.Reason)))
            return Result<ComputerDto>.Conflict(text.Format("Access.IllegalStatus", text.Enum(computer.Status),
                text.Enum(input.Status.Value)));
        computer.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<ComputerDto>(text, null, ct) is { } failed) return failed;
        return (await ComputerReads.DetailAsync(db, db.Computers.Where(c => c.Id == id), ct))!;
    }
}
