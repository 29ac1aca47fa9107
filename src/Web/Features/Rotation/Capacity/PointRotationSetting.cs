using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Rotation;

/// How many sets a point can hold at once; 0 takes it out of rotation. Points without a row hold one.
public sealed class PointRotationSetting
{
    public int PointId { get; set; }
    public int Capacity { get; set; } = 1;
}

public sealed class PointRotationSettingConfiguration : IEntityTypeConfiguration<PointRotationSetting>
{
    public void Configure(EntityTypeBuilder<PointRotationSetting> b)
    {
        b.HasKey(s => s.PointId);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(s => s.PointId).OnDelete(DeleteBehavior.Cascade);
    }
}
