using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

public enum ReaderCategory { Farmer, Pupil, Student, Worker, CivilServant, Retired, Other }

/// A reader (bạn đọc) registered at one point. Minimal by design; the record never leaves the point's scope.
public sealed class Reader : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    public ServicePoint Point { get; set; } = null!;
    public string CardNumber { get; set; } = "";
    public string FullName { get; set; } = "";
    public int? BirthYear { get; set; }
    public Sex Sex { get; set; }
    public ReaderCategory Category { get; set; }
    public bool EthnicMinority { get; set; }
    public bool PoorHousehold { get; set; }
    public string? Village { get; set; }
    public string? Phone { get; set; }
    public DateOnly ConsentOn { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public long Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [NotAudited]
    public string SearchText { get; set; } = "";

    public void RefreshSearchText() => SearchText = TextFolding.Fold($"{CardNumber} {FullName} {Village}");
}

/// One loan of one copy. At most one open loan per copy, which the database enforces.
public sealed class Loan
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public int ReaderId { get; set; }
    public Reader Reader { get; set; } = null!;
    public int PointId { get; set; }
    public DateTime LentAt { get; set; }
    public DateOnly DueOn { get; set; }
    public int Renewals { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public int? ReturnedAtPointId { get; set; }
    public string LentBy { get; set; } = "";
    public string? ReturnedBy { get; set; }
}

/// Loan rules of one point, or the provincial default (PointId null) for points without their own.
public sealed class LoanRule : IVersioned
{
    public int Id { get; set; }
    public int? PointId { get; set; }
    public int LoanDays { get; set; } = 14;
    public int MaxItems { get; set; } = 5;
    public int MaxRenewals { get; set; } = 2;
    /// Days of the week the point is closed, as digits of DayOfWeek (0 = Sunday), e.g. "0" or "06".
    public string ClosedDays { get; set; } = "";
    public long Version { get; set; }
}

public enum TransferStatus { Pending, Sent, Received }

/// A copy returned at a point that no longer holds its set, on its way to wherever the set is now.
public sealed class Transfer
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public int FromPointId { get; set; }
    public ServicePoint FromPoint { get; set; } = null!;
    public int ToPointId { get; set; }
    public ServicePoint ToPoint { get; set; } = null!;
    public TransferStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? ReceivedAt { get; set; }
}

public enum TallyKind { Reading, Visit }

/// A change to a day's tally at a point (+1 or −1, or a count entered at once), with its optional split. The day's
/// figure is the sum; keeping events makes replays and late arrivals safe.
public sealed class TallyEvent
{
    public long Id { get; set; }
    public int PointId { get; set; }
    public DateOnly Day { get; set; }
    public TallyKind Kind { get; set; }
    public Sex Sex { get; set; }
    public AgeBand AgeBand { get; set; }
    public int Delta { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public enum PeriodicalFrequency { Daily, Weekly, Monthly }

/// A newspaper or magazine a point receives.
public sealed class Periodical : IVersioned
{
    public int Id { get; set; }
    public int PointId { get; set; }
    public ServicePoint Point { get; set; } = null!;
    public string Title { get; set; } = "";
    public PeriodicalFrequency Frequency { get; set; }
    public int CopiesExpected { get; set; } = 1;
    public bool Active { get; set; } = true;
    public long Version { get; set; }
}

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

public sealed class CirculationConfiguration :
    IEntityTypeConfiguration<Reader>, IEntityTypeConfiguration<Loan>, IEntityTypeConfiguration<LoanRule>, IEntityTypeConfiguration<Transfer>,
    IEntityTypeConfiguration<TallyEvent>, IEntityTypeConfiguration<Periodical>, IEntityTypeConfiguration<PeriodicalReceipt>
{
    public void Configure(EntityTypeBuilder<Reader> b)
    {
        b.Property(r => r.CardNumber).HasMaxLength(40);
        b.Property(r => r.FullName).HasMaxLength(150);
        b.Property(r => r.Village).HasMaxLength(150);
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.SearchText).HasMaxLength(400);
        b.Property(r => r.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => r.CardNumber).IsUnique();
        b.HasIndex(r => new { r.PointId, r.RegisteredOn });
        b.HasOne(r => r.Point).WithMany().HasForeignKey(r => r.PointId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.Property(l => l.LentBy).HasMaxLength(100);
        b.Property(l => l.ReturnedBy).HasMaxLength(100);
        // One open loan per copy: two desks lending the same copy at once cannot both succeed.
        b.HasIndex(l => l.ItemId).IsUnique().HasFilter("\"ReturnedAt\" IS NULL").HasDatabaseName("UX_Loans_OpenPerItem");
        b.HasIndex(l => new { l.PointId, l.LentAt });
        b.HasIndex(l => new { l.ReaderId, l.ReturnedAt });
        b.HasIndex(l => new { l.PointId, l.DueOn });
        b.HasIndex(l => l.ReturnedAt);
        b.HasOne(l => l.Item).WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Reader).WithMany().HasForeignKey(l => l.ReaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(l => l.PointId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<LoanRule> b)
    {
        b.Property(r => r.ClosedDays).HasMaxLength(7);
        b.HasIndex(r => r.PointId).IsUnique();
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(r => r.PointId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(t => new { t.FromPointId, t.Status });
        b.HasIndex(t => new { t.ToPointId, t.Status });
        b.HasOne(t => t.Item).WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.FromPoint).WithMany().HasForeignKey(t => t.FromPointId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ToPoint).WithMany().HasForeignKey(t => t.ToPointId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TallyEvent> b)
    {
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.Sex).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.AgeBand).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.RecordedBy).HasMaxLength(100);
        b.HasIndex(t => new { t.PointId, t.Day });
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(t => t.PointId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Periodical> b)
    {
        b.Property(p => p.Title).HasMaxLength(150);
        b.Property(p => p.Frequency).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(p => new { p.PointId, p.Title }).IsUnique();
        b.HasOne(p => p.Point).WithMany().HasForeignKey(p => p.PointId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PeriodicalReceipt> b)
    {
        b.Property(r => r.Issue).HasMaxLength(40);
        b.Property(r => r.RecordedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.PeriodicalId, r.Day }).IsUnique();
        b.HasOne(r => r.Periodical).WithMany().HasForeignKey(r => r.PeriodicalId).OnDelete(DeleteBehavior.Cascade);
    }
}
