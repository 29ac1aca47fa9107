using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

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
