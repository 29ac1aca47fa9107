using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

public enum SetTheme { General, Agriculture, Law, Health, Children, Culture, Science, History, Literature, Ethnic }

/// Assembling → Ready → Dispatched → AtPoint → (Dispatched again to the next point) → Returning → Home → Dispatched …;
/// BrokenUp ends it. Home and Ready sets are at their library and may be planned.
public enum SetStatus { Assembling, Ready, Dispatched, AtPoint, Returning, Home, BrokenUp }

/// A rotating set (bộ sách luân chuyển): a library's copies that travel together from point to point. Its status
/// changes only through the moves below, each of which answers null when made or the strings.json key of the refusal.
public sealed class RotationSet : IVersioned
{
    public const string CannotFromStatus = "Rotation.CannotFromStatus";
    public const string CannotDispatch = "Rotation.CannotDispatch";
    public const string Empty = "Rotation.SetEmpty";

    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int OwnerId { get; set; }
    public ServicePoint Owner { get; set; } = null!;
    public SetTheme Theme { get; set; }
    public SetStatus Status { get; private set; } = SetStatus.Assembling;
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

    /// At its library, where it may be planned or sent out.
    public bool IsAtHome => Status is SetStatus.Ready or SetStatus.Home;

    public bool CanChangeItems => Status is SetStatus.Assembling or SetStatus.Ready or SetStatus.Home;

    /// Complete (or home again) and not empty: ready to be planned.
    public string? MarkReady(DateTime at)
    {
        if (Status is not (SetStatus.Assembling or SetStatus.Home)) return CannotFromStatus;
        return Items.Count == 0 ? Empty : Move(SetStatus.Ready, at);
    }

    /// Back to assembling, to change its copies.
    public string? Reopen(DateTime at) => Status is SetStatus.Ready or SetStatus.Home ? Move(SetStatus.Assembling, at) : CannotFromStatus;

    /// The end of the set; the caller puts its copies back on the shelf.
    public string? BreakUp(DateTime at) => CanChangeItems ? Move(SetStatus.BrokenUp, at) : CannotFromStatus;

    /// Why the set cannot leave where it is now, or null: it must be at home or at a point, and not empty.
    public string? CheckDispatch() =>
        Status is not (SetStatus.Ready or SetStatus.Home or SetStatus.AtPoint) ? CannotDispatch
        : Items.Count == 0 ? Empty
        : null;

    /// Into the post, to a point or (to its own library) on the way home.
    public string? Dispatch(int toId, DateTime at) =>
        CheckDispatch() ?? Move(toId == OwnerId ? SetStatus.Returning : SetStatus.Dispatched, at);

    /// Out of the post at the journey's end: at a point, or home at its library.
    public string? Arrive(int pointId, DateTime at)
    {
        if (Status is not (SetStatus.Dispatched or SetStatus.Returning)) return CannotFromStatus;
        LocationId = pointId;
        return Move(pointId == OwnerId ? SetStatus.Home : SetStatus.AtPoint, at);
    }

    private string? Move(SetStatus to, DateTime at)
    {
        Status = to;
        UpdatedAt = at;
        return null;
    }
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
