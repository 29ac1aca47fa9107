using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Evaluation.Returns;

/// Where a return stands. A draft is the point's own; submitted, it waits for the office; accepted, it is locked and is
/// what reports use; sent back, the point corrects and submits it again. A correction of an accepted return is a new
/// revision: the old one becomes superseded and is kept.
public enum ReturnStatus { Draft, Submitted, Accepted, Rejected, Superseded }

/// How a return came to be: entered at the point (the form), or imported from the programme's history before Bookpost.
public enum ReturnOrigin { Entered, Imported }

/// One point's periodic return (báo cáo định kỳ) for one period of one form: the point's figures for the period, one per
/// field of the form. Only counts: a return names no person.
public sealed class PointReturn : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    /// The form's code (<see cref="ReturnForms"/>).
    public string Form { get; set; } = "";
    /// The period under the form's kind: the year it is reported under and its number (the month 1–12, 1 for a year).
    public int Year { get; set; }
    public int Number { get; set; }
    /// The period's days as they were resolved when the return was made (Decree 09 periods under the cut-off of that day).
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// 1 for the first return of a point, form and period; each correction after acceptance adds one.
    public int Revision { get; set; } = 1;
    public ReturnStatus Status { get; set; }
    public ReturnOrigin Origin { get; set; }
    public string? Remarks { get; set; }
    /// Why the office sent the return back (the last time it did).
    public string? RejectReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// When and by whom it was accepted or sent back.
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// Optimistic concurrency (If-Match), as every edited resource.
    public long Version { get; set; }
    public List<ReturnFigure> Figures { get; } = [];
}

/// One figure of a return: an indicator of the indicator mechanism, optionally one breakdown category of it (as codes:
/// "access.users_by_sex" / "Female"); Breakdown is "" for the indicator's own figure.
public sealed class ReturnFigure
{
    public long Id { get; set; }
    public int ReturnId { get; set; }
    public string Code { get; set; } = "";
    public string Breakdown { get; set; } = "";
    public decimal Value { get; set; }
}

public sealed class PointReturnConfiguration : IEntityTypeConfiguration<PointReturn>
{
    public void Configure(EntityTypeBuilder<PointReturn> b)
    {
        b.ToTable("PointReturns");
        b.Property(r => r.Form).HasMaxLength(40);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Origin).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Remarks).HasMaxLength(2000);
        b.Property(r => r.RejectReason).HasMaxLength(500);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.SubmittedBy).HasMaxLength(256);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.PointId, r.Form, r.Year, r.Number, r.Revision }).IsUnique();
        b.HasIndex(r => new { r.Form, r.Year, r.Number, r.Status });
        b.HasIndex(r => new { r.Status, r.PeriodFrom, r.PeriodTo });
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(r => r.PointId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Figures).WithOne().HasForeignKey(f => f.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReturnFigureConfiguration : IEntityTypeConfiguration<ReturnFigure>
{
    public void Configure(EntityTypeBuilder<ReturnFigure> b)
    {
        b.ToTable("ReturnFigures");
        b.Property(f => f.Code).HasMaxLength(80);
        b.Property(f => f.Breakdown).HasMaxLength(40);
        b.Property(f => f.Value).HasPrecision(18, 2);
        b.HasIndex(f => new { f.ReturnId, f.Code, f.Breakdown }).IsUnique();
    }
}
