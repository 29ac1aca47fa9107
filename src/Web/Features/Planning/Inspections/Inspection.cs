using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Inspections;

/// A visit of a commune or area office to a point, checked against <see cref="InspectionChecklist"/>, with remarks and
/// up to five photos. Its results are indicators too (points inspected, share of checks passed).
public sealed class Inspection : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    public DateOnly Date { get; set; }
    /// The office that inspected (a culture office of the registry), when known; and who did it.
    public int? OrganizationId { get; set; }
    public string InspectorId { get; set; } = "";
    public string InspectorName { get; set; } = "";
    public string? Remarks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public List<InspectionCheck> Checks { get; } = [];
}

/// One item of the checklist as found: passed or failed, with a note.
public sealed class InspectionCheck
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    /// The item's code (<see cref="InspectionChecklist"/>).
    public string Item { get; set; } = "";
    public bool Passed { get; set; }
    public string? Note { get; set; }
}

/// The checklist of a point inspection, in the order the inspector walks it.
public static class InspectionChecklist
{
    public const string OpenHours = "open_hours";
    public const string BooksShelved = "books_shelved";
    public const string Newspapers = "newspapers";
    public const string Computers = "computers";
    public const string Internet = "internet";
    public const string Signboard = "signboard";

    public static IReadOnlyList<string> Items { get; } = [OpenHours, BooksShelved, Newspapers, Computers, Internet, Signboard];
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("Inspections");
        b.Property(x => x.InspectorId).HasMaxLength(450);
        b.Property(x => x.InspectorName).HasMaxLength(256);
        b.Property(x => x.Remarks).HasMaxLength(4000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PointId, x.Date });
        b.HasIndex(x => x.Date);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(x => x.PointId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Checks).WithOne().HasForeignKey(c => c.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InspectionCheckConfiguration : IEntityTypeConfiguration<InspectionCheck>
{
    public void Configure(EntityTypeBuilder<InspectionCheck> b)
    {
        b.ToTable("InspectionChecks");
        b.Property(x => x.Item).HasMaxLength(40);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.InspectionId, x.Item }).IsUnique();
    }
}
