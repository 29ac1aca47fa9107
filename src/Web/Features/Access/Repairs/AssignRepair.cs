namespace Bookpost.Web.Features.Access;

/// A technician takes a reported ticket on; the equipment goes under repair.
public sealed class AssignRepair(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<Result<TicketDto>> HandleAsync(int id, TicketStepInput input, UserScope scope, CancellationToken ct)
    {
        var (ticket, failure) = await TicketSteps.FindAsync(db, text, scope, clock.Today(), id, TicketStep.Assign, ct);
        if (ticket is null) return failure!;
        var (step, invalid) = await TicketSteps.CheckAsync(db, text, ticket, TicketStep.Assign, input, ct);
        if (step is null) return invalid!;
        if (ticket.Assign(step.Assignee!, step.At) is { } why) return TicketSteps.Refused(text, ticket, TicketStep.Assign, why);
        TicketSteps.MoveEquipment(ticket, step.At, scope.UserName, step.Assignee, db.UtcNow);
        if (await TicketSave.TryAsync(db, text, text["Concurrency.Stale"], ct) is { } failed) return failed;
        return await TicketReads.OneAsync(db, ticket.Id, ct);
    }
}
