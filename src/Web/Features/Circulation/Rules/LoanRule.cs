using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

/// Loan rules of one point, or the provincial default (PointId null) for points without their own.
public sealed class LoanRule : IVersioned
{
    public int Id { get; set; }
    public int? PointId { get; set; }
    public int LoanDays { get; set; } = 14;
    public int MaxItems { get; set; } = 5;
    public int MaxRenewals { get; set; } = 2;
    /// Days of the week the point is closed, as digits of DayOfWeek (0 = Sunday), e.g. "0" or "06".
    public string ClosedDays { get; set; } = "";
    public long Version { get; set; }
}

public sealed class LoanRuleConfiguration : IEntityTypeConfiguration<LoanRule>
{
    public void Configure(EntityTypeBuilder<LoanRule> b)
    {
        b.Property(r => r.ClosedDays).HasMaxLength(7);
        b.HasIndex(r => r.PointId).IsUnique();
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(r => r.PointId).OnDelete(DeleteBehavior.Cascade);
    }
}
