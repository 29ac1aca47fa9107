using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

public enum ImportJobStatus { Queued, Running, Completed, Failed }

public enum ImportFormat { Iso2709, MarcXml, Csv }

/// Where an import takes its copies from: Koha's 952, the standard 852, a fixed number per title, or none.
public enum ItemSource { Holdings952, Holdings852, Copies, None }

/// A catalogue import running in the background. Progress is committed with each batch of records, so a job that
/// was killed resumes after the last committed record and never stores one twice.
public sealed class ImportJob
{
    public int Id { get; set; }
    public string FileName { get; set; } = "";
    public string StoredPath { get; set; } = "";
    public ImportFormat Format { get; set; }
    public Bookpost.Marc.MarcEncoding Encoding { get; set; }
    public int LibraryId { get; set; }
    public ItemSource ItemSource { get; set; }
    public int Copies { get; set; }
    public ImportJobStatus Status { get; set; }
    public long TotalBytes { get; set; }
    public long ProcessedBytes { get; set; }
    public long LastOrdinal { get; set; }
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int ItemsCreated { get; set; }
    public int Warnings { get; set; }
    public string? Failure { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.StoredPath).HasMaxLength(500);
        b.Property(j => j.Format).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.Encoding).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.ItemSource).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.CreatedBy).HasMaxLength(256);
        b.Property(j => j.Failure).HasMaxLength(2000);
        b.HasIndex(j => j.Status);
    }
}
