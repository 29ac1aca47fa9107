using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Infrastructure;

/// SQLite's group commit: saves that arrive while another is being written commit together, each in a savepoint of
/// its own, so one that fails takes nothing else with it and the audit of each names its own user.
public sealed class GroupCommitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Actor(string name) : IAuditActor
    {
        public string UserId => "id-" + name;
        public string UserName => name;
    }

    [Fact]
    public async Task SavesArrivingTogether_CommitAsOneGroup_AndAFailingOneFailsAlone()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForSqlite(connectionString);
        var (groupsBefore, savesBefore) = group.Committed;
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Another connection holds SQLite's write lock, so the first save waits in the writer and the others queue.
        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync(Ct);
        await Exec(blocker, "BEGIN IMMEDIATE");

        // Six saves by six users; the fourth reuses the first one's code, which the unique index refuses.
        var scopes = Enumerable.Range(0, 6).Select(_ => app.Services.CreateAsyncScope()).ToList();
        var contexts = scopes.Select((scope, i) => ActingAs(scope.ServiceProvider, $"user{i}")).ToList();
        var saves = new List<Task<int>>();
        for (var i = 0; i < 6; i++)
        {
            var db = contexts[i];
            db.Organizations.Add(new Organization { Code = $"G{tag}-{(i == 3 ? 0 : i)}", Name = $"Tổ chức {i}", AreaCode = "38" });
            saves.Add(db.SaveChangesAsync(Ct));
            if (i == 0) await WaitUntilAsync(() => group.Waiting == 0 && !saves[0].IsCompleted); // the first is with the writer
        }
        await WaitUntilAsync(() => group.Waiting == 5);
        await Exec(blocker, "ROLLBACK");

        var outcomes = await Task.WhenAll(saves.Select(async s => { try { return await s; } catch (DbUpdateException) { return -1; } }));
        Assert.Equal([1, 1, 1, -1, 1, 1], outcomes);
        var (groups, committed) = group.Committed;
        Assert.Equal(2, groups - groupsBefore);   // the first alone, then the five queued behind it
        Assert.Equal(5, committed - savesBefore); // the refused one is not counted

        var stored = app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("G" + tag)).OrderBy(o => o.Code)
            .Select(o => new { o.Id, o.Code, o.Name }).ToList());
        Assert.Equal(["Tổ chức 0", "Tổ chức 1", "Tổ chức 2", "Tổ chức 4", "Tổ chức 5"], stored.Select(o => o.Name));
        var ids = stored.Select(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.EntityType == nameof(Organization) && ids.Contains(a.EntityId)).ToList());
        Assert.Equal(5, audit.Count);
        // Each entry names the user whose save it was, and carries that save's values.
        foreach (var entry in audit)
        {
            var org = stored.Single(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == entry.EntityId);
            Assert.Equal("user" + org.Name[^1], entry.UserName);
            Assert.Equal(AuditAction.Created, entry.Action);
            Assert.Contains(org.Code, entry.After);
        }

        // The contexts accepted their changes once the group committed: a further edit is an update, not a second insert.
        var first = contexts[0];
        var org0 = first.Organizations.Local.Single();
        Assert.Equal(EntityState.Unchanged, first.Entry(org0).State);
        org0.Name = "Tổ chức 0 (sửa)";
        Assert.Equal(1, await first.SaveChangesAsync(Ct));
        Assert.Equal(2, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(Organization) && a.EntityId == ids[0])));
        foreach (var scope in scopes) await scope.DisposeAsync();
    }

    [Fact]
    public async Task ASaveCancelledWhileItWaits_IsNotWritten_AndTheOthersAre()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForSqlite(connectionString);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync(Ct);
        await Exec(blocker, "BEGIN IMMEDIATE");

        await using var a = app.Services.CreateAsyncScope();
        await using var b = app.Services.CreateAsyncScope();
        await using var c = app.Services.CreateAsyncScope();
        var (dbA, dbB, dbC) = (ActingAs(a.ServiceProvider, "a"), ActingAs(b.ServiceProvider, "b"), ActingAs(c.ServiceProvider, "c"));
        dbA.Organizations.Add(new Organization { Code = $"C{tag}-a", Name = "A", AreaCode = "38" });
        var saveA = dbA.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 0 && !saveA.IsCompleted);
        using var cancel = new CancellationTokenSource();
        dbB.Organizations.Add(new Organization { Code = $"C{tag}-b", Name = "B", AreaCode = "38" });
        var saveB = dbB.SaveChangesAsync(cancel.Token);
        dbC.Organizations.Add(new Organization { Code = $"C{tag}-c", Name = "C", AreaCode = "38" });
        var saveC = dbC.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 2);
        await cancel.CancelAsync(); // the desk gave up (the request was aborted) while its save waited
        await Exec(blocker, "ROLLBACK");

        Assert.Equal(1, await saveA);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saveB);
        Assert.Equal(1, await saveC);
        Assert.Equal(["A", "C"],
            app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("C" + tag)).OrderBy(o => o.Code).Select(o => o.Name).ToList()));
        Assert.Equal(EntityState.Added, dbB.Entry(dbB.Organizations.Local.Single()).State); // still unsaved, as after any failed save
    }

    [Fact]
    public async Task ASaveInsideTheCallersOwnTransaction_StaysInIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var db = ActingAs(scope.ServiceProvider, "someone");
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Organizations.Add(new Organization { Code = $"T{tag}", Name = "Trong giao dịch", AreaCode = "38" });
            Assert.Equal(1, await db.SaveChangesAsync(Ct));
            await tx.RollbackAsync(Ct);
        }
        Assert.Equal(0, app.WithDb(d => d.Organizations.Count(o => o.Code == $"T{tag}")));
        Assert.Equal(0, app.WithDb(d => d.AuditEntries.Count(e => e.EntityType == nameof(Organization) && e.After!.Contains($"T{tag}"))));
    }

    [Fact]
    public async Task AFailedCommit_FailsEverySaveOfItsGroup_LeavesNothing_AndThePooledContextWorksAfterwards()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForSqlite(connectionString);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync(Ct);
        // A deferred foreign key is checked at COMMIT: an organization named "boom" makes the whole transaction fail
        // there, after every save of the group went through its own savepoint.
        await Exec(blocker, $"""
            CREATE TABLE gc_parent_{tag} (id INTEGER PRIMARY KEY);
            CREATE TABLE gc_child_{tag} (pid INTEGER REFERENCES gc_parent_{tag}(id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER gc_boom_{tag} AFTER INSERT ON Organizations WHEN NEW.Name = 'boom-{tag}'
            BEGIN INSERT INTO gc_child_{tag} (pid) VALUES (-1); END;
            """);
        try
        {
            await Exec(blocker, "BEGIN IMMEDIATE");
            await using var first = app.Services.CreateAsyncScope();
            var dbFirst = ActingAs(first.ServiceProvider, "first");
            dbFirst.Organizations.Add(new Organization { Code = $"F{tag}-0", Name = "Trước", AreaCode = "38" });
            var saveFirst = dbFirst.SaveChangesAsync(Ct);
            await WaitUntilAsync(() => group.Waiting == 0 && !saveFirst.IsCompleted);

            // Three saves queue behind it; one of them is a pooled context of the app, as a request would use.
            var pooledScope = app.Services.CreateAsyncScope();
            var pooled = pooledScope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var other = app.Services.CreateAsyncScope();
            await using var third = app.Services.CreateAsyncScope();
            var (dbBoom, dbThird) = (ActingAs(other.ServiceProvider, "boom"), ActingAs(third.ServiceProvider, "third"));
            pooled.Organizations.Add(new Organization { Code = $"F{tag}-1", Name = "Nhóm 1", AreaCode = "38" });
            dbBoom.Organizations.Add(new Organization { Code = $"F{tag}-2", Name = $"boom-{tag}", AreaCode = "38" });
            dbThird.Organizations.Add(new Organization { Code = $"F{tag}-3", Name = "Nhóm 3", AreaCode = "38" });
            var saves = new[] { pooled.SaveChangesAsync(Ct), dbBoom.SaveChangesAsync(Ct), dbThird.SaveChangesAsync(Ct) };
            await WaitUntilAsync(() => group.Waiting == 3);
            await Exec(blocker, "ROLLBACK");

            Assert.Equal(1, await saveFirst);
            foreach (var save in saves) Assert.Contains("FOREIGN KEY", (await Assert.ThrowsAnyAsync<Exception>(() => save)).Message);
            Assert.Equal(["Trước"],
                app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("F" + tag)).Select(o => o.Name).ToList()));
            string[] failed = [$"F{tag}-1", $"F{tag}-2", $"F{tag}-3"];
            Assert.Equal(0, app.WithDb(db => db.AuditEntries.AsEnumerable()
                .Count(a => a.EntityType == nameof(Organization) && failed.Any(code => a.After?.Contains(code) == true))));
            Assert.All(new[] { pooled, dbBoom, dbThird },
                db => Assert.Equal(EntityState.Added, db.Entry(db.Organizations.Local.Single()).State));

            // The pooled context that failed is usable again, and so is the one the pool hands out after it.
            pooled.ChangeTracker.Clear();
            pooled.Organizations.Add(new Organization { Code = $"F{tag}-4", Name = "Lần sau", AreaCode = "38" });
            Assert.Equal(1, await pooled.SaveChangesAsync(Ct));
            Assert.Equal(connectionString, pooled.Database.GetConnectionString());
            await pooledScope.DisposeAsync();
            await using var again = app.Services.CreateAsyncScope();
            var reused = again.ServiceProvider.GetRequiredService<AppDbContext>();
            reused.Organizations.Add(new Organization { Code = $"F{tag}-5", Name = "Lần nữa", AreaCode = "38" });
            Assert.Equal(1, await reused.SaveChangesAsync(Ct));
            Assert.Equal(["Trước", "Lần sau", "Lần nữa"],
                app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("F" + tag)).OrderBy(o => o.Code).Select(o => o.Name)
                    .ToList()));
        }
        finally
        {
            await Exec(blocker, $"DROP TRIGGER gc_boom_{tag}; DROP TABLE gc_child_{tag}; DROP TABLE gc_parent_{tag};");
        }
    }

    [Fact]
    public async Task AQueueLongerThanTheGroupLimit_CommitsInGroupsOfAtMostTheLimit()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForSqlite(connectionString);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync(Ct);
        await Exec(blocker, "BEGIN IMMEDIATE");
        var (groupsBefore, savesBefore) = group.Committed;

        var queued = GroupCommit.MaxGroup + 6;
        var scopes = Enumerable.Range(0, queued + 1).Select(_ => app.Services.CreateAsyncScope()).ToList();
        var saves = new List<Task<int>>();
        for (var i = 0; i <= queued; i++)
        {
            var db = ActingAs(scopes[i].ServiceProvider, $"user{i}");
            db.Organizations.Add(new Organization { Code = $"Q{tag}-{i:D3}", Name = $"Hàng {i}", AreaCode = "38" });
            saves.Add(db.SaveChangesAsync(Ct));
            if (i == 0) await WaitUntilAsync(() => group.Waiting == 0 && !saves[0].IsCompleted);
        }
        await WaitUntilAsync(() => group.Waiting == queued);
        await Exec(blocker, "ROLLBACK");

        Assert.All(await Task.WhenAll(saves), written => Assert.Equal(1, written));
        var (groups, committed) = group.Committed;
        Assert.Equal(3, groups - groupsBefore);       // the first alone, then the limit, then the six left over
        Assert.Equal(queued + 1, committed - savesBefore);
        Assert.Equal(queued + 1, app.WithDb(db => db.Organizations.Count(o => o.Code.StartsWith("Q" + tag))));
        foreach (var scope in scopes) await scope.DisposeAsync();
    }

    [Fact]
    public async Task AConcurrencyConflictInsideAGroup_FailsThatSaveAlone()
    {
        var connectionString = app.WithDb(db => db.Database.GetConnectionString()!);
        var group = GroupCommit.ForSqlite(connectionString);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = app.WithDb(db =>
        {
            var org = new Organization { Code = $"V{tag}", Name = "Ban đầu", AreaCode = "38" };
            db.Organizations.Add(org);
            db.SaveChanges();
            return org.Id;
        });
        await using var blocker = new SqliteConnection(connectionString);
        await blocker.OpenAsync(Ct);
        await Exec(blocker, "BEGIN IMMEDIATE");

        await using var s0 = app.Services.CreateAsyncScope();
        await using var s1 = app.Services.CreateAsyncScope();
        await using var s2 = app.Services.CreateAsyncScope();
        await using var s3 = app.Services.CreateAsyncScope();
        var (db0, dbA, dbB, dbC) = (ActingAs(s0.ServiceProvider, "z"), ActingAs(s1.ServiceProvider, "a"),
            ActingAs(s2.ServiceProvider, "b"), ActingAs(s3.ServiceProvider, "c"));
        db0.Organizations.Add(new Organization { Code = $"V{tag}-0", Name = "Khác", AreaCode = "38" });
        var save0 = db0.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 0 && !save0.IsCompleted);
        // Both read the same version; both rename; they land in the same group, A before B.
        (await dbA.Organizations.SingleAsync(o => o.Id == id, Ct)).Name = "Sửa A";
        (await dbB.Organizations.SingleAsync(o => o.Id == id, Ct)).Name = "Sửa B";
        dbC.Organizations.Add(new Organization { Code = $"V{tag}-c", Name = "Mới C", AreaCode = "38" });
        var saveA = dbA.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 1);
        var saveB = dbB.SaveChangesAsync(Ct);
        var saveC = dbC.SaveChangesAsync(Ct);
        await WaitUntilAsync(() => group.Waiting == 3);
        await Exec(blocker, "ROLLBACK");

        Assert.Equal(1, await save0);
        Assert.Equal(1, await saveA);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => saveB);
        Assert.Equal(1, await saveC);
        var stored = app.WithDb(db => db.Organizations.Where(o => o.Code.StartsWith("V" + tag)).OrderBy(o => o.Code)
            .Select(o => o.Name).ToList());
        Assert.Equal(["Sửa A", "Khác", "Mới C"], stored);
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.EntityType == nameof(Organization)
            && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == AuditAction.Updated)));
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static AppDbContext ActingAs(IServiceProvider services, string user) =>
        new SqliteAppDbContext(services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>(), new Actor(user), TimeProvider.System);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10, Ct);
        Assert.True(condition());
    }
}
