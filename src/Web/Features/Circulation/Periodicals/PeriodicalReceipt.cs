using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

/// What arrived of a periodical on a day, and how often it was read.
public sealed class PeriodicalReceipt
{
    public int Id { get; set; }
    public int PeriodicalId { get; set; }
    public Periodical Periodical { get; set; } = null!;
    public DateOnly Day { get; set; }
    public string? Issue { get; set; }
    public int Copies { get; set; }
    public int Readings { get; set; }
    public string RecordedBy { get; set; } = "";
}

public sealed class PeriodicalReceiptConfiguration : IEntityTypeConfiguration<PeriodicalReceipt>
{
    public void Configure(EntityTypeBuilder<PeriodicalReceipt> b)
    {
        b.Property(r => r.Issue).HasMaxLength(40);
        b.Property(r => r.RecordedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.PeriodicalId, r.Day }).IsUnique();
        b.HasOne(r => r.Periodical).WithMany().HasForeignKey(r => r.PeriodicalId).OnDelete(DeleteBehavior.Cascade);
    }
}
