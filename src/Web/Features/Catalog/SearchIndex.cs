namespace Bookpost.Web.Features.Catalog;

/// The full-text index over titles: FTS5 on SQLite (kept in step by triggers) with two columns, the title's own words
/// and all searchable words; on PostgreSQL, GIN expression indexes over the same two columns. EF Core migrations cannot
/// express either, so they are created here at start, idempotently.
/// Both answer the same query form: every term matches as a word prefix, and a "phrase" as whole words in order.
public static class SearchIndex
{
    /// Above this many hits a page is found by walking the title-order index instead of sorting every hit.
    public const int BroadQuery = 5000;

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE INDEX IF NOT EXISTS "IX_Titles_SearchWords_fts" ON "Titles" USING GIN (to_tsvector('simple', "SearchWords"));
                CREATE INDEX IF NOT EXISTS "IX_Titles_TitleWords_fts" ON "Titles" USING GIN (to_tsvector('simple', "TitleWords"));
                """, ct);
            return;
        }
        // An index made before the title column existed is rebuilt in the current shape; triggers made before bulk
        // inserts could hold them back are replaced.
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM pragma_table_info('TitleFts')").ToListAsync(ct);
        var outdated = columns.Count > 0 && !columns.Contains("TitleWords");
        var rebuild = columns.Count == 0 || outdated;
        if (outdated) await db.Database.ExecuteSqlRawAsync("DROP TABLE TitleFts", ct);
        var insertTrigger = await db.Database
            .SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'Titles_fts_insert'")
            .ToListAsync(ct);
        if (insertTrigger.Count > 0 && (rebuild || !insertTrigger[0].Contains(HeldBack, StringComparison.Ordinal)))
            await db.Database.ExecuteSqlRawAsync("""
                DROP TRIGGER IF EXISTS Titles_fts_insert;
                DROP TRIGGER IF EXISTS Titles_fts_delete;
                DROP TRIGGER IF EXISTS Titles_fts_update;
                """, ct);
        await db.Database.ExecuteSqlRawAsync($$"""
            CREATE TABLE IF NOT EXISTS {{HeldBack}} (Held INTEGER NOT NULL);
            CREATE VIRTUAL TABLE IF NOT EXISTS TitleFts USING fts5(TitleWords, SearchWords, content='Titles', content_rowid='Id',
                prefix='2 3', tokenize='unicode61');
            CREATE TRIGGER IF NOT EXISTS Titles_fts_insert AFTER INSERT ON Titles WHEN NOT EXISTS (SELECT 1 FROM {{HeldBack}}) BEGIN
                INSERT INTO TitleFts(rowid, TitleWords, SearchWords) VALUES (new.Id, new.TitleWords, new.SearchWords);
            END;
            CREATE TRIGGER IF NOT EXISTS Titles_fts_delete AFTER DELETE ON Titles BEGIN
                INSERT INTO TitleFts(TitleFts, rowid, TitleWords, SearchWords) VALUES ('delete', old.Id, old.TitleWords, old.SearchWords);
            END;
            CREATE TRIGGER IF NOT EXISTS Titles_fts_update AFTER UPDATE OF TitleWords, SearchWords ON Titles BEGIN
                INSERT INTO TitleFts(TitleFts, rowid, TitleWords, SearchWords) VALUES ('delete', old.Id, old.TitleWords, old.SearchWords);
                INSERT INTO TitleFts(rowid, TitleWords, SearchWords) VALUES (new.Id, new.TitleWords, new.SearchWords);
            END;
            """, ct);
        // The hold is only ever inside an import's transaction; a row left over would mean titles went unindexed.
        if (await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HeldBack}", ct) > 0) rebuild = true;
        if (rebuild) await db.Database.ExecuteSqlRawAsync("INSERT INTO TitleFts(TitleFts) VALUES ('rebuild')", ct);
    }

    /// While this table has a row, new titles are not indexed one by one. It is written and emptied within one transaction.
    private const string HeldBack = "TitleFtsHeldBack";

    /// Inserts many new titles, then indexes them with one statement. On SQLite the per-row trigger is held back for the
    /// inserts: FTS5 writes its pending terms to disk at every statement that fires it, so a title at a time costs
    /// about four times as much as a batch. Must run inside the caller's transaction, which makes the hold invisible
    /// to every other connection: a crash rolls it back together with the titles.
    internal static async Task InsertManyAsync(AppDbContext db, IReadOnlyList<Title> titles, CancellationToken ct)
    {
        if (titles.Count == 0 || !db.Database.IsSqlite())
        {
            await CatalogBulk.Titles.InsertAsync(db, titles, ct);
            return;
        }
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Bulk title inserts need a transaction.");
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {HeldBack} VALUES (1)", ct);
        await CatalogBulk.Titles.InsertAsync(db, titles, ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {HeldBack}", ct);
        // New ids are above every id before them, and this transaction is the only writer: the range holds only these titles.
        var (first, last) = (titles.Min(t => t.Id), titles.Max(t => t.Id));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TitleFts(rowid, TitleWords, SearchWords)
            SELECT Id, TitleWords, SearchWords FROM Titles WHERE Id BETWEEN {first} AND {last}
            """, ct);
    }

    /// The ids of titles whose search words match every term: a subquery to compose with filters and paging.
    public static IQueryable<int> Matching(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms) =>
        Ids(db, terms, titleOnly: false);

    /// The ids of titles whose own title holds every term: these rank first.
    public static IQueryable<int> MatchingTitle(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms) =>
        Ids(db, terms, titleOnly: true);

    /// How many titles match, straight from the index: this spares a lookup of every matching row
    /// (80,000 for "history" at a million titles: 8 ms instead of 535 ms on SQLite).
    public static Task<int> CountAsync(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms, bool titleOnly, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) return Ids(db, terms, titleOnly).CountAsync(ct);
        return db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM TitleFts WHERE TitleFts MATCH {FtsQuery(terms, titleOnly)}")
            .SingleAsync(ct);
    }

    /// One page of ids from the hits in title order, either among the title matches or among the others.
    /// A broad set is walked along the (TitleWords, Id) index, which touches about a page of rows per page;
    /// a narrow one is sorted whole, which is cheaper than walking a million rows for a handful of hits.
    public static Task<List<int>> PageAsync(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms, bool titleMatches, bool broad,
        int skip, int take, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var all = TsQuery(terms);
            // Interpolated values become parameters, so the two shapes are written out.
            return titleMatches
                ? db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Titles"
                    WHERE to_tsvector('simple', "SearchWords") @@ to_tsquery('simple', {all})
                      AND to_tsvector('simple', "TitleWords") @@ to_tsquery('simple', {all})
                    ORDER BY "SortKey", "Id" LIMIT {take} OFFSET {skip}
                    """).ToListAsync(ct)
                : db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Titles"
                    WHERE to_tsvector('simple', "SearchWords") @@ to_tsquery('simple', {all})
                      AND NOT (to_tsvector('simple', "TitleWords") @@ to_tsquery('simple', {all}))
                    ORDER BY "SortKey", "Id" LIMIT {take} OFFSET {skip}
                    """).ToListAsync(ct);
        }
        var match = FtsQuery(terms, titleOnly: false);
        var titleMatch = FtsQuery(terms, titleOnly: true);
        return (titleMatches, broad) switch
        {
            (true, true) => db.Database.SqlQuery<int>($"""
                SELECT Id AS "Value" FROM Titles INDEXED BY IX_Titles_SortKey_Id
                WHERE Id IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {titleMatch})
                ORDER BY SortKey, Id LIMIT {take} OFFSET {skip}
                """).ToListAsync(ct),
            (true, false) => db.Database.SqlQuery<int>($"""
                SELECT Id AS "Value" FROM Titles WHERE Id IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {titleMatch})
                ORDER BY SortKey, Id LIMIT {take} OFFSET {skip}
                """).ToListAsync(ct),
            (false, true) => db.Database.SqlQuery<int>($"""
                SELECT Id AS "Value" FROM Titles INDEXED BY IX_Titles_SortKey_Id
                WHERE Id IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {match})
                  AND Id NOT IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {titleMatch})
                ORDER BY SortKey, Id LIMIT {take} OFFSET {skip}
                """).ToListAsync(ct),
            _ => db.Database.SqlQuery<int>($"""
                SELECT Id AS "Value" FROM Titles
                WHERE Id IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {match})
                  AND Id NOT IN (SELECT rowid FROM TitleFts WHERE TitleFts MATCH {titleMatch})
                ORDER BY SortKey, Id LIMIT {take} OFFSET {skip}
                """).ToListAsync(ct),
        };
    }

    private static IQueryable<int> Ids(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms, bool titleOnly)
    {
        if (db.Database.IsNpgsql())
        {
            var query = TsQuery(terms);
            return titleOnly
                ? db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Titles" WHERE to_tsvector('simple', "TitleWords") @@ to_tsquery('simple', {query})
                    """)
                : db.Database.SqlQuery<int>($"""
                    SELECT "Id" AS "Value" FROM "Titles" WHERE to_tsvector('simple', "SearchWords") @@ to_tsquery('simple', {query})
                    """);
        }
        return db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM TitleFts WHERE TitleFts MATCH {FtsQuery(terms, titleOnly)}");
    }

    /// FTS5: "word"* for a word prefix, "a b" for a phrase; every term, in all searchable words or in the title alone.
    private static string FtsQuery(IReadOnlyList<IReadOnlyList<string>> terms, bool titleOnly)
    {
        var column = titleOnly ? "TitleWords" : "SearchWords";
        return string.Join(" AND ", terms.Select(t =>
            $"{column} : " + (t.Count == 1 ? $"\"{t[0]}\"*" : "\"" + string.Join(' ', t) + "\"")));
    }

    /// PostgreSQL: 'word':* for a word prefix, ('a' <-> 'b') for a phrase.
    private static string TsQuery(IReadOnlyList<IReadOnlyList<string>> terms) =>
        string.Join(" & ", terms.Select(t => t.Count == 1
            ? $"'{Escape(t[0])}':*"
            : "(" + string.Join(" <-> ", t.Select(w => $"'{Escape(w)}'")) + ")"));

    private static string Escape(string word) =>
        word.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal);
}
