using Bookpost.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

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
