using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Network;

public enum OrganizationKind { Department, Library, PostOffice, CultureOffice, PeoplesCommittee, Other }

/// An agency. Agencies merge too (Sở TT&TT into Sở KH&CN on 1/3/2025), so each has validity dates and a successor.
public sealed class Organization : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public OrganizationKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }

    /// GSO code of the area the agency serves (the province, or a district).
    public string AreaCode { get; set; } = "";
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? SuccessorId { get; set; }
    public Organization? Successor { get; set; }
    public long Version { get; set; }

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo > day);
}

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Code).HasMaxLength(40);
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.ShortName).HasMaxLength(60);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(o => o.AreaCode).HasMaxLength(8);
        b.HasIndex(o => o.Code).IsUnique();
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Successor).WithMany().HasForeignKey(o => o.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}
