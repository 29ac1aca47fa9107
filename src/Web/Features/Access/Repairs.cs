using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Access;

public sealed record ReportInput(int? ComputerId, string? Problem, DateTimeOffset? ReportedAt = null);

public sealed record TicketStepInput(string? AssignedTo = null, DateTimeOffset? At = null, string? Note = null, string? ReplacementAssetTag = null);

public sealed record TicketDto(int Id, int ComputerId, string AssetTag, EquipmentKind Kind, int SiteId, string SiteName, string Problem, TicketStatus Status,
    DateTime ReportedAt, string ReportedBy, string? AssignedTo, DateTime? AssignedAt, DateTime? ResolvedAt, string? Resolution, int? ReplacementId, double? HoursToRepair, long Version);

public sealed record TicketQuery(int? SiteId, bool? Open);

/// Repair tickets. Reporting makes the equipment Broken, assigning makes it UnderRepair, a fix makes it Working again,
/// a replacement retires it (and registers the new one when its tag is given). Dates may be given for work done
/// earlier, but never before the previous step or in the future.
public sealed class Repairs(AppDbContext db, TimeProvider clock, Text text)
{
    public async Task<IReadOnlyList<TicketDto>> ListAsync(TicketQuery query, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var q = db.RepairTickets.Where(t => sites.Contains(t.SiteId));
        if (query.SiteId is { } site) q = q.Where(t => t.SiteId == site);
        if (query.Open is true) q = q.Where(RepairTicket.Open);
        if (query.Open is false) q = q.Where(t => t.Status != TicketStatus.Reported && t.Status != TicketStatus.Assigned);
        return await ToDtosAsync(q.OrderByDescending(t => t.ReportedAt).ThenByDescending(t => t.Id).Take(500), ct);
    }

    /// A ticket's computer never changes site, so the computer's site is the ticket's. The hours to repair are worked
    /// out here, where SQLite's lack of date arithmetic does not matter.
    private static async Task<List<TicketDto>> ToDtosAsync(IQueryable<RepairTicket> q, CancellationToken ct) =>
        (await q.Select(t => new TicketDto(t.Id, t.ComputerId, t.Computer.AssetTag, t.Computer.Kind, t.SiteId, t.Computer.Site.Name, t.Problem, t.Status,
                t.ReportedAt, t.ReportedBy, t.AssignedTo, t.AssignedAt, t.ResolvedAt, t.Resolution, t.ReplacementId, null, t.Version)).ToListAsync(ct))
        .Select(d => d with { HoursToRepair = TicketStates.HoursToRepair(d.Status, d.ReportedAt, d.ResolvedAt) is { } h ? Math.Round(h, 1) : null }).ToList();

    private async Task<TicketDto> DtoAsync(int id, CancellationToken ct) => (await ToDtosAsync(db.RepairTickets.Where(t => t.Id == id), ct)).Single();

