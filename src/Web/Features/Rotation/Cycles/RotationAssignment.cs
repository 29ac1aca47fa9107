using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum AssignmentStatus { Proposed, Planned, Dispatched, Received, Returned }

public enum RouteKind { FromLibrary, PointToPoint, ViaLibrary }

/// One set to one point in a cycle, with its dates and the planner's figures for the choice.
public sealed class RotationAssignment : IVersioned
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int SetId { get; set; }
    public RotationSet Set { get; set; } = null!;
    public int PointId { get; set; }
    public ServicePoint Point { get; set; } = null!;
    /// Where the set leaves from when dispatched: its library or the point that held it last cycle.
    public int FromId { get; set; }
    public ServicePoint From { get; set; } = null!;
    public RouteKind Route { get; set; }
    public DateOnly DispatchOn { get; set; }
    public DateOnly DueBackOn { get; set; }
    public int Repeats { get; set; }
    public double DistanceKm { get; set; }
    public AssignmentStatus Status { get; set; } = AssignmentStatus.Proposed;
    public int? ShipmentId { get; set; }
    public long Version { get; set; }
}

public sealed class RotationAssignmentConfiguration : IEntityTypeConfiguration<RotationAssignment>
{
    public void Configure(EntityTypeBuilder<RotationAssignment> b)
    {
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Route).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(a => new { a.CycleId, a.SetId }).IsUnique();
        b.HasIndex(a => new { a.PointId, a.Status });
        b.HasIndex(a => new { a.Status, a.DueBackOn });
        b.HasOne(a => a.Set).WithMany().HasForeignKey(a => a.SetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Point).WithMany().HasForeignKey(a => a.PointId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.From).WithMany().HasForeignKey(a => a.FromId).OnDelete(DeleteBehavior.Restrict);
    }
}
