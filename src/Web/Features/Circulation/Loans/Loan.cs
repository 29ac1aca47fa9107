using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

/// One loan of one copy. At most one open loan per copy, which the database enforces. A loan is renewed while it
/// is open and returned once; the moves say why they are refused (a strings.json key) instead of checking in handlers.
public sealed class Loan
{
    // For EF Core; a loan starts with Lend.
    private Loan() { }

    public int Id { get; private set; }
    public int ItemId { get; private set; }
    public Item Item { get; private set; } = null!;
    public int ReaderId { get; private set; }
    public Reader Reader { get; private set; } = null!;
    public int PointId { get; private set; }
    public DateTime LentAt { get; private set; }
    public DateOnly DueOn { get; private set; }
    public int Renewals { get; private set; }
    public DateTime? ReturnedAt { get; private set; }
    public int? ReturnedAtPointId { get; private set; }
    public string LentBy { get; private set; } = "";
    public string? ReturnedBy { get; private set; }

    public bool IsOpen => ReturnedAt is null;

    public static Loan Lend(int itemId, int readerId, int pointId, DateTime at, DateOnly dueOn, string by) => new()
    {
        ItemId = itemId, ReaderId = readerId, PointId = pointId, LentAt = at, DueOn = dueOn, LentBy = by,
    };

    /// Null when taken back at the point; otherwise why not. A return an offline page dates before the lending (a
    /// device clock behind the server's) is recorded at the lending, so no loan ends before it starts.
    public string? Return(DateTime at, int pointId, string by)
    {
        if (!IsOpen) return "Circulation.AlreadyReturned";
        ReturnedAt = at < LentAt ? LentAt : at;
        ReturnedAtPointId = pointId;
        ReturnedBy = by;
        return null;
    }

    /// Null when renewed: the loan days again from today or from the due date, whichever is later, past the closed days.
    public string? Renew(DateOnly today, RuleDto rule)
    {
        if (!IsOpen) return "Circulation.AlreadyReturned";
        if (Renewals >= rule.MaxRenewals) return "Circulation.NoMoreRenewals";
        DueOn = LoanRules.DueOn(today > DueOn ? today : DueOn, rule, rule.LoanDays);
        Renewals++;
        return null;
    }
}

public sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
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
}