    public async Task<Result<TicketDto>> ReportAsync(ReportInput input, UserScope scope, CancellationToken ct)
    {
        var today = clock.Today();
        var sites = AccessScope.Sites(db, scope, today).Select(p => p.Id);
        var errors = new FieldErrors();
        var computer = input.ComputerId is { } cid ? await db.Computers.Include(c => c.Site).SingleOrDefaultAsync(c => c.Id == cid && sites.Contains(c.SiteId), ct) : null;
        if (computer is null) return Result<TicketDto>.Invalid("computerId", text["Access.ComputerRequired"]);
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site))) return Result<TicketDto>.Forbidden(text["Access.NotYourSite"]);
        var problem = TextFolding.CleanOrNull(input.Problem);
        if (problem is null) errors.Add("problem", text["Access.ProblemRequired"]);
        else if (problem.Length > 500) errors.Add("problem", text.Format("Validation.MaxLength", 500));
        var now = db.UtcNow;
        var at = input.ReportedAt?.UtcDateTime ?? now;
        if (at > now.AddMinutes(5)) errors.Add("reportedAt", text["Access.TimeInFuture"]);
        else if (at < now.AddDays(-366)) errors.Add("reportedAt", text["Access.TooOld"]);
        else if (at < computer.CreatedAt) errors.Add("reportedAt", text.Format("Access.BeforeRegistration", VnTime.Show(computer.CreatedAt)));
        if (errors.Any) return errors.ToResult<TicketDto>();
        if (await db.RepairTickets.Where(RepairTicket.Open).AnyAsync(t => t.ComputerId == computer.Id, ct)) return Result<TicketDto>.Conflict(text["Access.TicketOpen"]);
        if (computer.Status is EquipmentStatus.Retired or EquipmentStatus.UnderRepair)
            return Result<TicketDto>.Conflict(text.Format("Access.CannotReport", text.Enum(computer.Status)));
        if (await AccessScope.InUseAsync(db, computer.Id, ct)) return Result<TicketDto>.Conflict(text["Access.SessionOpenOnComputer"]);
        if (at > now) at = now;
        var ticket = new RepairTicket { ComputerId = computer.Id, SiteId = computer.SiteId, Problem = problem!, Status = TicketStatus.Reported, ReportedAt = at, ReportedBy = scope.UserName };
        db.RepairTickets.Add(ticket);
        // The status change the ticket is about: a new one, or the one that already made the computer Broken.
        if (computer.Status != EquipmentStatus.Broken) computer.ChangeStatus(EquipmentStatus.Broken, at, scope.UserName, problem, ticket);
        else if (await db.EquipmentStatusChanges.Where(h => h.ComputerId == computer.Id && h.TicketId == null && h.To == EquipmentStatus.Broken)
                     .OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct) is { } earlier)
            earlier.Ticket = ticket;
        computer.UpdatedAt = now;
        if (!await SaveAsync(ct)) return Result<TicketDto>.Conflict(text["Access.TicketOpen"]);
        return await DtoAsync(ticket.Id, ct);
    }

    public async Task<Result<TicketDto>> AdvanceAsync(int id, TicketStep step, TicketStepInput input, UserScope scope, CancellationToken ct)
    {
        var sites = AccessScope.Sites(db, scope, clock.Today()).Select(p => p.Id);
        var ticket = await db.RepairTickets.Include(t => t.Computer).ThenInclude(c => c.Site).SingleOrDefaultAsync(t => t.Id == id && sites.Contains(t.SiteId), ct);
        if (ticket is null) return Result<TicketDto>.NotFound();
        var computer = ticket.Computer;
        if (!AccessScope.Manages(scope, AccessScope.Site.Of(computer.Site))) return Result<TicketDto>.Forbidden(text["Access.NotYourSite"]);
        if (TicketStates.Next(ticket.Status, step) is not { } next)
            return Result<TicketDto>.Conflict(text.Format("Access.IllegalStep", text.Enum(step), text.Enum(ticket.Status)));

        var now = db.UtcNow;
        var at = input.At?.UtcDateTime ?? now;
        var previous = ticket.AssignedAt ?? ticket.ReportedAt;
        var errors = new FieldErrors();
        if (at > now.AddMinutes(5)) errors.Add("at", text["Access.TimeInFuture"]);
        else if (at < previous) errors.Add("at", text.Format("Access.StepBeforePrevious", VnTime.Show(previous)));
        var assignee = TextFolding.CleanOrNull(input.AssignedTo);
        if (step == TicketStep.Assign && assignee is null) errors.Add("assignedTo", text["Access.AssigneeRequired"]);
        if (assignee?.Length > 150) errors.Add("assignedTo", text.Format("Validation.MaxLength", 150));
        if (input.Note?.Length > 500) errors.Add("note", text.Format("Validation.MaxLength", 500));
        var replacementTag = TextFolding.CleanOrNull(input.ReplacementAssetTag)?.ToUpperInvariant();
        if (replacementTag is not null && step != TicketStep.Replace) errors.Add("replacementAssetTag", text["Access.ReplacementOnlyOnReplace"]);
        else if (replacementTag is not null && await db.Computers.AnyAsync(c => c.AssetTag == replacementTag, ct)) errors.Add("replacementAssetTag", text.Format("Access.AssetTagTaken", replacementTag));
        if (errors.Any) return errors.ToResult<TicketDto>();
        if (at > now) at = now;

        ticket.Status = next;
        if (step == TicketStep.Assign)
        {
            ticket.AssignedTo = assignee;
            ticket.AssignedAt = at;
        }
        else
        {
            ticket.ResolvedAt = at;
            ticket.ResolvedBy = scope.UserName;
            ticket.Resolution = TextFolding.CleanOrNull(input.Note);
        }
        if (TicketStates.EquipmentAfter(next) is { } status && status != computer.Status)
            computer.ChangeStatus(status, at, scope.UserName, ticket.Resolution ?? assignee, ticket);
        computer.UpdatedAt = now;
        if (replacementTag is not null)
        {
            var replacement = new Computer
            {
                SiteId = computer.SiteId, AssetTag = replacementTag, Kind = computer.Kind, Source = EquipmentSource.Province,
                YearReceived = VnTime.ToLocal(at).Year, CreatedAt = now, UpdatedAt = now,
            };
            replacement.ChangeStatus(EquipmentStatus.Working, at, scope.UserName, text.Format("Access.ReplacesTag", computer.AssetTag));
            ticket.Replacement = replacement;
        }
        if (!await SaveAsync(ct)) return Result<TicketDto>.Conflict(text["Concurrency.Stale"]);
        return await DtoAsync(ticket.Id, ct);
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
