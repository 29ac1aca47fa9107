using Bookpost.Web.Features.People;
using System.Linq.Expressions;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

public enum EquipmentKind { Desktop, Laptop, Printer, Scanner, Projector, Webcam, Router, Other }

public enum EquipmentSource { BmgfVn, Province, Other }

public enum EquipmentStatus { Working, Broken, UnderRepair, Retired }

/// A public computer or a peripheral at a site (a library or a point). Its status changes only through
/// <see cref="ChangeStatus"/>, which follows <see cref="EquipmentStates"/> and keeps the history.
public sealed class Computer : IVersioned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public ServicePoint Site { get; set; } = null!;
    public string AssetTag { get; set; } = "";
    public EquipmentKind Kind { get; set; }
    public EquipmentSource Source { get; set; }
    public int? YearReceived { get; set; }
    public string? Specs { get; set; }
    public EquipmentStatus Status { get; private set; } = EquipmentStatus.Working;

    /// SHA-256 of the kiosk token; the token itself is shown once, when issued.
    [NotAudited]
    public string? KioskTokenHash { get; set; }
    public DateTime? KioskTokenIssuedAt { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<EquipmentStatusChange> History { get; } = [];

    /// Desktops and laptops are counted as public computers; the rest are peripherals.
    public bool IsComputer => Kind is EquipmentKind.Desktop or EquipmentKind.Laptop;

    /// <see cref="IsComputer"/> for queries.
    public static readonly Expression<Func<Computer, bool>> PublicComputer = c => c.Kind == EquipmentKind.Desktop || c.Kind == EquipmentKind.Laptop;

    /// Records the first status of new equipment, or a legal move; an illegal one changes nothing and says false.
    public bool ChangeStatus(EquipmentStatus to, DateTime at, string by, string? reason, RepairTicket? ticket = null)
    {
        var isNew = Id == 0 && History.Count == 0;
        if (!isNew && !EquipmentStates.CanMove(Status, to)) return false;
        History.Add(new EquipmentStatusChange { From = isNew ? null : Status, To = to, ChangedAt = at, ChangedBy = by, Reason = reason, Ticket = ticket });
        Status = to;
        return true;
    }
}

/// The equipment state machine. Working equipment breaks or is retired; broken equipment goes for repair, comes back
/// working (a quick fix) or is retired; equipment under repair comes back working, stays broken, or is retired.
/// Retired is the end. A move to the same status is not a move.
public static class EquipmentStates
{
    public static bool CanMove(EquipmentStatus from, EquipmentStatus to) => (from, to) switch
    {
        (EquipmentStatus.Working, EquipmentStatus.Broken or EquipmentStatus.Retired) => true,
        (EquipmentStatus.Broken, EquipmentStatus.UnderRepair or EquipmentStatus.Working or EquipmentStatus.Retired) => true,
        (EquipmentStatus.UnderRepair, EquipmentStatus.Working or EquipmentStatus.Broken or EquipmentStatus.Retired) => true,
        _ => false,
    };

    /// Sessions may run only on working equipment.
    public static bool Usable(EquipmentStatus status) => status == EquipmentStatus.Working;
}

public sealed class EquipmentStatusChange
{
    public int Id { get; set; }
    public int ComputerId { get; set; }
    public EquipmentStatus? From { get; set; }
    public EquipmentStatus To { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string? Reason { get; set; }
    public int? TicketId { get; set; }
    public RepairTicket? Ticket { get; set; }
}

/// The Internet connection of a site, one per site.
public sealed class InternetConnection : IVersioned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Provider { get; set; } = "";
    public int BandwidthMbps { get; set; }
    public long MonthlyCostVnd { get; set; }
    public DateOnly? Since { get; set; }
    public long Version { get; set; }
}

/// A time the site had no Internet. Open while EndedAt is null; one open outage per site.
public sealed class InternetOutage
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
}

public enum TicketStatus { Reported, Assigned, Fixed, Replaced, Cancelled }

public enum TicketStep { Assign, Fix, Replace, Cancel }

/// A repair ticket: reported, then assigned, then fixed or replaced (or cancelled if reported in error).
public sealed class RepairTicket : IVersioned
{
    public int Id { get; set; }
    public int ComputerId { get; set; }
    public Computer Computer { get; set; } = null!;
    public int SiteId { get; set; }
    public string Problem { get; set; } = "";
    public TicketStatus Status { get; set; }
    public DateTime ReportedAt { get; set; }
    public string ReportedBy { get; set; } = "";
    public string? AssignedTo { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }
    public int? ReplacementId { get; set; }
    public Computer? Replacement { get; set; }
    public long Version { get; set; }

