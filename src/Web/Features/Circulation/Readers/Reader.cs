using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

public enum ReaderCategory { Farmer, Pupil, Student, Worker, CivilServant, Retired, Other }

/// A reader (bạn đọc) registered at one point. Minimal by design; the record never leaves the point's scope.
public sealed class Reader : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    public ServicePoint Point { get; set; } = null!;
    [Personal]
    public string CardNumber { get; set; } = "";
    [Personal]
    public string FullName { get; set; } = "";
    [Personal]
    public int? BirthYear { get; set; }
    public Sex Sex { get; set; }
    public ReaderCategory Category { get; set; }
    [Personal]
    public bool EthnicMinority { get; set; }
    [Personal]
    public bool PoorHousehold { get; set; }
    [Personal]
    public string? Village { get; set; }
    [Personal]
    public string? Phone { get; set; }
    public DateOnly ConsentOn { get; set; }
    /// The version of the purpose text the reader agreed to (<see cref="ReaderPurpose"/>), and that text as it was shown.
    public string ConsentPurposeKey { get; set; } = "";
    public string ConsentPurpose { get; set; } = "";
    /// When the reader's identity was erased (on request or by retention); the row stays for the counts.
    public DateTime? ErasedAt { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [NotAudited]
    public string SearchText { get; set; } = "";

    public bool IsErased => ErasedAt is not null;

    /// Removes who the reader is: every [Personal] field cleared, the card number replaced by a marker that no card
    /// carries. What the indicators count stays (point, sex, category, registration day), and so do the loans.
    public void Erase(DateTime at)
    {
        CardNumber = $"{ErasedCardPrefix}{Id}";
        FullName = "";
        BirthYear = null;
        EthnicMinority = false;
        PoorHousehold = false;
        Village = null;
        Phone = null;
        SearchText = "";
        ErasedAt = at;
        UpdatedAt = at;
    }

    /// Card numbers are letters, digits and hyphens; an erased reader's marker has a character a card never has.
    public const string ErasedCardPrefix = "~";

    public void RefreshSearchText() => SearchText = TextFolding.Fold($"{CardNumber} {FullName} {Village}");
}

public sealed class ReaderConfiguration : IEntityTypeConfiguration<Reader>
{
    public void Configure(EntityTypeBuilder<Reader> b)
    {
        b.Property(r => r.CardNumber).HasMaxLength(40);
        b.Property(r => r.FullName).HasMaxLength(150);
        b.Property(r => r.Village).HasMaxLength(150);
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.SearchText).HasMaxLength(400);
        b.Property(r => r.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.ConsentPurposeKey).HasMaxLength(32);
        b.Property(r => r.ConsentPurpose).HasMaxLength(4000);
        // A card number is unique at its point: the desk finds a reader by the point and the card, and a number used
        // at another point tells nothing (issue 15, finding 11).
        b.HasIndex(r => new { r.PointId, r.CardNumber }).IsUnique();
        b.HasIndex(r => r.UpdatedAt);
        b.HasIndex(r => new { r.PointId, r.RegisteredOn });
        b.HasOne(r => r.Point).WithMany().HasForeignKey(r => r.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}
