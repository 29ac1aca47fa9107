using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum CycleStatus { Draft, Confirmed, Closed }

/// A rotation cycle (đợt luân chuyển) of one library: a period and the assignments of its sets to points. Its plan
/// may be proposed and edited while it is a draft; confirming it fixes the plan.
public sealed class RotationCycle : IVersioned
{
    public const string NotDraft = "Rotation.CycleNotDraft";
    public const string NothingPlanned = "Rotation.NothingPlanned";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int LibraryId { get; set; }
    public ServicePoint Library { get; set; } = null!;
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// A point must not get a title it had in this many previous cycles of the library while another set would do.
    public int RepeatWindow { get; set; } = 2;
    public CycleStatus Status { get; private set; } = CycleStatus.Draft;
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<RotationAssignment> Assignments { get; } = [];

    /// Why the plan cannot be changed now, or null: only a draft's plan changes.
    public string? CheckDraft() => Status == CycleStatus.Draft ? null : NotDraft;

    /// A (new) proposal replaces the draft's lines.
    public string? Plan(IEnumerable<RotationAssignment> lines, DateTime at)
    {
        if (CheckDraft() is { } why) return why;
        Assignments.Clear();
        Assignments.AddRange(lines);
        UpdatedAt = at;
        return null;
    }

    /// The librarian's approval: every proposed line becomes planned, ready to dispatch.
    public string? Confirm(DateTime at)
    {
        if (CheckDraft() is { } why) return why;
        if (Assignments.Count == 0) return NothingPlanned;
        // Lines already under way (none in a draft made by the planner) keep their status.
        foreach (var line in Assignments.Where(a => a.Status == AssignmentStatus.Proposed)) line.Plan();

        Status = CycleStatus.Confirmed;
        UpdatedAt = at;
        return null;
    }
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
