using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

public enum TrainingAudience { Public, Staff }

/// A training class at a site, with participant counts; the attendance list is optional.
public sealed class Training : IVersioned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public ServicePoint Site { get; set; } = null!;
    public string Topic { get; set; } = "";
    public TrainingAudience Audience { get; set; }
    public DateOnly HeldOn { get; set; }
    public decimal Hours { get; set; }
    public string Trainer { get; set; } = "";
    public int Participants { get; set; }
    public int Female { get; set; }
    public int EthnicMinority { get; set; }
    public int PoorHousehold { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }

    /// Why the attendees' names are kept, as the form said it when the class was recorded (or its list replaced), so
    /// it is known later what the people were told (Personal Data Protection Law).
    public string? AttendeePurpose { get; set; }

    /// The day the retention job removed the attendees' identities (AttendeeRetention); null while the list is as kept.
    public DateOnly? AttendeesAnonymisedOn { get; set; }

    public List<TrainingAttendee> Attendees { get; } = [];
}

public sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.Property(t => t.Topic).HasMaxLength(200);
        b.Property(t => t.Trainer).HasMaxLength(150);
        b.Property(t => t.AttendeePurpose).HasMaxLength(600);
        b.Property(t => t.Audience).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.Hours).HasPrecision(5, 1);
        b.HasIndex(t => new { t.SiteId, t.HeldOn });
        b.HasIndex(t => t.HeldOn);
        b.HasOne(t => t.Site).WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Attendees).WithOne().HasForeignKey(a => a.TrainingId).OnDelete(DeleteBehavior.Cascade);
    }
}
