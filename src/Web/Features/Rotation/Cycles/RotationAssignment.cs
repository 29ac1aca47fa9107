using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum AssignmentStatus { Proposed, Planned, Dispatched, Received, Returned }

public enum RouteKind { FromLibrary, PointToPoint, ViaLibrary }

/// One set to one point in a cycle, with its dates and the planner's figures for the choice. Its status follows the
/// set: proposed, planned when the cycle is confirmed, dispatched with a shipment, received at the point, and
/// returned when the set leaves the point again; each move answers null or the key of the refusal.
public sealed class RotationAssignment : IVersioned
{
    public const string NotPlanned = "Rotation.AssignmentNotPlanned";
    public const string CannotMove = "Rotation.AssignmentCannotMove";

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
    public AssignmentStatus Status { get; private set; } = AssignmentStatus.Proposed;
    public int? ShipmentId { get; private set; }
    public long Version { get; set; }

    /// The cycle is confirmed: a proposed line becomes planned.
    public string? Plan() => Status == AssignmentStatus.Proposed ? Move(AssignmentStatus.Planned) : CannotMove;

    /// The set leaves for this line's point in the shipment.
    public string? Dispatch(int shipmentId)
    {
        if (Status != AssignmentStatus.Planned) return NotPlanned;
        ShipmentId = shipmentId;
        return Move(AssignmentStatus.Dispatched);
    }

    /// The point received the set.
    public string? Receive() => Status == AssignmentStatus.Dispatched ? Move(AssignmentStatus.Received) : CannotMove;

    /// The set left the point again: its stay is over.
    public string? Return() => Status == AssignmentStatus.Received ? Move(AssignmentStatus.Returned) : CannotMove;

    private string? Move(AssignmentStatus to)
    {
        Status = to;
        return null;
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
