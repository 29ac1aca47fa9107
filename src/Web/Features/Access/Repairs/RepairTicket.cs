using System.Linq.Expressions;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

public enum TicketStatus { Reported, Assigned, Fixed, Replaced, Cancelled }

public enum TicketStep { Assign, Fix, Replace, Cancel }

/// A repair ticket: reported, then assigned, then fixed or replaced (or cancelled if reported in error). Its status
/// moves only through <see cref="Assign"/>, <see cref="Fix"/>, <see cref="Replace"/> and <see cref="Cancel"/>, each of
/// which answers null when the move was made, or the strings.json key of why not.
public sealed class RepairTicket : IVersioned
{
    /// The refusal of a step the ticket's status does not allow (formatted with the step and the status).
    public const string IllegalStep = "Access.IllegalStep";

    public int Id { get; set; }
    public int ComputerId { get; set; }
    public Computer Computer { get; set; } = null!;
    public int SiteId { get; set; }
    public string Problem { get; set; } = "";
    public TicketStatus Status { get; private set; } = TicketStatus.Reported;
    public DateTime ReportedAt { get; set; }
    public string ReportedBy { get; set; } = "";
    public string? AssignedTo { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? Resolution { get; private set; }
    public int? ReplacementId { get; set; }
    public Computer? Replacement { get; private set; }
    public long Version { get; set; }

    /// Reported or assigned: not yet fixed, replaced or cancelled. At most one per computer.
    public static readonly Expression<Func<RepairTicket, bool>> Open = t =>
        t.Status == TicketStatus.Reported || t.Status == TicketStatus.Assigned;

    /// When the last step was taken: a later step may not be dated before it.
    public DateTime LastStepAt => AssignedAt ?? ReportedAt;

    /// A technician takes the ticket on.
    public string? Assign(string assignee, DateTime at)
    {
        if (TicketStates.Next(Status, TicketStep.Assign) is not { } next) return IllegalStep;
        (Status, AssignedTo, AssignedAt) = (next, assignee, at);
        return null;
    }

    /// The equipment works again.
    public string? Fix(DateTime at, string by, string? note) => Resolve(TicketStep.Fix, at, by, note);

    /// The equipment is replaced, by <paramref name="replacement"/> when it is registered with the step.
    public string? Replace(DateTime at, string by, string? note, Computer? replacement)
    {
        if (Resolve(TicketStep.Replace, at, by, note) is { } why) return why;
        if (replacement is not null) Replacement = replacement;
        return null;
    }

    /// The report was a mistake (or the problem went away before anyone came).
    public string? Cancel(DateTime at, string by, string? note) => Resolve(TicketStep.Cancel, at, by, note);

    private string? Resolve(TicketStep step, DateTime at, string by, string? note)
    {
        if (TicketStates.Next(Status, step) is not { } next) return IllegalStep;
        (Status, ResolvedAt, ResolvedBy, Resolution) = (next, at, by, note);
        return null;
    }
}

/// The ticket state machine: what each step needs the ticket to be, and what it makes of it.
public static class TicketStates
{
    public static TicketStatus? Next(TicketStatus from, TicketStep step) => (from, step) switch
    {
        (TicketStatus.Reported, TicketStep.Assign) => TicketStatus.Assigned,
        (TicketStatus.Assigned, TicketStep.Fix) => TicketStatus.Fixed,
        (TicketStatus.Assigned, TicketStep.Replace) => TicketStatus.Replaced,
        (TicketStatus.Reported or TicketStatus.Assigned, TicketStep.Cancel) => TicketStatus.Cancelled,
        _ => null,
    };

    /// Hours from the report to the fix or replacement; none for a ticket still open or cancelled.
    public static double? HoursToRepair(TicketStatus status, DateTime reportedAt, DateTime? resolvedAt) =>
        resolvedAt is { } r && status is TicketStatus.Fixed or TicketStatus.Replaced ? (r - reportedAt).TotalHours : null;

    /// The status the equipment takes when a ticket reaches a state; null leaves it as it is.
    public static EquipmentStatus? EquipmentAfter(TicketStatus status) => status switch
    {
        TicketStatus.Reported => EquipmentStatus.Broken,
        TicketStatus.Assigned => EquipmentStatus.UnderRepair,
        TicketStatus.Fixed => EquipmentStatus.Working,
        TicketStatus.Replaced => EquipmentStatus.Retired,
        TicketStatus.Cancelled => EquipmentStatus.Working,
        _ => null,
    };
}

public sealed class RepairTicketConfiguration : IEntityTypeConfiguration<RepairTicket>
{
    public void Configure(EntityTypeBuilder<RepairTicket> b)
    {
        b.Property(t => t.Problem).HasMaxLength(500);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.ReportedBy).HasMaxLength(100);
        b.Property(t => t.AssignedTo).HasMaxLength(150);
        b.Property(t => t.ResolvedBy).HasMaxLength(100);
        b.Property(t => t.Resolution).HasMaxLength(500);
        b.HasIndex(t => new { t.SiteId, t.Status });
        b.HasIndex(t => t.ResolvedAt);
        // One open ticket per computer.
        b.HasIndex(t => t.ComputerId).IsUnique().HasFilter("\"Status\" IN ('Reported', 'Assigned')")
            .HasDatabaseName("UX_RepairTickets_OpenPerComputer");
        b.HasOne(t => t.Computer).WithMany().HasForeignKey(t => t.ComputerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Replacement).WithMany().HasForeignKey(t => t.ReplacementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
