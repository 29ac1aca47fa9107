namespace Bookpost.Web.Features.Access;

public sealed record ReportInput(int? ComputerId, string? Problem, DateTimeOffset? ReportedAt = null);

/// Opens a repair ticket; the equipment becomes Broken. The time may be given for a breakdown noticed earlier, but not
/// before the computer was registered or in the future.
public sealed class ReportBroken(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<TicketDto>> HandleAsync(ReportInput input, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var errors = new FieldErrors();
        var computer = input.ComputerId is { } cid
            ? await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == cid && sites.Contains(c.SiteId), ct)
            : null;
        if (computer is null) return Result<TicketDto>.Invalid("computerId", text["Access.ComputerRequired"]);
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site))) return Result<TicketDto>.Forbidden(text["Access.NotYourSite"]);
        var problem = TextFolding.CleanOrNull(input.Problem);
        if (problem is null) errors.Add("problem", text["Access.ProblemRequired"]);
        else if (problem.Length > 500) errors.Add("problem", text.Format("Validation.MaxLength", 500));
        var now = db.UtcNow;
        var at = input.ReportedAt?.UtcDateTime ?? now;
        if (at > now.AddMinutes(5)) errors.Add("reportedAt", text["Access.TimeInFuture"]);
        else if (at < now.AddDays(-366)) errors.Add("reportedAt", text["Access.TooOld"]);
        else if (at < computer.CreatedAt)
            errors.Add("reportedAt", text.Format("Access.BeforeRegistration", VnTime.Show(computer.CreatedAt)));
        if (errors.Any) return errors.ToResult<TicketDto>();
        if (await db.RepairTickets.Where(RepairTicket.Open).AnyAsync(t => t.ComputerId == computer.Id, ct))
            return Result<TicketDto>.Conflict(text["Access.TicketOpen"]);
        if (computer.Status is EquipmentStatus.Retired or EquipmentStatus.UnderRepair)
            return Result<TicketDto>.Conflict(text.Format("Access.CannotReport", text.Enum(computer.Status)));
        if (await AccessScope.InUseAsync(db, computer.Id, ct)) return Result<TicketDto>.Conflict(text["Access.SessionOpenOnComputer"]);
        if (at > now) at = now;
        var ticket = new RepairTicket { ComputerId = computer.Id, SiteId = computer.SiteId, Problem = problem!, ReportedAt = at,
            ReportedBy = scope.UserName };
        db.RepairTickets.Add(ticket);
        // The status change the ticket is about: a new one, or the one that already made the computer Broken.
        if (computer.Status != EquipmentStatus.Broken) computer.ChangeStatus(EquipmentStatus.Broken, at, scope.UserName, problem, ticket);
        else if (await db.EquipmentStatusChanges
                     .Where(h => h.ComputerId == computer.Id && h.TicketId == null && h.To == EquipmentStatus.Broken)
                     .OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct) is { } earlier)
            earlier.Ticket = ticket;
        computer.UpdatedAt = now;
        // A second report of the same computer at once meets the one-open-ticket index.
        if (await TicketSave.TryAsync(db, text, text["Access.TicketOpen"], ct) is { } failed) return failed;
        return await TicketReads.OneAsync(db, ticket.Id, ct);
    }
}
