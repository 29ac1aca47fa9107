using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Portal.Holds;

/// Where a hold stands. Waiting: asked for, the point has not put a copy aside yet; Ready: a copy waits at the desk;
/// the other three end it (the person took the book, the point or the person cancelled, or its time ran out).
public enum HoldStatus { Waiting, Ready, Collected, Cancelled, Lapsed }

/// A villager's request, made on the public portal without an account, that a point keep a title for them. The name and
/// phone number are personal data: only the point that serves the hold and Admin see them, and they are deleted (set to
/// null) when the hold ends, so an ended hold is only a count.
public sealed class PointHold : IVersioned
{
    public long Id { get; set; }
    public int ServicePointId { get; set; }
    public ServicePoint ServicePoint { get; set; } = null!;
    public int TitleId { get; set; }
    public Title Title { get; set; } = null!;
    // Never written to the audit: the audit is kept for years and cannot be changed, and these two must be gone when
    // the hold ends. The audit keeps the hold's point, title, status and times.
    [Personal, NotAudited]
    public string? Name { get; set; }
    /// Normalised to ten digits starting with 0 ("0912345678"), so one number is one number however it was typed.
    [Personal, NotAudited]
    public string? Phone { get; set; }
    public HoldStatus Status { get; private set; } = HoldStatus.Waiting;
    public DateTime PlacedAt { get; set; }
    public DateTime? ReadyAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// The user who marked it ready, collected or cancelled it last ("portal" for the person, "system" for a lapse).
    public string? ChangedBy { get; set; }
    public long Version { get; set; }

    public bool IsOpen => Status is HoldStatus.Waiting or HoldStatus.Ready;

    /// A copy is put aside at the desk. Null when done, else the strings.json key that says why not.
    public string? MarkReady(DateTime at, string by)
    {
        if (Status != HoldStatus.Waiting) return "Portal.Holds.NotWaiting";
        Status = HoldStatus.Ready;
        ReadyAt = at;
        ChangedBy = by;
        return null;
    }

    /// The person took the book: only a hold that is ready can be collected.
    public string? Collect(DateTime at, string by) => Status == HoldStatus.Ready ? End(HoldStatus.Collected, at, by) : "Portal.Holds.NotReady";

    public string? Cancel(DateTime at, string by) => IsOpen ? End(HoldStatus.Cancelled, at, by) : "Portal.Holds.Ended";

    public string? Lapse(DateTime at) => IsOpen ? End(HoldStatus.Lapsed, at, "system") : "Portal.Holds.Ended";

    /// Every end deletes the person's name and number in the same save: an ended hold is only a count.
    private string? End(HoldStatus status, DateTime at, string by)
    {
        Status = status;
        EndedAt = at;
        ChangedBy = by;
        Name = null;
        Phone = null;
        return null;
    }
}

public sealed class PointHoldConfiguration : IEntityTypeConfiguration<PointHold>
{
    public void Configure(EntityTypeBuilder<PointHold> b)
    {
        b.Property(h => h.Name).HasMaxLength(100);
        b.Property(h => h.Phone).HasMaxLength(16);
        b.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.ChangedBy).HasMaxLength(256);
        b.HasOne(h => h.ServicePoint).WithMany().HasForeignKey(h => h.ServicePointId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(h => h.Title).WithMany().HasForeignKey(h => h.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.ServicePointId, h.Status, h.PlacedAt });
        b.HasIndex(h => new { h.Phone, h.Status });
        // One hold per point, title and number while the number is kept (it goes when the hold ends): a second request
        // is the same hold, even from another instance at the same moment (PlaceHold).
        b.HasIndex(h => new { h.ServicePointId, h.TitleId, h.Phone }).IsUnique().HasFilter("\"Phone\" IS NOT NULL")
            .HasDatabaseName("IX_PointHolds_OnePerNumber");
        b.HasIndex(h => new { h.Status, h.PlacedAt });
    }
}
