using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// A draft is edited freely; an issued document is signed and frozen: its figures are the ones stored when it was issued.
public enum DocumentStatus { Draft, Issued }

/// A report document (văn bản báo cáo) in the Decree 30/2020 layout, made from a template (<see cref="IReportTemplate"/>)
/// for a period and the scope of the office that made it. The tables and charts fill themselves from the indicators; the
/// text sections are written by the office. Issuing stores a copy of every figure shown (<see cref="FrozenFigures"/>),
/// so later work never changes what was signed. Counts only: a document names no reader.
public sealed class ReportDocument : Data.IVersioned
{
    public int Id { get; set; }
    /// The template's code (<see cref="ReportTemplates"/>).
    public string Template { get; set; } = "";
    /// The period as asked, with the same meaning as in indicator-values, and its days as resolved then.
    public PeriodKind PeriodKind { get; set; }
    public int? PeriodYear { get; set; }
    public int? PeriodNumber { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// Whose figures: the area of the office that made it (the caller's scope then); the figures are always this area's.
    public AreaLevel ScopeArea { get; set; }
    public string ScopeAreaCode { get; set; } = "";
    /// The number in the agency's register ("Số: 12/BC-SKHCN" has 12); empty until the office gives one.
    public int? DocumentNumber { get; set; }
    public string Place { get; set; } = "";
    /// The document's date: it also picks the agency valid on that day.
    public DateOnly DocumentDate { get; set; }
    public string? SignerName { get; set; }
    /// The signer's own title ("Phó Giám đốc", "Giám đốc").
    public string? SignerTitle { get; set; }
    /// A deputy signing for the head: the block reads "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC".
    public bool SignsForHead { get; set; }
    /// "Nơi nhận", one recipient a line.
    public string Recipients { get; set; } = "";
    public DocumentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public DateTime? IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    /// The agency and its abbreviation as printed when issued ("Sở Khoa học và Công nghệ", "SKHCN").
    public string? IssuerSuperior { get; set; }
    public string? IssuerName { get; set; }
    public string? IssuerCode { get; set; }
    /// Every figure the issued document shows, as JSON (<see cref="DocumentFigures"/>); null for a draft. Not in the row
    /// audit: the issue entry records the status change, and the figures themselves are here for good.
    [NotAudited]
    public string? FrozenFigures { get; set; }
    public long Version { get; set; }
    public List<ReportDocumentSection> Sections { get; } = [];
}

/// One text section of a document as the office wrote it (assessment, difficulties, direction …).
public sealed class ReportDocumentSection
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed class ReportDocumentConfiguration : IEntityTypeConfiguration<ReportDocument>
{
    public void Configure(EntityTypeBuilder<ReportDocument> b)
    {
        b.ToTable("ReportDocuments");
        b.Property(d => d.Template).HasMaxLength(40);
        b.Property(d => d.PeriodKind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ScopeArea).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ScopeAreaCode).HasMaxLength(8);
        b.Property(d => d.Place).HasMaxLength(100);
        b.Property(d => d.SignerName).HasMaxLength(100);
        b.Property(d => d.SignerTitle).HasMaxLength(100);
        b.Property(d => d.Recipients).HasMaxLength(4000);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.CreatedBy).HasMaxLength(256);
        b.Property(d => d.IssuedBy).HasMaxLength(256);
        b.Property(d => d.IssuerSuperior).HasMaxLength(200);
        b.Property(d => d.IssuerName).HasMaxLength(200);
        b.Property(d => d.IssuerCode).HasMaxLength(40);
        b.HasIndex(d => new { d.ScopeArea, d.ScopeAreaCode, d.Status });
        b.HasMany(d => d.Sections).WithOne().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportDocumentSectionConfiguration : IEntityTypeConfiguration<ReportDocumentSection>
{
    public void Configure(EntityTypeBuilder<ReportDocumentSection> b)
    {
        b.ToTable("ReportDocumentSections");
        b.Property(s => s.Key).HasMaxLength(40);
        b.Property(s => s.Text).HasMaxLength(DocumentLimits.SectionLength);
        b.HasIndex(s => new { s.DocumentId, s.Key }).IsUnique();
    }
}

/// How much a person may write: a section of 20,000 characters is some eight pages, more than any report needs.
public static class DocumentLimits
{
    public const int SectionLength = 20_000;
    public const int RecipientLines = 20;
    public const int RecipientLength = 200;
    public const int NameLength = 100;
    public const int MaxDocumentNumber = 99_999;
}
