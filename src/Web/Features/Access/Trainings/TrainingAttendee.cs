using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

/// One person on a class's attendance list; only those who keep the site's records see the names.
public sealed class TrainingAttendee
{
    public int Id { get; set; }
    public int TrainingId { get; set; }
    [Personal]
    public string FullName { get; set; } = "";
    public Sex Sex { get; set; }
    [Personal]
    public int? BirthYear { get; set; }
    [Personal]
    public bool EthnicMinority { get; set; }
    [Personal]
    public bool PoorHousehold { get; set; }
}

public sealed class TrainingAttendeeConfiguration : IEntityTypeConfiguration<TrainingAttendee>
{
    public void Configure(EntityTypeBuilder<TrainingAttendee> b)
    {
        b.Property(a => a.FullName).HasMaxLength(150);
        b.Property(a => a.Sex).HasConversion<string>().HasMaxLength(8);
    }
}
