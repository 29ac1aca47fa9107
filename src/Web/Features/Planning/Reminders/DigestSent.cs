using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Reminders;

/// That a user's daily digest went out on a day, so a restart or a second run of the day sends nothing twice.
public sealed class DigestSent
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTime SentAt { get; set; }
    public int Items { get; set; }
}

public sealed class DigestSentConfiguration : IEntityTypeConfiguration<DigestSent>
{
    public void Configure(EntityTypeBuilder<DigestSent> b)
    {
        b.ToTable("DigestsSent");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.UserId, x.Day }).IsUnique();
    }
}
