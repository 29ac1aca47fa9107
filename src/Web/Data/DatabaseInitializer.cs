using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Data;

/// At start: apply migrations, guard the audit log with triggers, then seed reference data, the demo network
/// and the accounts. Every step is idempotent, so a restart changes nothing.
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await DatabaseSetup.EnableWalAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await GuardAuditLogAsync(db, ct);
        await Features.Catalog.SearchIndex.EnsureAsync(db, ct);

        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            await sp.GetRequiredService<DemoNetworkSeeder>().SeedAsync(ct);
            if (demo.Catalog) await sp.GetRequiredService<Features.Rotation.Seed.DemoRotationSeeder>().SeedAsync(ct);
        }
        await sp.GetRequiredService<AccountSeeder>().SeedAsync(Console.Out, ct);
        if (demo.Enabled && demo.Catalog) await sp.GetRequiredService<Features.Circulation.DemoCirculationSeeder>().SeedAsync(ct);
        if (demo.Enabled) await sp.GetRequiredService<Features.Access.DemoAccessSeeder>().SeedAsync(ct);
        await Features.Access.AccessDays.EnsureAsync(db, ct);
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
        }
    }
}
