using System.Linq.Expressions;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Audit;
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
    public static readonly Expression<Func<Computer, bool>> PublicComputer = c =>
        c.Kind == EquipmentKind.Desktop || c.Kind == EquipmentKind.Laptop;

    /// Records the first status of new equipment, or a legal move; an illegal one changes nothing and says false.
    public bool ChangeStatus(EquipmentStatus to, DateTime at, string by, string? reason, RepairTicket? ticket = null)
    {
        var isNew = Id == 0 && History.Count == 0;
        if (!isNew && !EquipmentStates.CanMove(Status, to)) return false;
        History.Add(new EquipmentStatusChange { From = isNew ? null : Status, To = to, ChangedAt = at, ChangedBy = by, Reason = reason,
            Ticket = ticket });
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

public sealed class ComputerConfiguration : IEntityTypeConfiguration<Computer>
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
}
