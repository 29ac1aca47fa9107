using System.Linq.Expressions;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Network;

public enum AdminLevel { Province, District, Commune }

/// One version of an administrative unit: a GSO code *and* the days it held. A code alone does not name a unit over
/// time: GSO hands a code on, so 14758 was Phường Đông Thọ until 30/06/2025 and is Phường Hàm Rồng, another unit, from
/// 01/07/2025. Resolve a code only together with a day (<see cref="ValidOn"/>) and follow <see cref="AdminUnitSuccession"/>
/// links to go from a version to the ones that took over its area. A change of name or parent closes the version
/// (ValidTo) and opens a new one, linked by a succession. ValidTo is exclusive: the first day on which the version no
/// longer holds. Null bounds mean "since before our records" and "still valid".
public sealed class AdminUnit
{
    /// The day the two-tier map took effect (Resolution 202/2025/QH15): no districts from then on.
    public static readonly DateOnly TwoTierSince = new(2025, 7, 1);

    /// The last day of the three-tier map: the map "former districts" (huyện cũ) refer to.
    public static readonly DateOnly LastThreeTierDay = TwoTierSince.AddDays(-1);

    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public AdminLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// The unit's centre and area, where the source list gives them (the 2025-07-01 lists do).
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? AreaKm2 { get; set; }

    [NotAudited]
    public string SearchText { get; set; } = "";

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo > day);

    public static Expression<Func<AdminUnit, bool>> ValidOn(DateOnly day) =>
        u => (u.ValidFrom == null || u.ValidFrom <= day) && (u.ValidTo == null || u.ValidTo > day);

    /// The level follows from the GSO code's length: province 2 digits, district 3, commune 5.
    public static AdminLevel? LevelOfCode(string code) => code.Length switch
    {
        2 => AdminLevel.Province,
        3 => AdminLevel.District,
        5 => AdminLevel.Commune,
        _ => null,
    };
}

public enum SuccessionKind { Merge, Split, Rename, Transfer }

/// A link from a unit version that ended to a version that took over its area (in whole or in part).
public sealed class AdminUnitSuccession
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public AdminUnit Predecessor { get; set; } = null!;
    public int SuccessorId { get; set; }
    public AdminUnit Successor { get; set; } = null!;
    public DateOnly EffectiveOn { get; set; }
    public SuccessionKind Kind { get; set; }
    public string? Note { get; set; }
}

public sealed class AdminUnitConfiguration : IEntityTypeConfiguration<AdminUnit>
{
    public void Configure(EntityTypeBuilder<AdminUnit> b)
    {
        b.Property(u => u.Code).HasMaxLength(8);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Type).HasMaxLength(40);
        b.Property(u => u.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.ParentCode).HasMaxLength(8);
        b.Property(u => u.SearchText).HasMaxLength(200);
        b.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
        b.HasIndex(u => new { u.Level, u.ParentCode });
        b.HasIndex(u => u.ParentCode);
    }
}

public sealed class AdminUnitSuccessionConfiguration : IEntityTypeConfiguration<AdminUnitSuccession>
{
    public void Configure(EntityTypeBuilder<AdminUnitSuccession> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Note).HasMaxLength(500);
        b.HasOne(s => s.Predecessor).WithMany().HasForeignKey(s => s.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Successor).WithMany().HasForeignKey(s => s.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.PredecessorId, s.SuccessorId }).IsUnique();
        b.HasIndex(s => s.SuccessorId);
    }
}