    /// Reported or assigned: not yet fixed, replaced or cancelled. At most one per computer.
    public static readonly Expression<Func<RepairTicket, bool>> Open = t => t.Status == TicketStatus.Reported || t.Status == TicketStatus.Assigned;
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

public enum Occupation { Unknown, Farmer, Pupil, Student, Worker, CivilServant, Business, Unemployed, Retired, Other }

/// What a session was for; several may apply.
[Flags]
public enum AccessPurpose
{
    None = 0,
    InformationSearch = 1,
    EGovernment = 2,
    Agriculture = 4,
    Health = 8,
    Learning = 16,
    Communication = 32,
    Entertainment = 64,
    JobSearch = 128,
}

public enum SessionOrigin { Desk, Kiosk, Entered }

/// One use of a public computer by one person, with an anonymous profile: no name is ever stored.
public sealed class AccessSession
{
    public long Id { get; set; }
    public int ComputerId { get; set; }
    public Computer Computer { get; set; } = null!;
    public int SiteId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int? Minutes { get; set; }
    public int? LimitMinutes { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public bool EthnicMinority { get; set; }
    public bool PoorHousehold { get; set; }
    public Occupation Occupation { get; set; }
    public bool FirstTime { get; set; }
    public AccessPurpose Purposes { get; set; }
    public SessionOrigin Origin { get; set; }
    public string StartedBy { get; set; } = "";
    public string? EndedBy { get; set; }
}

public enum TrainingAudience { Public, Staff }

/// A training class at a site, with participant counts; the attendance list is optional.
public sealed class Training : IVersioned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public ServicePoint Site { get; set; } = null!;
    public string Topic { get; set; } = "";
    public TrainingAudience Audience { get; set; }
    public DateOnly HeldOn { get; set; }
    public decimal Hours { get; set; }
    public string Trainer { get; set; } = "";
    public int Participants { get; set; }
    public int Female { get; set; }
    public int EthnicMinority { get; set; }
    public int PoorHousehold { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<TrainingAttendee> Attendees { get; } = [];
}

public sealed class TrainingAttendee
{
    public int Id { get; set; }
    public int TrainingId { get; set; }
    public string FullName { get; set; } = "";
    public Sex Sex { get; set; }
    public int? BirthYear { get; set; }
    public bool EthnicMinority { get; set; }
    public bool PoorHousehold { get; set; }
}

public sealed class AccessConfiguration :
    IEntityTypeConfiguration<Computer>, IEntityTypeConfiguration<EquipmentStatusChange>, IEntityTypeConfiguration<InternetConnection>,
    IEntityTypeConfiguration<InternetOutage>, IEntityTypeConfiguration<RepairTicket>, IEntityTypeConfiguration<AccessSession>,
    IEntityTypeConfiguration<Training>, IEntityTypeConfiguration<TrainingAttendee>
{
    public void Configure(EntityTypeBuilder<Computer> b)
    {
        b.Property(c => c.AssetTag).HasMaxLength(40);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Specs).HasMaxLength(500);
        b.Property(c => c.KioskTokenHash).HasMaxLength(64);
        b.HasIndex(c => c.AssetTag).IsUnique();
        b.HasIndex(c => new { c.SiteId, c.Status });
        b.HasOne(c => c.Site).WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.History).WithOne().HasForeignKey(h => h.ComputerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EquipmentStatusChange> b)
    {
        b.Property(h => h.From).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.To).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ChangedBy).HasMaxLength(100);
        b.Property(h => h.Reason).HasMaxLength(500);
        b.HasIndex(h => new { h.ComputerId, h.ChangedAt });
        b.HasOne(h => h.Ticket).WithMany().HasForeignKey(h => h.TicketId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<InternetConnection> b)
    {
        b.Property(c => c.Provider).HasMaxLength(100);
        b.HasIndex(c => c.SiteId).IsUnique();
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<InternetOutage> b)
    {
        b.Property(o => o.Note).HasMaxLength(300);
        b.Property(o => o.RecordedBy).HasMaxLength(100);
        b.HasIndex(o => new { o.SiteId, o.StartedAt });
        // One open outage per site: a second "Internet is down" while it is down is the same outage.
        b.HasIndex(o => o.SiteId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("UX_InternetOutages_OpenPerSite");
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Cascade);
    }

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
        b.HasIndex(t => t.ComputerId).IsUnique().HasFilter("\"Status\" IN ('Reported', 'Assigned')").HasDatabaseName("UX_RepairTickets_OpenPerComputer");
        b.HasOne(t => t.Computer).WithMany().HasForeignKey(t => t.ComputerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Replacement).WithMany().HasForeignKey(t => t.ReplacementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccessSession> b)
    {
        b.Property(s => s.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.AgeBand).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.Occupation).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Origin).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.StartedBy).HasMaxLength(100);
        b.Property(s => s.EndedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.SiteId, s.StartedAt });
        b.HasIndex(s => s.StartedAt);
        // One open session per computer: two clerks starting the same computer at once cannot both succeed.
        b.HasIndex(s => s.ComputerId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("UX_AccessSessions_OpenPerComputer");
        b.HasOne(s => s.Computer).WithMany().HasForeignKey(s => s.ComputerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.Property(t => t.Topic).HasMaxLength(200);
        b.Property(t => t.Trainer).HasMaxLength(150);
        b.Property(t => t.Audience).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.Hours).HasPrecision(5, 1);
        b.HasIndex(t => new { t.SiteId, t.HeldOn });
        b.HasIndex(t => t.HeldOn);
        b.HasOne(t => t.Site).WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Attendees).WithOne().HasForeignKey(a => a.TrainingId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TrainingAttendee> b)
    {
        b.Property(a => a.FullName).HasMaxLength(150);
        b.Property(a => a.Sex).HasConversion<string>().HasMaxLength(8);
    }
}
