using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Tasks;

/// Where a task stands. Overdue is not a status: it is derived (open or in progress past the deadline) and never stored.
public enum TaskStatus { Open, InProgress, Done, Cancelled }

/// What a task update is: progress reported by the lead unit, a comment of a supporting unit, or the department's move
/// (assigning, reassigning, changing the deadline, closing, cancelling).
public enum TaskUpdateKind { Progress, Comment, Assigned, Reassigned, Rescheduled, Closed, Cancelled, Reopened }

/// A task given to a unit: from a plan, a meeting's conclusion or an inspection's failed check, with a lead unit (an
/// agency of the registry, or a point for its operator), supporting units, a deadline and progress updates.
public sealed class PlanTask : IVersioned
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    /// Where it comes from: a plan, a meeting's conclusion, an inspection's failed check (any may be null).
    public int? PlanId { get; set; }
    public int? MeetingId { get; set; }
    public int? ConclusionId { get; set; }
    public int? InspectionId { get; set; }
    /// The checklist item of the inspection it comes from (<see cref="Inspections.InspectionChecklist"/>).
    public string? InspectionCheck { get; set; }
    /// The lead unit: exactly one of the two is set.
    public int? LeadOrganizationId { get; set; }
    public int? LeadPointId { get; set; }
    public DateOnly Deadline { get; set; }
    public TaskStatus Status { get; set; }
    /// The lead unit's last reported progress, 0–100.
    public int Progress { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public long Version { get; set; }
    public List<TaskUnit> Supports { get; } = [];
    public List<TaskUpdate> Updates { get; } = [];

    /// Overdue on a day: still open or in progress after its deadline.
    public static bool IsOverdue(TaskStatus status, DateOnly deadline, DateOnly today) =>
        status is TaskStatus.Open or TaskStatus.InProgress && deadline < today;
}

/// A supporting unit of a task (phối hợp): an agency or a point.
public sealed class TaskUnit
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int? OrganizationId { get; set; }
    public int? PointId { get; set; }
}

/// One entry of a task's history: progress with an optional percent and evidence files, a comment, or a move.
public sealed class TaskUpdate
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public TaskUpdateKind Kind { get; set; }
    public string Text { get; set; } = "";
    public int? Progress { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
}

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.ToTable("PlanTasks");
        b.Property(t => t.Title).HasMaxLength(500);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.InspectionCheck).HasMaxLength(40);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.CreatedBy).HasMaxLength(256);
        b.Property(t => t.ClosedBy).HasMaxLength(256);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.Status, t.Deadline });
        b.HasIndex(t => t.LeadOrganizationId);
        b.HasIndex(t => t.LeadPointId);
        b.HasIndex(t => t.PlanId);
        b.HasIndex(t => t.MeetingId);
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meetings.MeetingConclusion>().WithMany().HasForeignKey(t => t.ConclusionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspections.Inspection>().WithMany().HasForeignKey(t => t.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.LeadOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.LeadPointId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Supports).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Updates).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TaskUnitConfiguration : IEntityTypeConfiguration<TaskUnit>
{
    public void Configure(EntityTypeBuilder<TaskUnit> b)
    {
        b.ToTable("TaskUnits");
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => x.PointId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(x => x.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TaskUpdateConfiguration : IEntityTypeConfiguration<TaskUpdate>
{
    public void Configure(EntityTypeBuilder<TaskUpdate> b)
    {
        b.ToTable("TaskUpdates");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.ByName).HasMaxLength(256);
        b.HasIndex(x => new { x.TaskId, x.At });
    }
}

/// A user's secret link to the calendar feed (.ics) of their unit's deadlines. Only the secret's SHA-256 is kept; a
/// revoked link stops at once, and a new one can be made.
public sealed class TaskFeedLink
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public sealed class TaskFeedLinkConfiguration : IEntityTypeConfiguration<TaskFeedLink>
{
    public void Configure(EntityTypeBuilder<TaskFeedLink> b)
    {
        b.ToTable("TaskFeedLinks");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}
