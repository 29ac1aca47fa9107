using System.Data.Common;
using Bookpost.Web.Infrastructure.Audit;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bookpost.Web.Tests.Security;

/// Finding 9: the audit log cannot be rewritten with raw SQL on either database. On SQLite, INSERT OR REPLACE (and
/// REPLACE INTO) of an existing id deleted the old row without firing the delete trigger; an insert of an existing id
/// is now refused. On PostgreSQL an upsert (ON CONFLICT … DO UPDATE) is refused by the update trigger. Updates and
/// deletes stay refused, and a new entry still goes in.
public abstract class AuditTamperTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AuditEntry Newest() => app.WithDb(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).First());

    private AuditEntry Entry(long id) => app.WithDb(db => db.AuditEntries.AsNoTracking().Single(e => e.Id == id));

    private bool Sqlite => app.WithDb(db => db.Database.IsSqlite());

    private Task<int> SqlAsync(string sql, params object[] args) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Web.Data.AppDbContext>().Database.ExecuteSqlRawAsync(sql, args, Ct));

    private const string Columns = "(\"Id\", \"At\", \"UserId\", \"UserName\", \"Action\", \"EntityType\", \"EntityId\", \"Before\", \"After\")";

    private async Task RefusedAsync(string sql, params object[] args)
    {
        var e = await Record.ExceptionAsync(() => SqlAsync(sql, args));
        Assert.True(e is DbException, $"{sql}: expected a refusal, got {e?.GetType().Name ?? "success"}");
    }

    [DbFact]
    public async Task ReplacingAnExistingEntry_IsRefused_AndTheEntryStaysAsItWas()
    {
        var target = Newest();
        var at = app.UtcNow;
        object[] values = [target.Id, at, "intruder", "intruder", "Deleted", target.EntityType, target.EntityId];
        if (Sqlite)
        {
            await RefusedAsync($"INSERT OR REPLACE INTO AuditEntries {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, NULL, NULL)", values);
            await RefusedAsync($"REPLACE INTO AuditEntries {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, NULL, NULL)", values);
            await RefusedAsync($"INSERT INTO AuditEntries {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, NULL, NULL) "
                + "ON CONFLICT(\"Id\") DO UPDATE SET \"UserName\" = excluded.\"UserName\"", values);
        }
        else
        {
            await RefusedAsync($"INSERT INTO \"AuditEntries\" {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, NULL, NULL) "
                + "ON CONFLICT (\"Id\") DO UPDATE SET \"UserName\" = EXCLUDED.\"UserName\", \"After\" = NULL", values);
            await RefusedAsync($"INSERT INTO \"AuditEntries\" {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, NULL, NULL)", values);
            // DO NOTHING changes nothing, which is all it may do (on the table partitioned by year it is refused outright:
            // there is no unique key on the id alone to conflict on).
            try
            {
                Assert.Equal(0, await SqlAsync($"INSERT INTO \"AuditEntries\" {Columns} VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, "
                    + "{6}, NULL, NULL) ON CONFLICT (\"Id\") DO NOTHING", values));
            }
            catch (Npgsql.PostgresException)
            {
            }
        }
        await RefusedAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'intruder' WHERE \"Id\" = {0}", target.Id);
        await RefusedAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", target.Id);

        var now = Entry(target.Id);
        Assert.Equal((target.UserName, target.Action, target.Before, target.After), (now.UserName, now.Action, now.Before, now.After));
        Assert.Equal(0, app.WithDb(db => db.AuditEntries.Count(e => e.UserName == "intruder")));
    }

    [DbFact]
    public async Task ANewEntry_StillGoesIn()
    {
        var before = Newest().Id;
        await SqlAsync("INSERT INTO \"AuditEntries\" (\"At\", \"UserId\", \"UserName\", \"Action\", \"EntityType\", \"EntityId\") "
            + "VALUES ({0}, 'test', 'test', 'Created', 'Tamper', 'new')", app.UtcNow);
        Assert.True(Newest().Id > before);
        // And the app's own writes are audited as before.
        using var admin = await app.ClientAsync("demo-admin");
        var (_, site) = await new Features.Access.AccessBuilders(app).SiteAsync();
        Assert.True(app.WithDb(db => db.AuditEntries.Any(e => e.EntityType == "ServicePoint" && e.EntityId == site.ToString())));
    }
}

public sealed class AuditTamperTestsOnSqlite(SqliteApp app) : AuditTamperTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTamperTestsOnPostgres(PostgresApp app) : AuditTamperTests(app), IClassFixture<PostgresApp>;
