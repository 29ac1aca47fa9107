namespace Bookpost.Web.Features.Catalog;

/// Start-up step: titles stored before the folding last changed get their search words and sort key again
/// (see <see cref="FoldingUpgrade"/>); on SQLite the full-text index follows through its update trigger.
public static class RefoldTitles
{
    public static Task EnsureAsync(AppDbContext db, CancellationToken ct) =>
        FoldingUpgrade.EnsureAsync(db, "Titles", async (after, ct2) =>
        {
            var titles = await db.Titles.AsNoTracking().Include(t => t.Isbns).Where(t => t.Id > after).OrderBy(t => t.Id)
                .Take(FoldingUpgrade.BatchSize).ToListAsync(ct2);
            foreach (var t in titles)
            {
                var before = (t.TitleWords, t.SortKey, t.AuthorWords, t.SubjectWords, t.SearchWords);
                t.RefreshWords(t.Isbns.Select(i => i.Isbn));
                if (before == (t.TitleWords, t.SortKey, t.AuthorWords, t.SubjectWords, t.SearchWords)) continue;
                await db.Titles.Where(x => x.Id == t.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.TitleWords, t.TitleWords)
                    .SetProperty(x => x.SortKey, t.SortKey)
                    .SetProperty(x => x.AuthorWords, t.AuthorWords)
                    .SetProperty(x => x.SubjectWords, t.SubjectWords)
                    .SetProperty(x => x.SearchWords, t.SearchWords), ct2);
            }
            return titles.Count == 0 ? null : titles[^1].Id;
        }, ct);
}
