using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Network;

/// Where a service point stood: the commune it was in from ValidFrom (inclusive) to ValidTo (exclusive). A point's rows
/// never overlap and the last one is open (ValidTo null). The code is read on the days of the row only, where it names
/// exactly one unit version: every row ends when its commune does, so "14758" in a row of 2020 is Phường Đông Thọ and in a
/// row from 01/07/2025 Phường Hàm Rồng. A null ValidFrom means "since before our records".
/// <see cref="ServicePoint.CommuneCode"/> copies the open row's code; <see cref="Points.PointPlaces"/> writes both.
public sealed class PointCommune
{
    public int Id { get; set; }
    public int ServicePointId { get; set; }
    public string CommuneCode { get; set; } = "";
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// Set when the system placed the point by a rule that may be wrong (a divided commune); a person confirms or moves it.
    public bool NeedsReview { get; set; }

    /// Why the point is in this commune, in words (for example the division it followed).
    public string? Note { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo > day);

    public static System.Linq.Expressions.Expression<Func<PointCommune, bool>> ValidOn(DateOnly day) =>
        l => (l.ValidFrom == null || l.ValidFrom <= day) && (l.ValidTo == null || l.ValidTo > day);
}

public sealed class PointCommuneConfiguration : IEntityTypeConfiguration<PointCommune>
{
    public void Configure(EntityTypeBuilder<PointCommune> b)
    {
        b.ToTable("PointCommunes");
        b.Property(l => l.CommuneCode).HasMaxLength(8);
        b.Property(l => l.Note).HasMaxLength(500);
        b.Property(l => l.ReviewedBy).HasMaxLength(256);
        b.HasOne<ServicePoint>().WithMany(p => p.Communes).HasForeignKey(l => l.ServicePointId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.ServicePointId, l.ValidFrom }).IsUnique();
        b.HasIndex(l => new { l.CommuneCode, l.ValidFrom });
        b.HasIndex(l => l.NeedsReview);
    }
}
