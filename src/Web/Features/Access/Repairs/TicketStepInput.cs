namespace Bookpost.Web.Features.Access;

public sealed record TicketStepInput(string? AssignedTo = null, DateTimeOffset? At = null, string? Note = null,
    string? ReplacementAssetTag = null);

/// A step's input once checked: when it was taken (never in the future), by whom it is assigned, its note.
public sealed record CheckedStep(DateTime At, string? Assignee, string? Note, string? ReplacementTag);

/// What the ticket steps share: the ticket of a site the user manages, the step allowed from its status, and a time
/// that is neither before the previous step nor in the future.
public static class TicketSteps
{
    public static async Task<(RepairTicket? Ticket, Result<TicketDto>? Failure)> FindAsync(AppDbContext db, Text text, UserScope scope,
        DateOnly today, int id, TicketStep step, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var ticket = await db.RepairTickets.Include(t => t.Computer).ThenInclude(c => c.Site)
            .SingleOrDefaultAsync(t => t.Id == id && sites.Contains(t.SiteId), ct);
        if (ticket is null) return (null, Result<TicketDto>.NotFound());
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(ticket.Computer.Site)))
            return (null, Result<TicketDto>.Forbidden(text["Access.NotYourSite"]));
        // Asked before the input is read, so a step the ticket cannot take is a conflict whatever came with it.
        if (TicketStates.Next(ticket.Status, step) is null) return (null, Refused(text, ticket, step, RepairTicket.IllegalStep));
        return (ticket, null);
    }

    public static Result<TicketDto> Refused(Text text, RepairTicket ticket, TicketStep step, string why) =>
        Result<TicketDto>.Conflict(text.Format(why, text.Enum(step), text.Enum(ticket.Status)));

    public static async Task<(CheckedStep? Step, Result<TicketDto>? Failure)> CheckAsync(AppDbContext db, Text text, RepairTicket ticket,
        TicketStep step, TicketStepInput input, CancellationToken ct)
    {
        var now = db.UtcNow;
        var at = input.At?.UtcDateTime ?? now;
        var errors = new FieldErrors();
        if (at > now.AddMinutes(5)) errors.Add("at", text["Access.TimeInFuture"]);
        else if (at < ticket.LastStepAt) errors.Add("at", text.Format("Access.StepBeforePrevious", VnTime.Show(ticket.LastStepAt)));
        var assignee = TextFolding.CleanOrNull(input.AssignedTo);
        if (step == TicketStep.Assign && assignee is null) errors.Add("assignedTo", text["Access.AssigneeRequired"]);
        if (assignee?.Length > 150) errors.Add("assignedTo", text.Format("Validation.MaxLength", 150));
        if (input.Note?.Length > 500) errors.Add("note", text.Format("Validation.MaxLength", 500));
        var tag = TextFolding.CleanOrNull(input.ReplacementAssetTag)?.ToUpperInvariant();
        if (tag is not null && step != TicketStep.Replace) errors.Add("replacementAssetTag", text["Access.ReplacementOnlyOnReplace"]);
        else if (tag is not null && await db.Computers.AnyAsync(c => c.AssetTag == tag, ct))
            errors.Add("replacementAssetTag", text.Format("Access.AssetTagTaken", tag));
        if (errors.Any) return (null, errors.ToResult<TicketDto>());
        return (new CheckedStep(at > now ? now : at, assignee, TextFolding.CleanOrNull(input.Note), tag), null);
    }

    /// The equipment follows its ticket: under repair once assigned, working once fixed, retired once replaced.
    public static void MoveEquipment(RepairTicket ticket, DateTime at, string by, string? reason, DateTime now)
    {
        var computer = ticket.Computer;
        if (TicketStates.EquipmentAfter(ticket.Status) is { } status && status != computer.Status)
            computer.ChangeStatus(status, at, by, reason, ticket);
        computer.UpdatedAt = now;
    }
}
