using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

public enum ItemStatus { Available, OnLoan, InTransit, InSet, Lost, Damaged, Withdrawn }

/// A copy (bản sách) with its own barcode, owned by a library and currently at some service point.
public sealed class Item : IVersioned
{
    public int Id { get; set; }
    public string Barcode { get; set; } = "";
    public int TitleId { get; set; }
    public Title Title { get; set; } = null!;
    public int OwnerId { get; set; }
    public ServicePoint Owner { get; set; } = null!;
    public int LocationId { get; set; }
    public ServicePoint Location { get; set; } = null!;
    public ItemStatus Status { get; set; } = ItemStatus.Available;
    public string? CallNumber { get; set; }
    public DateOnly? AcquiredOn { get; set; }
    public decimal? Price { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.Property(i => i.Barcode).HasMaxLength(40);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.CallNumber).HasMaxLength(100);
        b.Property(i => i.Note).HasMaxLength(1000);
        b.Property(i => i.Price).HasPrecision(14, 2);
        b.HasIndex(i => i.Barcode).IsUnique();
        b.HasIndex(i => i.TitleId);
        b.HasIndex(i => new { i.OwnerId, i.Status });
        b.HasIndex(i => new { i.LocationId, i.Status });
        b.HasOne(i => i.Title).WithMany().HasForeignKey(i => i.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Location).WithMany().HasForeignKey(i => i.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}
