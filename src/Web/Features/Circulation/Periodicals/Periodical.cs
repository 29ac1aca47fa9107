using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

public enum PeriodicalFrequency { Daily, Weekly, Monthly }

/// A newspaper or magazine a point receives.
public sealed class Periodical : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    public ServicePoint Point { get; set; } = null!;
    public string Title { get; set; } = "";
    public PeriodicalFrequency Frequency { get; set; }
    public int CopiesExpected { get; set; } = 1;
    public bool Active { get; set; } = true;
    public long Version { get; set; }
}

public sealed class PeriodicalConfiguration : IEntityTypeConfiguration<Periodical>
{
    public void Configure(EntityTypeBuilder<Periodical> b)
    {
        b.Property(p => p.Title).HasMaxLength(150);
        b.Property(p => p.Frequency).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(p => new { p.PointId, p.Title }).IsUnique();
        b.HasOne(p => p.Point).WithMany().HasForeignKey(p => p.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}
