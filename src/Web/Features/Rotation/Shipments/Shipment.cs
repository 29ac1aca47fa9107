using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum ShipmentStatus { InTransit, Received }

/// One journey of a set through the post (chuyến giao), from a library or point to a point or library. It is made in
/// the post's hands and received once; who received it and when change only with that move.
public sealed class Shipment : IVersioned
{
    public const string AlreadyReceived = "Rotation.AlreadyReceived";

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
    public ShipmentStatus Status { get; private set; } = ShipmentStatus.InTransit;
    public string DispatchedBy { get; set; } = "";
    public DateTime DispatchedAt { get; set; }
    public DateOnly? ExpectedOn { get; set; }
    public string? ReceivedBy { get; private set; }
    public DateTime? ReceivedAt { get; private set; }

    /// The people present for each party, as typed on the dispatch and receipt forms, printed on the handover
    /// record (Thông tư 33/2018, Mẫu số 02): the sender's representative and position, and the receiver's.
    public string? SenderName { get; set; }
    public string? SenderPosition { get; set; }
    public string? ReceiverName { get; private set; }
    public string? ReceiverPosition { get; private set; }
    public long Version { get; set; }
    public List<ShipmentItem> Items { get; } = [];
    public List<Discrepancy> Discrepancies { get; } = [];

    /// Why the shipment cannot be received, or null: only once, while it is in the post.
    public string? CheckReceive() => Status == ShipmentStatus.InTransit ? null : AlreadyReceived;

    /// The destination confirms the receipt.
    public string? Receive(string by, DateTime at, HandoverPerson? receiver = null)
    {
        if (CheckReceive() is { } why) return why;
        Status = ShipmentStatus.Received;
        ReceivedBy = by;
        ReceivedAt = at;
        ReceiverName = receiver?.Name;
        ReceiverPosition = receiver?.Position;
        return null;
    }
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
        b.Property(s => s.SenderName).HasMaxLength(HandoverPerson.MaxLength);
        b.Property(s => s.SenderPosition).HasMaxLength(HandoverPerson.MaxLength);
        b.Property(s => s.ReceiverName).HasMaxLength(HandoverPerson.MaxLength);
        b.Property(s => s.ReceiverPosition).HasMaxLength(HandoverPerson.MaxLength);
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
