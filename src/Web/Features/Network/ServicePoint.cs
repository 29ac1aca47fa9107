using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Network;

public enum ServicePointKind { PostCulturePoint, ProvincialLibrary, DistrictLibrary, CommuneLibrary, ReadingRoom }

public enum ServicePointStatus { Active, Suspended, Closed }

/// A Post-Culture point or a library. Where it stood is a history (<see cref="Communes"/>): the commune it was in on each
/// date, so the district or commune it counts under follows from the day asked about. <see cref="CommuneCode"/> is the
/// commune of the open history row, kept with it by <see cref="Points.PointPlaces"/>, for the many reads about today.
public sealed class ServicePoint : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public ServicePointKind Kind { get; set; }
    public string CommuneCode { get; set; } = "";
    public int? OperatorId { get; set; }
    public Organization? Operator { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? OpeningHours { get; set; }
    public ServicePointStatus Status { get; private set; } = ServicePointStatus.Active;
    public DateOnly? OpenedOn { get; set; }
    public bool HasComputers { get; set; }
    public bool HasInternet { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [NotAudited]
    public string SearchText { get; set; } = "";

    public List<ServicePointStatusChange> StatusHistory { get; } = [];

    /// Where the point stood over time; see <see cref="PointCommune"/>.
    public List<PointCommune> Communes { get; } = [];

    public bool IsLibrary =>
        Kind is ServicePointKind.ProvincialLibrary or ServicePointKind.DistrictLibrary or ServicePointKind.CommuneLibrary;

    public void RefreshSearchText() => SearchText = TextFolding.Fold($"{Code} {Name} {Address}");

    /// Every status change is kept with when, why and by whom; a "change" to the same status is not one.
    public bool ChangeStatus(ServicePointStatus to, DateTime at, string by, string? reason)
    {
        var isNew = Id == 0 && StatusHistory.Count == 0;
        if (!isNew && to == Status) return false;
        StatusHistory.Add(new ServicePointStatusChange
        {
            From = isNew ? null : Status,
            To = to,
            ChangedAt = at,
            ChangedBy = by,
            Reason = reason,
        });
        Status = to;
        return true;
    }
}

public sealed class ServicePointStatusChange
{
    public int Id { get; set; }
    public int ServicePointId { get; set; }
    public ServicePointStatus? From { get; set; }
    public ServicePointStatus To { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string? Reason { get; set; }
}

public sealed class ServicePointConfiguration : IEntityTypeConfiguration<ServicePoint>
{
    public void Configure(EntityTypeBuilder<ServicePoint> b)
    {
        b.Property(p => p.Code).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.CommuneCode).HasMaxLength(8);
        b.Property(p => p.Address).HasMaxLength(300);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.OpeningHours).HasMaxLength(200);
        b.Property(p => p.SearchText).HasMaxLength(600);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => p.CommuneCode);
        b.HasIndex(p => new { p.Kind, p.Status });
        b.HasOne(p => p.Operator).WithMany().HasForeignKey(p => p.OperatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.StatusHistory).WithOne().HasForeignKey(c => c.ServicePointId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ServicePointStatusChangeConfiguration : IEntityTypeConfiguration<ServicePointStatusChange>
{
    public void Configure(EntityTypeBuilder<ServicePointStatusChange> b)
    {
        b.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.ChangedBy).HasMaxLength(256);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.HasIndex(c => new { c.ServicePointId, c.ChangedAt });
    }
}
