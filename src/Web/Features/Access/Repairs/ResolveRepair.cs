namespace Bookpost.Web.Features.Access;

/// Closes a ticket: fixed (the equipment works again), replaced (it is retired, and its successor registered when
/// its tag is given) or cancelled (reported in error; it works).
public sealed class ResolveRepair(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<TicketDto>> HandleAsync(int id, TicketStep step, TicketStepInput input, UserScope scope, CancellationToken ct)
    {
        if (step == TicketStep.Assign) throw new ArgumentOutOfRangeException(nameof(step), "Assigning is AssignRepair.");
        var (ticket, failure) = await TicketSteps.FindAsync(db, text, scope, clock.Today(), id, step, ct);
        if (ticket is null) return failure!;
        var (checkedStep, invalid) = await TicketSteps.CheckAsync(db, text, ticket, step, input, ct);
        if (checkedStep is null) return invalid!;
        var (at, by, note, now) = (checkedStep.At, scope.UserName, checkedStep.Note, db.UtcNow);
        var computer = ticket.Computer;
        var why = step switch
        {
            TicketStep.Fix => ticket.Fix(at, by, note),
            TicketStep.Replace => ticket.Replace(at, by, note, Successor(computer, checkedStep.ReplacementTag, at, by, now)),
            _ => ticket.Cancel(at, by, note),
        };
        if (why is not null) return TicketSteps.Refused(text, ticket, step, why);
        TicketSteps.MoveEquipment(ticket, at, by, note ?? checkedStep.Assignee, now);
        if (await TicketSave.TryAsync(db, text, text["Concurrency.Stale"], ct) is { } failed) return failed;
        return await TicketReads.OneAsync(db, ticket.Id, ct);
    }

    /// The computer that takes the replaced one's place, when its tag is given: same site and kind, working.
    private Computer? Successor(Computer old, string? tag, DateTime at, string by, DateTime now)
    {
        if (tag is null) return null;
        var replacement = new Computer
        {
            SiteId = old.SiteId, AssetTag = tag, Kind = old.Kind, Source = EquipmentSource.Province,
            YearReceived = VnTime.ToLocal(at).Year, CreatedAt = now, UpdatedAt = now,
        };
        replacement.ChangeStatus(EquipmentStatus.Working, at, by, text.Format("Access.ReplacesTag", old.AssetTag));
        return replacement;
    }
}
