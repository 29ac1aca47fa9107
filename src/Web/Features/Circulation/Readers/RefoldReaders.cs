namespace Bookpost.Web.Features.Circulation;

/// Start-up step: readers stored before the folding last changed get their search text again
/// (see <see cref="FoldingUpgrade"/>); erased readers keep their empty one.
public static class RefoldReaders
{
    public static Task EnsureAsync(AppDbContext db, CancellationToken ct) =>
        FoldingUpgrade.EnsureAsync(db, "Readers", async (after, ct2) =>
        {
            var readers = await db.Readers.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id)
                .Take(FoldingUpgrade.BatchSize).ToListAsync(ct2);
            foreach (var r in readers.Where(r => !r.IsErased))
            {
                var before = r.SearchText;
                r.RefreshSearchText();
                if (before != r.SearchText)
                    await db.Readers.Where(x => x.Id == r.Id).ExecuteUpdateAsync(x => x.SetProperty(s => s.SearchText, r.SearchText), ct2);
            }
            return readers.Count == 0 ? null : readers[^1].Id;
        }, ct);
}
