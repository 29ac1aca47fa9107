using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum ShipmentStatus { InTransit, Received }

/// One journey of a set through the post (chuyến giao), from a library or point to a point or library.
public sealed class Shipment : IVersioned
{
    public int Id { get; set; }
    /// The handover record's number, e.g. "15/BBGN-2026".
    public string Number { get; set; } = "";
    public int SetId { get; set; }
    public RotationSet Set { get; set; } = null!;
    public int FromId { get; set; }
    public ServicePoint From { get; set; } = null!;
    public int ToId { get; set; }
    public ServicePoint To { get; set; } = null!;
    public int? AssignmentId { get; set; }
    public string? TrackingNumber { get; set; }
    public ShipmentStatus Status { get; set; } = ShipmentStatus.InTransit;
    public string DispatchedBy { get; set; } = "";
    public DateTime DispatchedAt { get; set; }
    public DateOnly? ExpectedOn { get; set; }
    public string? ReceivedBy { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public long Version { get; set; }
    public List<ShipmentItem> Items { get; } = [];
    public List<Discrepancy> Discrepancies { get; } = [];
}

public enum ShipmentItemOutcome { Pending, Received, Missing, Damaged }

/// A copy as sent, with what the receiving point found.
public sealed class ShipmentItem
{
    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public int ItemId { get; set; }
    public Item Item { get; set; } = null!;
    /// Kept as sent, so the record still reads right if the copy is later re-catalogued.
    public int TitleId { get; set; }
    public ShipmentItemOutcome Outcome { get; set; }
}

public enum DiscrepancyKind { Missing, Extra, Damaged }

public enum DiscrepancyResolution { Found, Lost, WrittenOff }

/// What a receipt did not match: resolved later by the librarian as found, lost or written off.
public sealed class Discrepancy : IVersioned
{
    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public Shipment Shipment { get; set; } = null!;
    public DiscrepancyKind Kind { get; set; }
    public int? ItemId { get; set; }
    public Item? Item { get; set; }
    public string Barcode { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DiscrepancyResolution? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
}

public sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.Property(s => s.Number).HasMaxLength(40);
        b.Property(s => s.TrackingNumber).HasMaxLength(40);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.DispatchedBy).HasMaxLength(100);
        b.Property(s => s.ReceivedBy).HasMaxLength(100);
        b.HasIndex(s => s.Number).IsUnique();
        // One open journey per set: a second dispatch of the same set fails here even if two users race.
        b.HasIndex(s => s.SetId).IsUnique().HasFilter("\"Status\" = 'InTransit'").HasDatabaseName("UX_Shipments_OpenPerSet");
        b.HasIndex(s => new { s.ToId, s.Status });
        b.HasIndex(s => new { s.FromId, s.Status });
        b.HasIndex(s => s.DispatchedAt);
        b.HasIndex(s => s.ReceivedAt);
        b.HasOne(s => s.Set).WithMany().HasForeignKey(s => s.SetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.From).WithMany().HasForeignKey(s => s.FromId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.To).WithMany().HasForeignKey(s => s.ToId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Discrepancies).WithOne(d => d.Shipment).HasForeignKey(d => d.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ShipmentItemConfiguration : IEntityTypeConfiguration<ShipmentItem>
{
    public void Configure(EntityTypeBuilder<ShipmentItem> b)
    {
        b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(i => new { i.ShipmentId, i.ItemId }).IsUnique();
        b.HasIndex(i => i.ItemId);
        b.HasIndex(i => i.TitleId);
        b.HasOne(i => i.Item).WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DiscrepancyConfiguration : IEntityTypeConfiguration<Discrepancy>
{
    public void Configure(EntityTypeBuilder<Discrepancy> b)
    {
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Resolution).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Barcode).HasMaxLength(40);
        b.Property(d => d.ResolvedBy).HasMaxLength(100);
        b.Property(d => d.Note).HasMaxLength(500);
        b.HasIndex(d => new { d.Resolution, d.RecordedAt });
        b.HasOne(d => d.Item).WithMany().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
