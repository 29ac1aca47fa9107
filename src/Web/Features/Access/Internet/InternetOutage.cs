using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

/// A time the site had no Internet. Open while EndedAt is null; one open outage per site.
public sealed class InternetOutage
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";

    /// The line is back: null when the outage is ended now, else the strings.json key of why not (it already was).
    public string? End(DateTime at)
    {
        if (EndedAt is not null) return "Access.OutageEnded";
        EndedAt = at;
        return null;
    }
}

public sealed class InternetOutageConfiguration : IEntityTypeConfiguration<InternetOutage>
{
    public void Configure(EntityTypeBuilder<InternetOutage> b)
    {
        b.Property(o => o.Note).HasMaxLength(300);
        b.Property(o => o.RecordedBy).HasMaxLength(100);
        // Ending an outage updates only an open one, so two ends at once (or a replay) count once.
        b.Property(o => o.EndedAt).IsConcurrencyToken();
        b.HasIndex(o => new { o.SiteId, o.StartedAt });
        // One open outage per site: a second "Internet is down" while it is down is the same outage.
        b.HasIndex(o => o.SiteId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("UX_InternetOutages_OpenPerSite");
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
