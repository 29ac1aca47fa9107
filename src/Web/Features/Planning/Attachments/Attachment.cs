using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Attachments;

/// What a file is attached to: a plan (the signed scan, annexes), a task update (evidence), an inspection (photos).
public enum AttachmentOwner { Plan, TaskUpdate, Inspection }

/// A file attached to planning work. The bytes live outside the web root under the data folder, named by their SHA-256
/// (<see cref="Infrastructure.Files.FileStore"/>); this row says whose file it is, its name as uploaded and its kind as
/// read from its content. It is served only to those who may see its owner.
public sealed class Attachment
{
    public int Id { get; set; }
    public AttachmentOwner Owner { get; set; }
    public int OwnerId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public string? Caption { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("Attachments");
        b.Property(x => x.Owner).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.Caption).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Owner, x.OwnerId });
    }
}
