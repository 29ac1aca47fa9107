using Bookpost.Web.Infrastructure.Audit;

namespace Bookpost.Web.Features.Circulation;

/// Erases a reader's identity on request (issue 15, finding 13c) or by retention (finding 14). The row stays with
/// what the indicators count, and so do the loans; the audit gets one entry that an erasure happened (the erasure marker,
/// AuditErasure), never the values erased (the row-by-row audit, which would write them as the "before", is off for this save).
public sealed class EraseReader(AppDbContext db, Text text)
{
    public const string Retention = "retention";

    public async Task<Result<ReaderDto>> HandleAsync(int id, long? expectedVersion, UserScope scope, CancellationToken ct)
    {
        var reader = await CirculationScope.Readers(db, scope).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (reader is null) return Result<ReaderDto>.NotFound();
        if (text.CheckVersion<ReaderDto>(expectedVersion, reader.Version) is { } refused) return refused;
        if (reader.IsErased) return Result<ReaderDto>.Conflict(text["Circulation.AlreadyErased"]);
        // A reader with a book still out keeps their identity until it is back: nobody would know who has it.
        var onLoan = await db.Loans.CountAsync(l => l.ReaderId == id && l.ReturnedAt == null, ct);
        if (onLoan > 0) return Result<ReaderDto>.Conflict(text.Format("Circulation.EraseWithLoansOut", onLoan));

        reader.Erase(db.UtcNow);
        db.AppendErasureMarker(nameof(Reader), Key(reader.Id));
        db.SuppressRowAudit = true;
        try
        {
            if (await db.TrySaveAsync<ReaderDto>(text, expectedVersion, ct) is { } failed) return failed;
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        return await CirculationScope.Readers(db, scope).Where(r => r.Id == id).ToDtos(db).SingleAsync(ct);
    }

    /// Erases many readers at once (retention): one save with the row audit off, then in the same transaction one
    /// multi-row append of a summary entry saying how many and an erasure marker per reader (AuditErasure).
    internal async Task<int> EraseManyAsync(IReadOnlyList<int> ids, Func<int, object> summary, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var readers = await db.Readers.Where(r => ids.Contains(r.Id) && r.ErasedAt == null).ToListAsync(ct);
        if (readers.Count == 0) return 0;
        var now = db.UtcNow;
        foreach (var r in readers) r.Erase(now);
        db.SuppressRowAudit = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        await db.AppendErasureMarkersAsync(nameof(Reader), readers.Select(r => Key(r.Id)), (Retention, summary(readers.Count)), ct);
        await tx.CommitAsync(ct);
        return readers.Count;
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
