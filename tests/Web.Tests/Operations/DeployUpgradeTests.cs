using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bookpost.Web.Data;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Bookpost.Web.Tests.Infrastructure.Api;

namespace Bookpost.Web.Tests.Operations;

/// Upgrades: the new build starts on a database the previous release (tag release-19) made, with its demo data
/// (tests/data/upgrade, README there), applies the migrations it adds, once, and keeps every old row: the same
/// points, accounts and loans, and audit entries identical to the byte. The old accounts still sign in and the desk
/// still lends on the upgraded database.
public abstract class DeployUpgradeTests(DeployUpgradeTests.IUpgradedApp fixture)
{
    private BookpostApp App => (BookpostApp)fixture;

    [DbFact]
    public void TheNewMigrations_AreAppliedOnce_AfterTheOldOnes_AndNothingIsPending()
    {
        var before = fixture.Before;
        var after = fixture.Snapshot();
        var known = App.WithDb(db => db.Database.GetMigrations().ToList());
        Assert.NotEmpty(before.Migrations);
        Assert.Equal(before.Migrations, after.Migrations.Take(before.Migrations.Count));
        Assert.Equal(known, after.Migrations);
        Assert.Equal(after.Migrations.Count, after.Migrations.Distinct().Count());
        Assert.True(after.Migrations.Count > before.Migrations.Count, "release-19's database had every migration already");
        Assert.Empty(App.WithDb(db => db.Database.GetPendingMigrations().ToList()));
    }

    [DbFact]
    public async Task ASecondStart_OnTheUpgradedDatabase_ChangesNothing()
    {
        var first = fixture.Snapshot();
        await App.Services.InitializeDatabaseAsync(Ct);
        Assert.Equal(first, fixture.Snapshot());
    }

    [DbFact]
    public void TheOldRows_AreAllThere_AndTheOldAuditEntriesAreUnchanged()
    {
        var before = fixture.Before;
        var after = fixture.Snapshot();
        Assert.True(before.Points > 0 && before.Users > 0 && before.Loans > 0 && before.Audit > 0, before.ToString());
        Assert.Equal(before.Points, after.Points);
        Assert.Equal(before.Users, after.Users);
        // Start-up tasks of the new build may add rows; the old ones are all there, and the old audit entries, read
        // column by column, hash to the same value.
        Assert.Equal(before.Loans, after.OldLoans);
        Assert.Equal(before.Audit, after.OldAudit);
        Assert.Equal(before.AuditDigest, after.AuditDigest);
    }

    [DbFact]
    public async Task TheOldAccounts_SignIn_AndTheDeskLendsOnTheUpgradedDatabase()
    {
        using var point = await SignedInAsync("demo-point");
        using var admin = await SignedInAsync("demo-admin");
        // A reader and a copy at the point, made as the bench does (bench/LoanBench), then one loan and its return.
        var pointId = (await point.GetJsonAsync("/api/v1/me")).GetProperty("pointId").GetInt32();
        var card = (await (await point.PostJsonAsync("/api/v1/circulation/readers", new { fullName = "Upgrade Reader",
            category = "Other", consentOn = App.Today.ToString("yyyy-MM-dd") })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("cardNumber").GetString();
        var titleId = (await admin.GetJsonAsync("/api/v1/catalog/titles?pageSize=1"))
            .GetProperty("items")[0].GetProperty("id").GetInt32();
        var owner = (await admin.GetJsonAsync("/api/v1/points?kind=ProvincialLibrary"))
            .GetProperty("items")[0].GetProperty("id").GetInt32();
        await (await admin.PostJsonAsync("/api/v1/catalog/items", new { barcode = "UPGRADE0001", titleId, ownerId = owner,
            locationId = pointId })).JsonAsync(HttpStatusCode.Created);
        Assert.True((await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = card, barcodes = new[] { "UPGRADE0001" } }))
            .IsSuccessStatusCode);
        Assert.True((await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { "UPGRADE0001" } }))
            .IsSuccessStatusCode);
    }

    /// A client signed in with release-19's demo password: the accounts it made sign in on the new build.
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = App.CreateClient();
        var token = await client.PostJsonAsync("/api/v1/auth/token", new { username = user, password = UpgradedApps.Password });
        var access = (await token.JsonAsync(HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    public interface IUpgradedApp
    {
        /// The fixture as release-19 left it, read before the new build started on it.
        UpgradeSnapshot Before { get; }
        UpgradeSnapshot Snapshot();
    }
}

/// What an upgrade must keep, read with plain SQL (no model of the new build involved). Old* and AuditDigest count
/// only rows up to the highest ids of the fixture.
public sealed record UpgradeSnapshot(IReadOnlyList<string> Migrations, long Points, long Users, long Loans, long Audit,
    long OldLoans, long OldAudit, string AuditDigest)
{
    public bool Equals(UpgradeSnapshot? other) => other is not null && Migrations.SequenceEqual(other.Migrations)
        && (Points, Users, Loans, Audit, OldLoans, OldAudit, AuditDigest)
        == (other.Points, other.Users, other.Loans, other.Audit, other.OldLoans, other.OldAudit, other.AuditDigest);

    public override int GetHashCode() => HashCode.Combine(Points, Users, Loans, Audit, AuditDigest);

    public static UpgradeSnapshot Read(DbConnection connection, long maxLoanId, long maxAuditId)
    {
        connection.Open();
        try
        {
            var migrations = new List<string>();
            using (var cmd = Command(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\""))
            using (var reader = cmd.ExecuteReader())
                while (reader.Read()) migrations.Add(reader.GetString(0));
            long Count(string sql) { using var cmd = Command(connection, sql); return Convert.ToInt64(cmd.ExecuteScalar()); }
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var cmd = Command(connection, "SELECT \"Id\", \"At\", \"UserId\", \"UserName\", \"Action\", \"EntityType\", " +
                $"\"EntityId\", \"Before\", \"After\" FROM \"AuditEntries\" WHERE \"Id\" <= {maxAuditId} ORDER BY \"Id\""))
            using (var reader = cmd.ExecuteReader())
                while (reader.Read())
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i) switch
                        {
                            DateTime at => at.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
                            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                        };
                        sha.AppendData(Encoding.UTF8.GetBytes(value + "\u241f"));
                    }
            return new UpgradeSnapshot(migrations,
                Count("SELECT COUNT(*) FROM \"ServicePoints\""), Count("SELECT COUNT(*) FROM \"AspNetUsers\""),
                Count("SELECT COUNT(*) FROM \"Loans\""), Count("SELECT COUNT(*) FROM \"AuditEntries\""),
                Count($"SELECT COUNT(*) FROM \"Loans\" WHERE \"Id\" <= {maxLoanId}"),
                Count($"SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Id\" <= {maxAuditId}"),
                Convert.ToHexString(sha.GetHashAndReset()));
        }
        finally { connection.Close(); }
    }

    public static (long Loans, long Audit) MaxIds(DbConnection connection)
    {
        connection.Open();
        try
        {
            using var loans = Command(connection, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Loans\"");
            using var audit = Command(connection, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"AuditEntries\"");
            return (Convert.ToInt64(loans.ExecuteScalar()), Convert.ToInt64(audit.ExecuteScalar()));
        }
        finally { connection.Close(); }
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }
}

