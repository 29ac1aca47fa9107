using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Catalog;

/// One problem found in an import, by record ordinal and byte offset (line number for XML and CSV).
public sealed class ImportIssue
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public long Ordinal { get; set; }
    public long Offset { get; set; }
    public bool Skipped { get; set; }
    public string Message { get; set; } = "";
}

public sealed class ImportIssueConfiguration : IEntityTypeConfiguration<ImportIssue>
{
    public void Configure(EntityTypeBuilder<ImportIssue> b)
    {
        b.Property(i => i.Message).HasMaxLength(1000);
        b.HasIndex(i => new { i.JobId, i.Ordinal });
        b.HasOne<ImportJob>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
