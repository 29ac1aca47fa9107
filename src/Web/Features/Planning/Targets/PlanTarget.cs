using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Targets;

/// Whether the actual value must reach the target (users per year) or stay under it (days closed).
public enum TargetDirection { AtLeast, AtMost }

/// One target of a plan: an indicator of the indicator mechanism, for a unit (the province, an area, a commune: a GSO code;
/// or one point), for a year or a Decree 09 period, with the value to reach. The actual value is never typed: it comes
/// from the indicators (and the points' accepted returns).
public sealed class PlanTarget
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public string IndicatorCode { get; set; } = "";
    /// GSO code of the area the target is for; null when it is for one point.
    public string? AreaCode { get; set; }
    public int? PointId { get; set; }
    /// The period: Year (Number 1), HalfYear, NineMonths, Quarter or Month of a year, as <see cref="ReportingPeriods"/>.
    public PeriodKind PeriodKind { get; set; }
    public int Year { get; set; }
    public int Number { get; set; } = 1;
    public decimal Value { get; set; }
    public TargetDirection Direction { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class PlanTargetConfiguration : IEntityTypeConfiguration<PlanTarget>
{
    public void Configure(EntityTypeBuilder<PlanTarget> b)
    {
        b.ToTable("PlanTargets");
        b.Property(t => t.IndicatorCode).HasMaxLength(80);
        b.Property(t => t.AreaCode).HasMaxLength(8);
        b.Property(t => t.PeriodKind).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.Value).HasPrecision(18, 2);
        b.Property(t => t.Note).HasMaxLength(500);
        b.Property(t => t.CreatedBy).HasMaxLength(256);
        b.HasIndex(t => new { t.PlanId, t.IndicatorCode, t.AreaCode, t.PointId, t.PeriodKind, t.Year, t.Number }).IsUnique();
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}
