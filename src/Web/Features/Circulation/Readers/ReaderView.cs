using Bookpost.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bookpost.Web.Features.Circulation;

/// One look at a reader's identity (issue 15, finding 15): who, when, which reader and what was shown. Itself a record
/// of reading, not a change anyone made, so it is not audited; only Admin lists it.
[NotAudited]
public sealed class ReaderView
{
    public const string Record = "record";
    public const string Loans = "loans";
    public const string List = "list";
    public const string Pdf = "pdf";
    /// The printable card (name and card number).
    public const string Card = "card";
    /// A desk's answer that names the reader: a check-out by card (API and desk page) or a renewal.
    public const string Desk = "desk";

    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public int ReaderId { get; set; }
    public string What { get; set; } = "";
}

public sealed class ReaderViewConfiguration : IEntityTypeConfiguration<ReaderView>
{
    public void Configure(EntityTypeBuilder<ReaderView> b)
    {
        b.Property(v => v.UserId).HasMaxLength(64);
        b.Property(v => v.UserName).HasMaxLength(256);
        b.Property(v => v.What).HasMaxLength(16);
        b.HasIndex(v => new { v.ReaderId, v.At });
        b.HasOne<Reader>().WithMany().HasForeignKey(v => v.ReaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record ReaderViewDto(DateTime At, string UserName, string What);

/// Writes and lists the looks at readers. A list of names is recorded as one multi-row insert (the readers shown, each
/// once), outside the tracked saves, so that the desk's pages stay as fast as they were.
public sealed class ReaderViews(AppDbContext db)
{
    public Task RecordAsync(UserScope scope, int readerId, string what, CancellationToken ct) => RecordAsync(scope, [readerId], what, ct);

    public async Task RecordAsync(UserScope scope, IEnumerable<int?> readerIds, string what, CancellationToken ct)
    {
        var ids = readerIds.OfType<int>().Distinct().ToList();
        if (ids.Count == 0) return;
        var at = db.UtcNow;
        await MultiRowInsert.AppendAsync<ReaderView, int>(db, s_columns, ids, (id, values, p) =>
            (values[p], values[p + 1], values[p + 2], values[p + 3], values[p + 4]) = (at, scope.UserId, scope.UserName, id, what), ct);
    }

    private static readonly string[] s_columns =
        [nameof(ReaderView.At), nameof(ReaderView.UserId), nameof(ReaderView.UserName), nameof(ReaderView.ReaderId),
            nameof(ReaderView.What)];

    /// The looks at one reader, newest first; Admin's only (the route says so).
    public async Task<Result<IReadOnlyList<ReaderViewDto>>> ListAsync(int readerId, CancellationToken ct)
    {
        if (!await db.Readers.AnyAsync(r => r.Id == readerId, ct)) return Result<IReadOnlyList<ReaderViewDto>>.NotFound();
        return await db.ReaderViews.Where(v => v.ReaderId == readerId).OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(1000)
            .Select(v => new ReaderViewDto(v.At, v.UserName, v.What)).ToListAsync(ct);
    }
}
