using System.Collections.Concurrent;
using Bookpost.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bookpost.Web.Tests.Infrastructure;

/// A database built by the migrations and seeded with the demo data, once per run and kind, that test apps copy instead
/// of building their own (about 15 s less per test class on a loaded machine): its folder (SQLite database, signing key)
/// and, on PostgreSQL, a database to copy with CREATE DATABASE … TEMPLATE.
public sealed record AppTemplate(string Directory, string? Database);

public static class AppTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<AppTemplate?>>> s_built = new();

    /// The template of this kind, built on first use. Keyed by the day in Vietnam too: the demo data is dated from the
    /// day it is seeded, so a run that crosses midnight seeds again rather than start apps on yesterday's data.
    public static Task<AppTemplate?> GetAsync(string name, DatabaseProvider provider, bool demoCatalog)
    {
        var key = $"{name}:{Bookpost.Web.Infrastructure.VnTime.Today(TimeProvider.System):yyyy-MM-dd}";
        return s_built.GetOrAdd(key, _ => new(() => BuildAsync(name, provider, demoCatalog))).Value;
    }

    private static async Task<AppTemplate?> BuildAsync(string name, DatabaseProvider provider, bool demoCatalog)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bookpost-tests", $"template-{name}-{Guid.NewGuid():N}");
        string? connection = null;
        if (provider == DatabaseProvider.Postgres)
        {
            connection = PostgresCluster.NewDatabase("template");
            if (connection is null) return null;
        }
        var app = new TemplateApp(provider, demoCatalog, directory, connection);
        _ = app.Server;
        await app.DisposeAsync();
        // Nothing of the template's own instance may reach the copies: no lease its jobs held, no open connection (a
        // database being copied must have none).
        if (connection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var database = new NpgsqlConnectionStringBuilder(connection).Database!;
            await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ToString()))
            {
                await conn.OpenAsync();
                await using var clear = new NpgsqlCommand("""DELETE FROM "JobLeases";""", conn);
                await clear.ExecuteNonQueryAsync();
            }
            // A connection the pools did not give back (a listener's, one in use as the host stopped) would stop the copies.
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false }.ToString());
            await server.OpenAsync();
            await using var end = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", server);
            end.Parameters.AddWithValue("db", database);
            await end.ExecuteScalarAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var file = Path.Combine(directory, "bookpost.db");
            await using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await conn.OpenAsync();
            await using var clear = conn.CreateCommand();
            clear.CommandText = "DELETE FROM JobLeases; PRAGMA wal_checkpoint(TRUNCATE);";
            await clear.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(directory, recursive: true); } catch (IOException) { }
        };
        return new AppTemplate(directory, connection is null ? null : new NpgsqlConnectionStringBuilder(connection).Database);
    }

    /// The app that builds a template: the same settings as every test app, in a folder that outlives it.
    private sealed class TemplateApp(DatabaseProvider provider, bool demoCatalog, string directory, string? connection) : BookpostApp
    {
        protected override DatabaseProvider Provider => provider;
        protected override bool DemoCatalog => demoCatalog;
        protected override string? ConnectionString => connection;
        protected override string DataDirectory => directory;
        protected override bool DeletesDataDirectory => false;
    }
}
