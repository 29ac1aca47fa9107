using Bookpost.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum DiscrepancyKind { Missing, Extra, Damaged }

public enum DiscrepancyResolution { Found, Lost, WrittenOff }

/// What a receipt did not match: resolved later, once, by the librarian as found, lost or written off.
public sealed class Discrepancy : IVersioned
{
    public const string AlreadyResolved = "Rotation.AlreadyResolved";

    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public Shipment Shipment { get; set; } = null!;
    public DiscrepancyKind Kind { get; set; }
    public int? ItemId { get; set; }
    public Item? Item { get; set; }
    public string Barcode { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DiscrepancyResolution? Resolution { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? Note { get; private set; }
    public long Version { get; set; }

    /// Why it cannot be settled now, or null: a discrepancy is settled once.
    public string? CheckResolve() => Resolution is null ? null : AlreadyResolved;

    public string? Resolve(DiscrepancyResolution resolution, string by, DateTime at, string? note)
    {
        if (CheckResolve() is { } why) return why;
        Resolution = resolution;
        ResolvedBy = by;
        ResolvedAt = at;
        Note = note;
        return null;
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