/// Where the fixture files are and how each database is put back from them.
public static class UpgradedApps
{
    /// The demo password release-19 used (its published default); the new build runs in Development here, as then.
    public const string Password = "Bookpost@2026";

    public static string Fixture(string name) => Path.Combine(TestData.Dir, "upgrade", name);

    public static void Gunzip(string from, Stream to)
    {
        using var gz = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        gz.CopyTo(to);
    }

    public static void Settings(IWebHostBuilder builder)
    {
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Demo:Catalog", "true");
    }
}

public sealed class UpgradedSqliteApp : BookpostApp, DeployUpgradeTests.IUpgradedApp, IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bookpost-tests", "upgrade-" + Guid.NewGuid().ToString("N"));
    private (long Loans, long Audit) _max;
    private UpgradeSnapshot? _before;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public UpgradeSnapshot Before => _before ?? throw new InvalidOperationException("The app has not started.");
    private string File => Path.Combine(_dir, "bookpost.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        using (var db = System.IO.File.Create(File)) UpgradedApps.Gunzip(UpgradedApps.Fixture("release-19-sqlite.db.gz"), db);
        _max = UpgradeSnapshot.MaxIds(Connection());
        _before = UpgradeSnapshot.Read(Connection(), _max.Loans, _max.Audit);
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:DataDirectory", _dir); // the restored folder instead of the fixture's empty one
        UpgradedApps.Settings(builder);
    }

    private SqliteConnection Connection() => new(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());

    public UpgradeSnapshot Snapshot() => UpgradeSnapshot.Read(Connection(), _max.Loans, _max.Audit);

    /// Hides BookpostApp's, which deletes only its own folder (the class names IAsyncDisposable again for that).
    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class UpgradedPostgresApp : PostgresApp, DeployUpgradeTests.IUpgradedApp
{
    private readonly Lazy<string?> _connection = new(Restore);
    private (long Loans, long Audit) _max;
    private UpgradeSnapshot? _before;

    protected override string? ConnectionString => _connection.Value;
    public UpgradeSnapshot Before => _before ?? throw new InvalidOperationException("The app has not started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _max = UpgradeSnapshot.MaxIds(Connection());
        _before = UpgradeSnapshot.Read(Connection(), _max.Loans, _max.Audit);
        base.ConfigureWebHost(builder);
        UpgradedApps.Settings(builder);
    }

    private NpgsqlConnection Connection() => new(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());

    public UpgradeSnapshot Snapshot() => UpgradeSnapshot.Read(Connection(), _max.Loans, _max.Audit);

    /// A new database of the test cluster, filled from release-19's plain-SQL dump by psql (the dump's COPY blocks
    /// need it), stopping at the first error.
    private static string? Restore()
    {
        var connection = PostgresCluster.NewDatabase("upgrade");
        if (connection is null) return null;
        var target = new NpgsqlConnectionStringBuilder(connection);
        var psql = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "psql"))
            .FirstOrDefault(System.IO.File.Exists) ?? throw new InvalidOperationException("psql not found under /usr/lib/postgresql");
        var info = new ProcessStartInfo(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", target.Host!, "-p", target.Port.ToString(),
            "-U", target.Username!, "-d", target.Database!])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        UpgradedApps.Gunzip(UpgradedApps.Fixture("release-19-postgres.sql.gz"), process.StandardInput.BaseStream);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new InvalidOperationException("psql did not load the release-19 dump within a minute");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql could not load the release-19 dump: {output.Result} {error.Result}");
        return connection;
    }
}

public sealed class DeployUpgradeTestsOnSqlite(UpgradedSqliteApp app) : DeployUpgradeTests(app), IClassFixture<UpgradedSqliteApp>;
public sealed class DeployUpgradeTestsOnPostgres(UpgradedPostgresApp app) : DeployUpgradeTests(app), IClassFixture<UpgradedPostgresApp>;
