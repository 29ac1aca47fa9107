using System.Globalization;
using System.Net;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// PostgreSQL's group commit (issue 20, pgspeed): the same promises as SQLite's (Infrastructure/GroupCommitTests):
/// saves waiting together commit in one transaction, each in its own savepoint, so one that fails takes nothing else
/// with it, a stale version fails alone, a cancelled save is not written, and each audit entry names its own user.
/// A second connection holds a lock the first save needs, so the others queue behind it while it waits.
public sealed class PgSpeedGroupCommitTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Actor(string name) : IAuditActor
    {
        public string UserId => "id-" + name;
        public string UserName => name;
    }

    [DbFact]
    public async Task SavesArrivingTogether_CommitAsOneGroup_AndAFailingOneFailsAlone()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForPostgres(connectionString);
        var (groupsBefore, savesBefore) = group.Committed;
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var blocker = await BlockInsertsAsync(connectionString);

        var scopes = Enumerable.Range(0, 6).Select(_ => app.Services.CreateAsyncScope()).ToList();
        var contexts = scopes.Select((scope, i) => ActingAs(scope.ServiceProvider, $"user{i}")).ToList();
        var saves = new List<Task<int>>();
        for (var i = 0; i < 6; i++)
        {
            // The fourth reuses the first one's code, which the unique index refuses.
            var code = $"G{tag}-{(i == 3 ? 0 : i)}";
            contexts[i].Organizations.Add(new Organization { Code = code, Name = $"Tổ chức {i}", AreaCode = "38" });
            saves.Add(contexts[i].SaveChangesAsync(Ct));
            if (i == 0) await WaitUntilAsync(() => group.Waiting == 0 && !saves[0].IsCompleted); // the first is with the writer
        }
        await WaitUntilAsync(() => group.Waiting == 5);
        await blocker.RollbackAsync(Ct);

        var outcomes = await Task.WhenAll(saves.Select(async s => { try { return await s; } catch (DbUpdateException) { return -1; } }));
        Assert.Equal([1, 1, 1, -1, 1, 1], outcomes);
        var (groups, committed) = group.Committed;
        Assert.Equal(2, groups - groupsBefore);   // the first alone, then the five queued behind it
        Assert.Equal(5, committed - savesBefore); // the refused one is not counted

        var stored = app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("G" + tag)).OrderBy(o => o.Code)
            .Select(o => new { o.Id, o.Code, o.Name }).ToList());
        Assert.Equal(["Tổ chức 0", "Tổ chức 1", "Tổ chức 2", "Tổ chức 4", "Tổ chức 5"], stored.Select(o => o.Name));
        var ids = stored.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.EntityType == nameof(Organization) && ids.Contains(a.EntityId)).ToList());
        Assert.Equal(5, audit.Count);
        foreach (var entry in audit)
        {
            var org = stored.Single(o => o.Id.ToString(CultureInfo.InvariantCulture) == entry.EntityId);
            Assert.Equal("user" + org.Name[^1], entry.UserName);
            Assert.Contains(org.Code, entry.After);
        }
        // The refused save is still pending in its context, as after any failed save; the others accepted theirs.
        Assert.Equal(EntityState.Added, contexts[3].Entry(contexts[3].Organizations.Local.Single()).State);
        var first = contexts[0];
        var org0 = first.Organizations.Local.Single();
        Assert.Equal(EntityState.Unchanged, first.Entry(org0).State);
        org0.Name = "Tổ chức 0 (sửa)";
        Assert.Equal(1, await first.SaveChangesAsync(Ct));
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(Organization) && a.EntityId == ids[0])));
        foreach (var scope in scopes) await scope.DisposeAsync();
    }

    [DbFact]
    public async Task AStaleVersionAndACancelledSave_FailAlone_AndTheOthersCommit()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForPostgres(connectionString);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = app.WithDb(db =>
        {
            var org = new Organization { Code = $"V{tag}", Name = "Ban đầu", AreaCode = "38" };
            db.Organizations.Add(org);
            db.SaveChanges();
            return org.Id;
        });
        await using var blocker = await BlockInsertsAsync(connectionString);
        await using var s0 = app.Services.CreateAsyncScope();
        await using var s1 = app.Services.CreateAsyncScope();
        await using var s2 = app.Services.CreateAsyncScope();
        await using var s3 = app.Services.CreateAsyncScope();
        await using var s4 = app.Services.CreateAsyncScope();
        var (db0, dbA, dbB, dbC) = (ActingAs(s0.ServiceProvider, "z"), ActingAs(s1.ServiceProvider, "a"),
            ActingAs(s2.ServiceProvider, "b"), ActingAs(s3.ServiceProvider, "c"));
        var dbD = ActingAs(s4.ServiceProvider, "d");
        db0.Organizations.Add(new Organization { Code = $"V{tag}-0", Name = "Khác", AreaCode = "38" });
        var save0 = db0.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 0 && !save0.IsCompleted);
        // Both read the same version and rename; they land in the same group, A before B.
        (await dbA.Organizations.SingleAsync(o => o.Id == id, Ct)).Name = "Sửa A";
        (await dbB.Organizations.SingleAsync(o => o.Id == id, Ct)).Name = "Sửa B";
        var saveA = dbA.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 1);
        var saveB = dbB.SaveChangesAsync(Ct);
        using var cancel = new CancellationTokenSource();
        dbD.Organizations.Add(new Organization { Code = $"V{tag}-d", Name = "Bỏ D", AreaCode = "38" });
        var saveD = dbD.SaveChangesAsync(cancel.Token);
        dbC.Organizations.Add(new Organization { Code = $"V{tag}-c", Name = "Mới C", AreaCode = "38" });
        var saveC = dbC.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 4);
        await cancel.CancelAsync(); // the desk gave up while its save waited
        await blocker.RollbackAsync(Ct);

        Assert.Equal(1, await save0);
        Assert.Equal(1, await saveA);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => saveB);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saveD);
        Assert.Equal(1, await saveC);
        Assert.Equal(["Sửa A", "Khác", "Mới C"], app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("V" + tag))
            .OrderBy(o => o.Code).Select(o => o.Name).ToList()));
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(Organization)
            && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == AuditAction.Updated)));
    }

    [DbFact]
    public async Task EightDesksLendingAndReturningAtOnce_EveryOperationCountsOnce()
    {
        // The desk's saves through the API, grouped: every check-out and return is answered 200, the copies end up back,
        // and the point's rollup rows (written by every save of a group) count each loan and return once.
        var pointId = app.DemoPoint();
        var copies = app.CopiesHere(8);
        var readers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var (client, reader) = await app.ReaderAsync();
            readers.Add(reader.CardNumber);
            client.Dispose();
        }
        using var desk = await app.ClientAsync("demo-point");
        long Rolled(string prefix)
        {
            var sum = string.Join(" + ", new[] { "Unknown", "Male", "Female" }.Select(sex => $"\"{prefix}{sex}\""));
            var sql = "SELECT COALESCE(SUM(" + sum + "), 0)::bigint AS \"Value\" FROM \"LoanDays\" WHERE \"PointId\" = {0}";
            return app.WithDb(db => db.Database.SqlQueryRaw<long>(sql, pointId).Single());
        }
        long Loans() => app.WithDb(db => db.Loans.LongCount(l => l.PointId == pointId));
        var (loansBefore, lentBefore, backBefore) = (Loans(), Rolled("Loans"), Rolled("Returns"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var codes = new List<HttpStatusCode>();
            for (var round = 0; round < 3; round++)
            {
                using var lend = await desk.PostJsonAsync("/api/v1/circulation/loans",
                    new { readerCard = readers[i], barcodes = new[] { copies[i] } });
                codes.Add(lend.StatusCode);
                using var back = await desk.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[i] } });
                codes.Add(back.StatusCode);
            }
            return codes;
        }));
        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(24, Loans() - loansBefore);
        Assert.Equal(24, Rolled("Loans") - lentBefore);
        Assert.Equal(24, Rolled("Returns") - backBefore);
        Assert.Equal(0, app.WithDb(db => db.Loans.Count(l => l.PointId == pointId && l.ReturnedAt == null
            && db.Items.Any(i => i.Id == l.ItemId && copies.Contains(i.Barcode)))));
    }

    /// A transaction on another connection that holds a lock every insert into Organizations waits for.
    /// Statements are prepared on PostgreSQL unless the connection string says otherwise (issue 20: planning the desk's
    /// statements every time cost more than running them).
    [Fact]
    public void PostgresConnectionString_AddsAutomaticPreparation_AndKeepsWhatWasWritten()
    {
        var added = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=bookpost;Username=app"));
        Assert.Equal(DatabaseSetup.MaxAutoPrepare, added.MaxAutoPrepare);
        Assert.Equal(DatabaseSetup.AutoPrepareMinUsages, added.AutoPrepareMinUsages);
        Assert.Equal("db", added.Host);
        Assert.Equal("bookpost", added.Database);
        // Written either way (with or without spaces), an operator's choice stands, 0 (no preparation) included.
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        var written = new NpgsqlConnectionStringBuilder(
            DatabaseSetup.PostgresConnectionString("Host=db;maxautoprepare=7;Auto Prepare Min Usages=9"));
        Assert.Equal((7, 9), (written.MaxAutoPrepare, written.AutoPrepareMinUsages));
        // A malformed one is refused naming the setting, in both languages.
        var bad = Assert.Throws<InvalidOperationException>(() => DatabaseSetup.PostgresConnectionString("Host=db;Max Auto Prepare=lots"));
        Assert.StartsWith("ConnectionStrings:Bookpost không hợp lệ / is not a valid connection string", bad.Message);
        Assert.Throws<InvalidOperationException>(() => DatabaseSetup.PostgresConnectionString("Host=db;=;;Nonsense Key=1"));
    }

    [DbFact]
    public async Task TheAppsConnections_PrepareARepeatedStatement_AndUpdatesOfLoansAndSessionsNameTheirPartition()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(DatabaseSetup.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare);
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            var marker = "prep-" + Guid.NewGuid().ToString("N")[..8];
            for (var i = 0; i < DatabaseSetup.AutoPrepareMinUsages + 1; i++)
                _ = await db.Organizations.CountAsync(o => o.Code == marker, Ct);
            var prepared = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM \"Organizations\"%'").SingleAsync(Ct);
            Assert.True(prepared >= 1, $"prepared statements on Organizations: {prepared}");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        // The partition key is a concurrency token, so EF Core puts it in every UPDATE's WHERE and PostgreSQL prunes.
        Assert.True(db.Model.FindEntityType(typeof(Bookpost.Web.Features.Circulation.Loan))!
            .FindProperty(nameof(Bookpost.Web.Features.Circulation.Loan.LentAt))!.IsConcurrencyToken);
        Assert.True(db.Model.FindEntityType(typeof(Bookpost.Web.Features.Access.AccessSession))!
            .FindProperty(nameof(Bookpost.Web.Features.Access.AccessSession.StartedAt))!.IsConcurrencyToken);
    }

    private static async Task<Blocker> BlockInsertsAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("LOCK TABLE \"Organizations\" IN SHARE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync(Ct);
        return new Blocker(connection, transaction);
    }

    private sealed class Blocker(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task RollbackAsync(CancellationToken ct) => transaction.RollbackAsync(ct);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static AppDbContext ActingAs(IServiceProvider services, string user) =>
        new PostgresAppDbContext(services.GetRequiredService<DbContextOptions<PostgresAppDbContext>>(), new Actor(user),
            TimeProvider.System);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10, Ct);
        Assert.True(condition());
    }
}
