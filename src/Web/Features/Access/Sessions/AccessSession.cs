using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Access;

public enum Occupation { Unknown, Farmer, Pupil, Student, Worker, CivilServant, Business, Unemployed, Retired, Other }

/// What a session was for; several may apply.
[Flags]
public enum AccessPurpose
{
    None = 0,
    InformationSearch = 1,
    EGovernment = 2,
    Agriculture = 4,
    Health = 8,
    Learning = 16,
    Communication = 32,
    Entertainment = 64,
    JobSearch = 128,
}

public enum SessionOrigin { Desk, Kiosk, Entered }

/// One use of a public computer by one person, with an anonymous profile: no name is ever stored.
public sealed class AccessSession
{
    public long Id { get; set; }
    public int ComputerId { get; set; }
    public Computer Computer { get; set; } = null!;
    public int SiteId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int? Minutes { get; set; }
    public int? LimitMinutes { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public bool EthnicMinority { get; set; }
    public bool PoorHousehold { get; set; }
    public Occupation Occupation { get; set; }
    public bool FirstTime { get; set; }
    public AccessPurpose Purposes { get; set; }
    public SessionOrigin Origin { get; set; }
    public string StartedBy { get; set; } = "";
    public string? EndedBy { get; set; }

    /// Closes an open session: null when it is closed now, else the strings.json key of why not (it already was).
    public string? End(DateTime at, int minutes, AccessPurpose purposes, string by)
    {
        if (EndedAt is not null) return "Access.SessionClosed";
        (EndedAt, Minutes, Purposes, EndedBy) = (at, minutes, purposes, by);
        return null;
    }
}

/// Purposes are stored as one flags value and shown as a list.
public static class AccessPurposes
{
    public static readonly AccessPurpose All = Enum.GetValues<AccessPurpose>().Aggregate(AccessPurpose.None, (a, p) => a | p);

    public static AccessPurpose Combine(IEnumerable<AccessPurpose>? purposes) =>
        (purposes ?? []).Aggregate(AccessPurpose.None, (a, p) => a | p);

    public static IReadOnlyList<AccessPurpose> Split(AccessPurpose purposes) =>
        Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None && purposes.HasFlag(p)).ToList();
}

public sealed class AccessSessionConfiguration : IEntityTypeConfiguration<AccessSession>
{
    public void Configure(EntityTypeBuilder<AccessSession> b)
    {
        b.Property(s => s.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.AgeBand).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.Occupation).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Origin).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.StartedBy).HasMaxLength(100);
        b.Property(s => s.EndedBy).HasMaxLength(100);
        // Closing updates only an open session, so two closes at once (or a replay) count once.
        b.Property(s => s.EndedAt).IsConcurrencyToken();
        b.HasIndex(s => new { s.SiteId, s.StartedAt });
        b.HasIndex(s => s.StartedAt);
        // One open session per computer: two clerks starting the same computer at once cannot both succeed.
        b.HasIndex(s => s.ComputerId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("UX_AccessSessions_OpenPerComputer");
        b.HasOne(s => s.Computer).WithMany().HasForeignKey(s => s.ComputerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
