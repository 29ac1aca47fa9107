using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Planning.Meetings;

/// A meeting (hội nghị, cuộc họp) of the department with the units: who chaired, who was present, the agenda, the minutes
/// and its conclusions, each of which can become tasks. The conclusion notice (Thông báo kết luận) is its document.
public sealed class Meeting : IVersioned
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public string Title { get; set; } = "";
    public string? Place { get; set; }
    /// The agency that held the meeting and issues its conclusion notice.
    public int OrganizationId { get; set; }
    public string ChairName { get; set; } = "";
    public string ChairPosition { get; set; } = "";
    public string Agenda { get; set; } = "";
    public string Minutes { get; set; } = "";
    /// The conclusion notice's number ("45/TB-STTTT") and date, once it is sent.
    public string? NoticeNumber { get; set; }
    public DateOnly? NoticeDate { get; set; }
    public int? PlanId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    public List<MeetingUnit> Units { get; } = [];
    public List<MeetingConclusion> Conclusions { get; } = [];
}

/// A unit present at a meeting: an agency of the registry, with the people who came for it (names and positions as
/// typed: officials acting for their agency, not readers).
public sealed class MeetingUnit
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int OrganizationId { get; set; }
    public string? Attendees { get; set; }
}

/// One conclusion of a meeting, numbered from 1 in the order of the notice.
public sealed class MeetingConclusion
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Number { get; set; }
    public string Text { get; set; } = "";
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("Meetings");
        b.Property(m => m.Title).HasMaxLength(500);
        b.Property(m => m.Place).HasMaxLength(200);
        b.Property(m => m.ChairName).HasMaxLength(100);
        b.Property(m => m.ChairPosition).HasMaxLength(200);
        b.Property(m => m.Agenda).HasMaxLength(20000);
        b.Property(m => m.Minutes).HasMaxLength(50000);
        b.Property(m => m.NoticeNumber).HasMaxLength(60);
        b.Property(m => m.CreatedBy).HasMaxLength(256);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.Date);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Units).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Conclusions).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeetingUnitConfiguration : IEntityTypeConfiguration<MeetingUnit>
{
    public void Configure(EntityTypeBuilder<MeetingUnit> b)
    {
        b.ToTable("MeetingUnits");
        b.Property(x => x.Attendees).HasMaxLength(1000);
        b.HasIndex(x => new { x.MeetingId, x.OrganizationId }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MeetingConclusionConfiguration : IEntityTypeConfiguration<MeetingConclusion>
{
    public void Configure(EntityTypeBuilder<MeetingConclusion> b)
    {
        b.ToTable("MeetingConclusions");
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
    }
}
