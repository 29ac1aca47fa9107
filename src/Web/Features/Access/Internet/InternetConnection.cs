using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

/// The Internet connection of a site, one per site.
public sealed class InternetConnection : IVersioned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Provider { get; set; } = "";
    public int BandwidthMbps { get; set; }
    public long MonthlyCostVnd { get; set; }
    public DateOnly? Since { get; set; }
    public long Version { get; set; }
}

public sealed class InternetConnectionConfiguration : IEntityTypeConfiguration<InternetConnection>
{
    public void Configure(EntityTypeBuilder<InternetConnection> b)
    {
        b.Property(c => c.Provider).HasMaxLength(100);
        b.HasIndex(c => c.SiteId).IsUnique();
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
