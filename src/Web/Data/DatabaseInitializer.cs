namespace Bookpost.Web.Data;

/// At start: apply migrations, guard the audit log with triggers, then run the features' start-up tasks in their order
/// (today: 100 the catalogue's search index, 200 reference data, 300 demo network, 400 demo rotation, 500 accounts,
/// 600 demo circulation, 700 demo access, 800 access days). Every step is idempotent, so a restart changes nothing.
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        // Several instances on one PostgreSQL database start one after another (Operations/Instances.cs, StartupLock).
        await using var startupLock = await Infrastructure.Operations.StartupLock.AcquireAsync(db,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer)), ct);
        await DatabaseSetup.EnableWalAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await GuardAuditLogAsync(db, ct);
        foreach (var task in sp.GetServices<IStartupTask>().OrderBy(t => t.Order)) await task.RunAsync(sp, ct);
    }

    /// The audit log is append-only in the database itself, not only in the app.
    private static async Task GuardAuditLogAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION bookpost_audit_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'The audit log is append-only'; END; $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS audit_append_only ON "AuditEntries";
                CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION bookpost_audit_append_only();
                """, ct);
            // Partitioned by year, the table's key is (Id, At): a hand-written insert of an existing id with another time
            // would pass the key. One index probe per partition refuses it, as the key alone did before.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION bookpost_audit_no_reuse() RETURNS trigger AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM "AuditEntries" WHERE "Id" = NEW."Id") THEN
                        RAISE EXCEPTION 'The audit log is append-only';
                    END IF;
                    RETURN NEW;
                END; $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS audit_no_reuse ON "AuditEntries";
                CREATE TRIGGER audit_no_reuse BEFORE INSERT ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION bookpost_audit_no_reuse();
                """, ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
                """, ct);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
                """, ct);
            // INSERT OR REPLACE (and REPLACE INTO) would delete the old row without firing the delete trigger: an insert
            // of an id that exists is refused before any conflict resolution runs. On PostgreSQL an upsert
            // (ON CONFLICT … DO UPDATE) fires the update trigger above, and a plain insert of an existing id violates the key.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_no_replace BEFORE INSERT ON AuditEntries
                WHEN EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id)
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
                """, ct);
        }
    }
}
