using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

public enum TransferStatus { Pending, Sent, Received }

/// A copy returned at a point that no longer holds its set, on its way to wherever the set is now: pending at the
/// returning point, sent by it, received by the set's point. Each move is allowed from the step before it only.
public sealed class Transfer
{
    // For EF Core; a transfer starts with Route.
    private Transfer() { }

    public int Id { get; private set; }
    public int ItemId { get; private set; }
    public Item Item { get; private set; } = null!;
    public int FromPointId { get; private set; }
    public ServicePoint FromPoint { get; private set; } = null!;
    public int ToPointId { get; private set; }
    public ServicePoint ToPoint { get; private set; } = null!;
    public TransferStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? ReceivedAt { get; private set; }

    public static Transfer Route(int itemId, int fromPointId, int toPointId, DateTime at) => new()
    {
        ItemId = itemId, FromPointId = fromPointId, ToPointId = toPointId, Status = TransferStatus.Pending, CreatedAt = at,
    };

    /// The point whose operator makes the move to a step: the sender posts it, the set's point takes it in.
    public int PointFor(TransferStatus step) => step == TransferStatus.Sent ? FromPointId : ToPointId;

    /// Null when posted; otherwise why not.
    public string? Send(DateTime at)
    {
        if (Status != TransferStatus.Pending) return "Circulation.TransferState";
        Status = TransferStatus.Sent;
        SentAt = at;
        return null;
    }

    /// Null when taken in; otherwise why not.
    public string? Receive(DateTime at)
    {
        if (Status != TransferStatus.Sent) return "Circulation.TransferState";
        Status = TransferStatus.Received;
        ReceivedAt = at;
        return null;
    }

    /// The move to a step by name; a transfer never goes back to pending.
    public string? MoveTo(TransferStatus step, DateTime at) => step switch
    {
        TransferStatus.Sent => Send(at),
        TransferStatus.Received => Receive(at),
        _ => "Circulation.TransferState",
    };
}

public sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(t => new { t.FromPointId, t.Status });
        b.HasIndex(t => new { t.ToPointId, t.Status });
        b.HasOne(t => t.Item).WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.FromPoint).WithMany().HasForeignKey(t => t.FromPointId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ToPoint).WithMany().HasForeignKey(t => t.ToPointId).OnDelete(DeleteBehavior.Restrict);
    }
}
