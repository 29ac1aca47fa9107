using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum CycleStatus { Draft, Confirmed, Closed }

/// A rotation cycle (đợt luân chuyển) of one library: a period and the assignments of its sets to points.
public sealed class RotationCycle : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int LibraryId { get; set; }
    public ServicePoint Library { get; set; } = null!;
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// A point must not get a title it had in this many previous cycles of the library while another set would do.
    public int RepeatWindow { get; set; } = 2;
    public CycleStatus Status { get; set; } = CycleStatus.Draft;
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<RotationAssignment> Assignments { get; } = [];
}

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

/// How many sets a point can hold at once; 0 takes it out of rotation. Points without a row hold one.
public sealed class PointRotationSetting
{
    public int PointId { get; set; }
    public int Capacity { get; set; } = 1;
}

public sealed class RotationCycleConfiguration : IEntityTypeConfiguration<RotationCycle>
{
    public void Configure(EntityTypeBuilder<RotationCycle> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(c => new { c.LibraryId, c.StartsOn });
        b.HasOne(c => c.Library).WithMany().HasForeignKey(c => c.LibraryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
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

public sealed class PointRotationSettingConfiguration : IEntityTypeConfiguration<PointRotationSetting>
{
    public void Configure(EntityTypeBuilder<PointRotationSetting> b)
    {
        b.HasKey(s => s.PointId);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(s => s.PointId).OnDelete(DeleteBehavior.Cascade);
    }
}
