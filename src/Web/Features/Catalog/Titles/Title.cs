using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

/// A bibliographic title (đầu sách), built from MARC or entered by hand. The original MARC record is kept as it came.
public sealed class Title : IVersioned
{
    public int Id { get; set; }
    public string? ControlNumber { get; set; }
    public string TitleProper { get; set; } = "";
    public string? Subtitle { get; set; }
    public string? Responsibility { get; set; }
    public string? Authors { get; set; }
    public string? Publisher { get; set; }
    public string? Place { get; set; }
    public int? Year { get; set; }
    public string? Edition { get; set; }
    public string? Language { get; set; }
    public string? Pages { get; set; }
    public string? Ddc { get; set; }
    public string? Subjects { get; set; }
    public string? Summary { get; set; }

    /// The record as imported, in ISO 2709 (UTF-8); null for titles entered by hand.
    [NotAudited]
    public byte[]? Marc { get; set; }

    public List<TitleIsbn> Isbns { get; } = [];

    /// ISBNs as the record or the person gave them whose check digit is wrong (MARC 020 $a that fails the check, and
    /// 020 $z, "cancelled/invalid"), separated by "; ". Kept apart from <see cref="Isbns"/>, which only holds valid
    /// ones (matching and de-duplication rely on that), so that nothing printed on the book is lost.
    public string? InvalidIsbns { get; set; }

    /// Folded words of the title and subtitle, for ranking title matches first.
    [NotAudited]
    public string TitleWords { get; set; } = "";

    /// The first 100 characters of the folded title: the order of search results, and an index small enough for any title.
    [NotAudited]
    public string SortKey { get; set; } = "";

    [NotAudited]
    public string AuthorWords { get; set; } = "";

    [NotAudited]
    public string SubjectWords { get; set; } = "";

    /// Folded words of everything searchable; the full-text index of each database is built over this column.
    [NotAudited]
    public string SearchWords { get; set; } = "";

    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class TitleConfiguration : IEntityTypeConfiguration<Title>
{
    public const int InvalidIsbnsMax = 500;

    public void Configure(EntityTypeBuilder<Title> b)
    {
        b.Property(t => t.ControlNumber).HasMaxLength(64);
        b.Property(t => t.TitleProper).HasMaxLength(1000);
        b.Property(t => t.Subtitle).HasMaxLength(1000);
        b.Property(t => t.Responsibility).HasMaxLength(1000);
        b.Property(t => t.Authors).HasMaxLength(2000);
        b.Property(t => t.Publisher).HasMaxLength(500);
        b.Property(t => t.Place).HasMaxLength(200);
        b.Property(t => t.Edition).HasMaxLength(200);
        b.Property(t => t.Language).HasMaxLength(3);
        b.Property(t => t.Pages).HasMaxLength(200);
        b.Property(t => t.Ddc).HasMaxLength(40);
        b.Property(t => t.InvalidIsbns).HasMaxLength(InvalidIsbnsMax);
        b.HasIndex(t => t.ControlNumber);
        b.Property(t => t.SortKey).HasMaxLength(100);
        b.HasIndex(t => new { t.SortKey, t.Id }).HasDatabaseName("IX_Titles_SortKey_Id");
        b.HasIndex(t => t.Year);
        b.HasIndex(t => t.Ddc);
        b.HasIndex(t => t.Language);
        b.HasMany(t => t.Isbns).WithOne().HasForeignKey(i => i.TitleId).OnDelete(DeleteBehavior.Cascade);
    }
}
