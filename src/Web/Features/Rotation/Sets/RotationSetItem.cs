using Bookpost.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

/// Membership of a copy in a set. The unique index on ItemId is what keeps a copy in at most one set.
public sealed class RotationSetItem
{
    public int Id { get; set; }
    public int SetId { get; set; }
    public int ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public DateTime AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
}

public sealed class RotationSetItemConfiguration : IEntityTypeConfiguration<RotationSetItem>
{
    public void Configure(EntityTypeBuilder<RotationSetItem> b)
    {
        b.Property(i => i.AddedBy).HasMaxLength(100);
        b.HasIndex(i => i.ItemId).IsUnique();
        b.HasIndex(i => i.SetId);
        b.HasOne(i => i.Item).WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
