using System.Net;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// The year partitions of Loans, AccessSessions and AuditEntries on PostgreSQL (migration Partitions): rows land in their
/// year, odd years in the default partition, one open loan per copy and one open session per computer hold under
/// concurrent writers without the partial unique indexes, the audit stays append-only, and a past year detaches into
/// the schema archive while the desk keeps working. PostgreSQL only by nature; SQLite's refusal is in the last class.
public sealed class PartitionsTests(PostgresAppWithoutDemoCatalog app) : IClassFixture<PostgresAppWithoutDemoCatalog>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Connection => app.WithDb(db => db.Database.GetConnectionString())!;

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(Connection);
        await conn.OpenAsync(Ct);
        return conn;
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (T)(await cmd.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteAsync(NpgsqlConnection conn, string sql, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var conn = await OpenAsync();
        await ExecuteAsync(conn, sql, values);
    }

    private int[] NewItems(int count)
    {
        var barcodes = app.CopiesHere(count);
        return app.WithDb(db => db.Items.Where(i => barcodes.Contains(i.Barcode)).Select(i => i.Id).ToArray());
    }

    /// A reader of the fixture's database; the tests that register one through the API may not have run yet.
    private int AnyReader
    {
        get
        {
            var id = app.WithDb(db => db.Readers.Select(r => r.Id).FirstOrDefault());
            return id != 0 ? id : app.ReaderAsync().GetAwaiter().GetResult().Reader.Id;
        }
    }

    private const string InsertLoan = """
        INSERT INTO "Loans" ("ItemId", "ReaderId", "PointId", "LentAt", "DueOn", "Renewals", "ReturnedAt", "LentBy")
        VALUES ($1, $2, $3, $4, $5, 0, $6, 'test') RETURNING tableoid::regclass::text
        """;

    private const string InsertAudit = """
        INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "EntityType", "EntityId")
        VALUES ($1, 'test', 'test', 'Created', $2, $3) RETURNING tableoid::regclass::text
        """;

    private const string StartSession = """
        INSERT INTO "AccessSessions" ("ComputerId", "SiteId", "StartedAt", "EndedAt", "Sex", "AgeBand", "EthnicMinority",
            "PoorHousehold", "Occupation", "FirstTime", "Purposes", "Origin", "StartedBy")
        VALUES ($1, $2, $3, $4, 'Female', 'Adult', false, false, 'Worker', false, 0, 'Desk', 'test')
        """;

    private (int Id, int SiteId) LastComputer => app.WithDb(db => db.Computers.OrderByDescending(c => c.Id)
        .Select(c => new { c.Id, c.SiteId }).AsEnumerable().Select(c => (c.Id, c.SiteId)).First());

    private static DateTime InYear(int year) => new(year, 6, 1, 3, 0, 0, DateTimeKind.Utc);

    private Task<string> LoanAsync(int item, DateTime lentAt, DateTime? returnedAt) =>
        ScalarAsync<string>(InsertLoan, item, AnyReader, app.DemoPoint(), lentAt, DateOnly.FromDateTime(lentAt).AddDays(14),
            (object?)returnedAt ?? DBNull.Value);

    [DbFact]
    public async Task Tables_ArePartitionedByYear_WithThisYearNextYearAndADefault_AndALoanLandsInItsYear()
    {
        var year = app.Today.Year;
        foreach (var (table, _) in YearPartitions.Tables)
        {
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = $1::regclass",
                $"\"{table}\""));
            foreach (var name in new[] { $"{table}_{year}", $"{table}_{year + 1}", $"{table}_default" })
                Assert.True(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.\"{name}\""), name);
        }

        var (point, reader) = await app.ReaderAsync();
        var copy = app.CopiesHere(1)[0];
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal($"\"Loans_{year}\"", await ScalarAsync<string>("""
            SELECT l.tableoid::regclass::text FROM "Loans" l JOIN "Items" i ON i."Id" = l."ItemId" WHERE i."Barcode" = $1
            """, copy));
        // The lending's audit entry is written in the same transaction, into this year's audit partition.
        Assert.True(await ScalarAsync<long>("""
            SELECT count(*) FROM "AuditEntries_{year}" a JOIN "Loans" l ON a."EntityType" = 'Loan' AND a."EntityId" = l."Id"::text
            JOIN "Items" i ON i."Id" = l."ItemId" WHERE i."Barcode" = $1 AND a."Action" = 'Created'
            """.Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), copy) == 1);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Year9999AndYear1_GoToTheDefaultPartition_AndARecentStrayYearGetsItsOwnPartition()
    {
        var items = NewItems(3);
        Assert.Equal("\"Loans_default\"", await LoanAsync(items[0], InYear(9999), InYear(9999).AddDays(3)));
        Assert.Equal("\"Loans_default\"", await LoanAsync(items[1], InYear(1), InYear(1).AddDays(3)));
        Assert.Equal("\"AuditEntries_default\"", await ScalarAsync<string>(InsertAudit, InYear(9999), "PartitionTest", "9999"));
        Assert.Equal("\"AuditEntries_default\"", await ScalarAsync<string>(InsertAudit, InYear(1), "PartitionTest", "1"));

        // A row of three years ago (history typed in late) waits in the default partition until the next round moves it.
        var stray = app.Today.Year - 3;
        Assert.Equal("\"Loans_default\"", await LoanAsync(items[2], InYear(stray), null));
        Assert.Equal("\"AuditEntries_default\"", await ScalarAsync<string>(InsertAudit, InYear(stray), "PartitionTest", "stray"));
        var made = await app.Services.GetRequiredService<PartitionWorker>().RunOnceAsync(Ct);
        Assert.True(made);
        Assert.Equal($"\"Loans_{stray}\"", await ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM \"Loans\" WHERE \"ItemId\" = $1", items[2]));
        Assert.Equal($"\"AuditEntries_{stray}\"", await ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM \"AuditEntries\" WHERE \"EntityType\" = 'PartitionTest' AND \"EntityId\" = 'stray'"));
        // The move is not a return: the copy still has its one open loan, and a second one is still refused.
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM \"OpenLoans\" WHERE \"ItemId\" = $1", items[2]));
        var second = await Assert.ThrowsAsync<PostgresException>(() => LoanAsync(items[2], app.UtcNow, null));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, second.SqlState);
        Assert.Equal("UX_Loans_OpenPerItem", second.ConstraintName);
        // Year 1 and year 9999 stay where they are: no partition is made for them.
        Assert.Equal(2L, await ScalarAsync<long>("""
            SELECT count(*) FROM "Loans_default" WHERE "ItemId" = ANY($1)
            """, new[] { items[0], items[1] }));
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('public.\"Loans_9999\"') IS NOT NULL"));
        await ExecuteAsync("UPDATE \"Loans\" SET \"ReturnedAt\" = \"LentAt\" + interval '1 day' WHERE \"ItemId\" = $1", items[2]);
    }

    [DbFact]
    public async Task OneOpenLoanPerCopy_HoldsWhenWritersRaceAroundTheApp()
    {
        var items = NewItems(5);
        var reader = AnyReader;
        var point = app.DemoPoint();
        var now = app.UtcNow;
        foreach (var item in items)
        {
            // Eight connections insert an open loan of the same copy at once, straight into the table: only the
            // database can stop the extra seven.
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                try
                {
                    await using var conn = await OpenAsync();
                    await using var tx = await conn.BeginTransactionAsync(Ct);
                    await ExecuteAsync(conn, InsertLoan, item, reader, point, now, DateOnly.FromDateTime(now).AddDays(14), DBNull.Value);
                    await tx.CommitAsync(Ct);
                    return "ok";
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    return e.ConstraintName!;
                }
            }));
            Assert.Equal(1, results.Count(r => r == "ok"));
            Assert.All(results.Where(r => r != "ok"), r => Assert.Equal("UX_Loans_OpenPerItem", r));
            Assert.Equal(1L, await ScalarAsync<long>(
                "SELECT count(*) FROM \"Loans\" WHERE \"ItemId\" = $1 AND \"ReturnedAt\" IS NULL", item));
        }

        // The second writer waits for the first and fails only when it commits; once the first is returned, lending
        // again works.
        await using (var first = await OpenAsync())
        {
            var item = items[0];
            await ExecuteAsync("UPDATE \"Loans\" SET \"ReturnedAt\" = $2 WHERE \"ItemId\" = $1 AND \"ReturnedAt\" IS NULL", item, now);
            await using var tx = await first.BeginTransactionAsync(Ct);
            await ExecuteAsync(first, InsertLoan, item, reader, point, now, DateOnly.FromDateTime(now), DBNull.Value);
            var racing = Task.Run(async () =>
            {
                await using var other = await OpenAsync();
                await ExecuteAsync(other, InsertLoan, item, reader, point, now, DateOnly.FromDateTime(now), DBNull.Value);
            }, Ct);
            await tx.CommitAsync(Ct);
            var failed = await Assert.ThrowsAsync<PostgresException>(() => racing);
            Assert.Equal("UX_Loans_OpenPerItem", failed.ConstraintName);
        }
        // A renewal (an update of an open loan) and a return keep the side table right.
        await ExecuteAsync("UPDATE \"Loans\" SET \"Renewals\" = 1 WHERE \"ItemId\" = ANY($1) AND \"ReturnedAt\" IS NULL", items);
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM \"OpenLoans\" WHERE \"ItemId\" = ANY($1)", items));
        await ExecuteAsync("UPDATE \"Loans\" SET \"ReturnedAt\" = $2 WHERE \"ItemId\" = ANY($1) AND \"ReturnedAt\" IS NULL", items, now);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM \"OpenLoans\" WHERE \"ItemId\" = ANY($1)", items));
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM "OpenLoans" o WHERE NOT EXISTS (SELECT 1 FROM "Loans" l
                WHERE l."Id" = o."LoanId" AND l."ItemId" = o."ItemId" AND l."ReturnedAt" IS NULL)
            """));
    }

    [DbFact]
    public async Task OneOpenSessionPerComputer_HoldsWhenWritersRace()
    {
        var (computer, site) = LastComputer;
        await ExecuteAsync("UPDATE \"AccessSessions\" SET \"EndedAt\" = \"StartedAt\" WHERE \"ComputerId\" = $1 AND \"EndedAt\" IS NULL",
            computer);
        var now = app.UtcNow;
        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                try
                {
                    await using var conn = await OpenAsync();
                    await ExecuteAsync(conn, StartSession, computer, site, now, DBNull.Value);
                    return "ok";
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    return e.ConstraintName!;
                }
            }));
            Assert.Equal(1, results.Count(r => r == "ok"));
            Assert.All(results.Where(r => r != "ok"), r => Assert.Equal("UX_AccessSessions_OpenPerComputer", r));
            await ExecuteAsync("UPDATE \"AccessSessions\" SET \"EndedAt\" = $2 WHERE \"ComputerId\" = $1 AND \"EndedAt\" IS NULL",
                computer, now.AddMinutes(5));
            Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM \"OpenAccessSessions\" WHERE \"ComputerId\" = $1", computer));
        }
    }

    [DbFact]
    public async Task AuditLog_StaysAppendOnly_OnTheParentAndOnEachPartition()
    {
        var year = app.Today.Year;
        Assert.Equal($"\"AuditEntries_{year}\"", await ScalarAsync<string>(InsertAudit, app.UtcNow, "PartitionTest", "append"));
        foreach (var sql in new[]
        {
            "UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"EntityId\" = 'append'",
            "DELETE FROM \"AuditEntries\" WHERE \"EntityId\" = 'append'",
            $"UPDATE \"AuditEntries_{year}\" SET \"UserName\" = 'x' WHERE \"EntityId\" = 'append'",
            $"DELETE FROM \"AuditEntries_{year}\" WHERE \"EntityId\" = 'append'",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        // Ids keep counting where the old table's sequence stopped: no entry shares an id.
        Assert.Equal(0L, await ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT \"Id\" FROM \"AuditEntries\" GROUP BY 1 HAVING count(*) > 1) d"));
    }

    [DbFact]
    public async Task ArchiveYear_DetachesIntoTheArchive_RefusesWhatItMustNot_AndTheDeskKeepsWorking()
    {
        var archived = app.Today.Year - 5;
        var open = app.Today.Year - 6;
        var items = NewItems(2);
        await LoanAsync(items[0], InYear(archived), InYear(archived).AddDays(10));
        await ScalarAsync<string>(InsertAudit, InYear(archived), "PartitionTest", "archived");
        await LoanAsync(items[1], InYear(open), null);
        var (computer, site) = LastComputer;
        await ExecuteAsync(StartSession, computer, site, InYear(archived), InYear(archived).AddHours(1));
        Assert.True(await app.Services.GetRequiredService<PartitionWorker>().RunOnceAsync(Ct));

        async Task<(int Code, string Output)> Run(params string[] args)
        {
            var output = new StringWriter();
            var code = await ArchivePartitionsCommand.RunAsync(app.Services, ["archive-partitions", .. args], output, Ct);
            return (code, output.ToString());
        }

        // Bad input: not a year, this year, a year without partitions, a year with a copy still out. Nothing changes.
        Assert.Equal(2, (await Run("năm")).Code);
        Assert.Equal(2, (await Run()).Code);
        var current = await Run(app.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, current.Code);
        Assert.Contains("Only a past year", current.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("1990")).Code);
        var busy = await Run(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, busy.Code);
        Assert.Contains("1 open loans", busy.Output, StringComparison.Ordinal);
        Assert.True(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.\"Loans_{open}\""));

        var done = await Run(archived.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, done.Code);
        foreach (var (table, _) in YearPartitions.Tables)
        {
            Assert.True(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"archive.\"{table}_{archived}\""), table);
            Assert.False(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.\"{table}_{archived}\""), table);
        }
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM \"Loans\" WHERE \"ItemId\" = $1", items[0]));
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM archive.\"Loans_{archived}\" WHERE \"ItemId\" = $1", items[0]));
        var guarded = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"DELETE FROM archive.\"AuditEntries_{archived}\""));
        Assert.Contains("append-only", guarded.MessageText, StringComparison.Ordinal);
        Assert.Contains(archived,
            await app.WithScopeAsync(sp => YearPartitions.ArchivedYearsAsync(sp.GetRequiredService<AppDbContext>(), Ct)));
        var again = await Run(archived.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, again.Code);
        Assert.Contains("archived already", again.Output, StringComparison.Ordinal);
        // The next round does not make the archived year again.
        Assert.True(await app.Services.GetRequiredService<PartitionWorker>().RunOnceAsync(Ct));
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.\"Loans_{archived}\""));

        // The desk keeps lending, returning and listing.
        var (point, reader) = await app.ReaderAsync();
        var copy = app.CopiesHere(1)[0];
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = new[] { copy } }))
            .JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await point.GetAsync("/api/v1/circulation/loans", Ct)).StatusCode);

        var listed = await Run("--list");
        Assert.Equal(0, listed.Code);
        Assert.Contains($"archive.Loans_{archived}", listed.Output, StringComparison.Ordinal);
        await ExecuteAsync("UPDATE \"Loans\" SET \"ReturnedAt\" = \"LentAt\" + interval '1 day' WHERE \"ItemId\" = $1", items[1]);
    }
}

/// SQLite keeps plain tables: the verb refuses there, naming the setting, and the start-up round does nothing.
public sealed class PartitionsOnSqliteTests(SqliteAppWithoutDemoCatalog app) : IClassFixture<SqliteAppWithoutDemoCatalog>
{
    [Fact]
    public async Task ArchiveVerb_OnSqlite_IsRefusedNamingTheSetting_AndNothingIsPartitioned()
    {
        var output = new StringWriter();
        var code = await ArchivePartitionsCommand.RunAsync(app.Services, ["archive-partitions", "2020"], output,
            TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        Assert.Contains("Database:Provider", output.ToString(), StringComparison.Ordinal);
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await app.WithScopeAsync(sp =>
            YearPartitions.EnsureAheadAsync(sp.GetRequiredService<AppDbContext>(), app.Today.Year, ct)));
        Assert.Empty(await app.WithScopeAsync(sp => YearPartitions.ListAsync(sp.GetRequiredService<AppDbContext>(), ct)));
    }
}
