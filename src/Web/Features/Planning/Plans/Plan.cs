using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Plans;

/// What a plan is: a programme (chương trình), a plan (kế hoạch) or a decision (quyết định) that carries targets.
public enum PlanKind { Programme, Plan, Decision }

/// Where a plan stands: drafted by the department, submitted to the issuing body, issued (its content frozen), then
/// closed when its period is over, or withdrawn at any step before closing.
public enum PlanStatus { Draft, Submitted, Issued, Closed, Withdrawn }

/// A programme or plan the province issues, e.g. the BMGF-VN sustainability plan 2017–2020. Its content is frozen when
/// it is issued; a change after that is a new plan that names the one it amends (<see cref="AmendsId"/>).
public sealed class Plan : IVersioned
{
    public int Id { get; set; }
    public PlanKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// The years it covers, e.g. 2017–2020 (both inclusive).
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    /// GSO code of the area the plan covers: the province (2 digits), a former district (3) or a commune (5). Targets and
    /// tasks of the plan stay inside it.
    public string AreaCode { get; set; } = "";
    /// The agency that drafts it and the one that issues it (registry organizations).
    public int DraftingOrganizationId { get; set; }
    public int? IssuingOrganizationId { get; set; }
    /// The text of the plan, in the parts a plan of the People's Committee has.
    public string Purpose { get; set; } = "";
    public string Content { get; set; } = "";
    public string Implementation { get; set; } = "";
    public PlanStatus Status { get; set; }
    /// The issuing document ("123/QĐ-UBND") and its date, recorded on issuing.
    public string? IssuedNumber { get; set; }
    public DateOnly? IssuedOn { get; set; }
    /// A new version of an issued plan names the plan it amends and says what it changes.
    public int? AmendsId { get; set; }
    public string? AmendmentNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public List<PlanBasis> Bases { get; } = [];
    public List<PlanStep> Steps { get; } = [];
}

/// One document a plan rests on (căn cứ): its number, date, issuer and title.
public sealed class PlanBasis
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int Order { get; set; }
    public string Number { get; set; } = "";
    public DateOnly? Date { get; set; }
    public string Issuer { get; set; } = "";
    public string Title { get; set; } = "";
}

/// One move of a plan's status: who made it and when (the plan's history as the office keeps it).
public sealed class PlanStep
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public PlanStatus? From { get; set; }
    public PlanStatus To { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
    public string? Note { get; set; }
}

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("Plans");
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Title).HasMaxLength(500);
        b.Property(p => p.AreaCode).HasMaxLength(8);
        b.Property(p => p.Purpose).HasMaxLength(20000);
        b.Property(p => p.Content).HasMaxLength(20000);
        b.Property(p => p.Implementation).HasMaxLength(20000);
        b.Property(p => p.IssuedNumber).HasMaxLength(60);
        b.Property(p => p.AmendmentNote).HasMaxLength(2000);
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.Status, p.FromYear, p.ToYear });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.DraftingOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.IssuingOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plan>().WithMany().HasForeignKey(p => p.AmendsId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Bases).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Steps).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlanBasisConfiguration : IEntityTypeConfiguration<PlanBasis>
{
    public void Configure(EntityTypeBuilder<PlanBasis> b)
    {
        b.ToTable("PlanBases");
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.Issuer).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(500);
    }
}

public sealed class PlanStepConfiguration : IEntityTypeConfiguration<PlanStep>
{
    public void Configure(EntityTypeBuilder<PlanStep> b)
    {
        b.ToTable("PlanSteps");
        b.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.ByName).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(1000);
    }
}
