using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

public enum TallyKind { Reading, Visit }

/// A change to a day's tally at a point (+1 or −1, or a count entered at once), with its optional split. The day's
/// figure is the sum; keeping events makes replays and late arrivals safe.
public sealed class TallyEvent
{
    public long Id { get; set; }
    public int PointId { get; set; }
    public DateOnly Day { get; set; }
    public TallyKind Kind { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public int Delta { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public sealed class TallyEventConfiguration : IEntityTypeConfiguration<TallyEvent>
{
    public void Configure(EntityTypeBuilder<TallyEvent> b)
    {
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.AgeBand).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.RecordedBy).HasMaxLength(100);
        b.HasIndex(t => new { t.PointId, t.Day });
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}
