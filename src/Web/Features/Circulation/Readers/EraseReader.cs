using Bookpost.Web.Infrastructure.Audit;

namespace Bookpost.Web.Features.Circulation;

/// Erases a reader's identity on request (issue 15, finding 13c) or by retention (finding 14). The row stays with
/// what the indicators count, and so do the loans; the audit gets one entry that an erasure happened, never the values
/// erased (the row-by-row audit, which would write them as the "before", is off for this save).
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
        db.AppendAudit(AuditAction.Updated, nameof(Reader), Key(reader.Id), new { erased = true });
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

    /// Erases many readers at once (retention): one save, no per-reader audit, one summary entry saying how many.
    internal async Task<int> EraseManyAsync(IReadOnlyList<int> ids, Func<int, object> summary, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        var readers = await db.Readers.Where(r => ids.Contains(r.Id) && r.ErasedAt == null).ToListAsync(ct);
        if (readers.Count == 0) return 0;
        var now = db.UtcNow;
        foreach (var r in readers) r.Erase(now);
        db.AppendAudit(AuditAction.Updated, nameof(Reader), Retention, summary(readers.Count));
        db.SuppressRowAudit = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        return readers.Count;
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
