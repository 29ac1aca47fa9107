namespace Bookpost.Web.Data;

/// <summary>
/// Re-folds stored search columns once after <see cref="TextFolding"/> changed what it gives (its
/// <see cref="TextFolding.Version"/>), so that old rows match queries folded the new way. A small table outside the EF
/// model (like the full-text index, migrations do not own it) remembers per folded table the version its rows carry;
/// a start with nothing to do reads one row. Rows are rewritten in batches, each in its own transaction, with
/// <c>ExecuteUpdate</c>: derived text is neither audited nor a new version of the row, so clients' <c>If-Match</c>
/// values stay good. A start killed half-way begins again at the next start: re-folding a folded row changes nothing.
/// </summary>
public static class FoldingUpgrade
{
    /// <summary>Rows read per batch.</summary>
    public const int BatchSize = 2000;

    /// <summary>
    /// Runs <paramref name="refoldAfter"/> (which re-folds the batch of rows with ids above the id it is given and answers
    /// the last id it read, or null when there were none) until the table is done, unless it already carries the
    /// current folding.
    /// </summary>
    public static async Task EnsureAsync(AppDbContext db, string table, Func<int, CancellationToken, Task<int?>> refoldAfter,
        CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            """CREATE TABLE IF NOT EXISTS "SearchFoldings" ("Name" VARCHAR(100) NOT NULL PRIMARY KEY, "Version" INTEGER NOT NULL)""", ct);
        var done = await db.Database
            .SqlQuery<int>($"""SELECT "Version" AS "Value" FROM "SearchFoldings" WHERE "Name" = {table}""")
            .ToListAsync(ct);
        if (done.Count > 0 && done[0] >= TextFolding.Version) return;
        var after = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var last = await refoldAfter(after, ct);
            await tx.CommitAsync(ct);
            if (last is null) break;
            after = last.Value;
        }
        var version = TextFolding.Version;
        if (done.Count == 0)
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "SearchFoldings" ("Name", "Version") VALUES ({table}, {version})""", ct);
        else
            await db.Database.ExecuteSqlAsync($"""UPDATE "SearchFoldings" SET "Version" = {version} WHERE "Name" = {table}""", ct);
    }
}
