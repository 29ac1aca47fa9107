using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum SetTheme { General, Agriculture, Law, Health, Children, Culture, Science, History, Literature, Ethnic }

/// Assembling → Ready → Dispatched → AtPoint → (Dispatched again to the next point) → Returning → Home → Dispatched …;
/// BrokenUp ends it. Home and Ready sets are at their library and may be planned.
public enum SetStatus { Assembling, Ready, Dispatched, AtPoint, Returning, Home, BrokenUp }

/// A rotating set (bộ sách luân chuyển): a library's copies that travel together from point to point.
public sealed class RotationSet : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int OwnerId { get; set; }
    public ServicePoint Owner { get; set; } = null!;
    public SetTheme Theme { get; set; }
    public SetStatus Status { get; set; } = SetStatus.Assembling;
    /// Where the set is now (its library, a point, or where it left from while in transit).
    public int LocationId { get; set; }
    public ServicePoint Location { get; set; } = null!;
    /// Reserved sets are kept out of plans (for an event, a repair of the set …).
    public bool Reserved { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<RotationSetItem> Items { get; } = [];

    public static readonly SetStatus[] AtHome = [SetStatus.Ready, SetStatus.Home];
    public bool CanChangeItems => Status is SetStatus.Assembling or SetStatus.Ready or SetStatus.Home;
}

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

/// One line of a set's history: every status change with where the set was and which shipment moved it.
public sealed class SetEvent
{
    public long Id { get; set; }
    public int SetId { get; set; }
    public DateTime At { get; set; }
    public SetStatus Status { get; set; }
    public int LocationId { get; set; }
    public ServicePoint Location { get; set; } = null!;
    public int? ShipmentId { get; set; }
    public string By { get; set; } = "";
    public string? Note { get; set; }
}

public sealed class RotationSetConfiguration : IEntityTypeConfiguration<RotationSet>
{
    public void Configure(EntityTypeBuilder<RotationSet> b)
    {
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Theme).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => new { s.OwnerId, s.Status });
        b.HasIndex(s => s.LocationId);
        b.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Location).WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SetId).OnDelete(DeleteBehavior.Cascade);
    }
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

public sealed class SetEventConfiguration : IEntityTypeConfiguration<SetEvent>
{
    public void Configure(EntityTypeBuilder<SetEvent> b)
    {
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.By).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(300);
        b.HasIndex(e => new { e.SetId, e.At });
        b.HasOne<RotationSet>().WithMany().HasForeignKey(e => e.SetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Location).WithMany().HasForeignKey(e => e.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}
