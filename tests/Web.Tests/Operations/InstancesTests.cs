using Bookpost.Marc;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// Issue 20, several instances, in one process: the signing key's sources and refusals, the data-protection keys in
/// the database, import jobs under their lease.
public abstract class InstancesTests(BookpostApp app)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected BookpostApp App => app;

    /// The settings that point a second host at a database of its own (an empty one).
    protected abstract void UseFreshDatabase(IWebHostBuilder builder, string dataDirectory);

    [DbFact]
    public async Task KeysAnEarlierVersionKeptInTheDataFolder_AreTakenIntoTheDatabase_SoOldCookiesStayValid()
    {
        var data = Directory.CreateTempSubdirectory("bookpost-dpkeys-").FullName;
        try
        {
            // What release 19 did: the key ring in <data>/keys, for the application "Bookpost".
            var old = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(data, "keys")), b => b.SetApplicationName("Bookpost"));
            var sealedByOld = old.CreateProtector("instances-test").Protect("made before the upgrade");

            await using var upgraded = app.WithWebHostBuilder(b => UseFreshDatabase(b, data));
            var provider = upgraded.Services.GetRequiredService<IDataProtectionProvider>();
            Assert.Equal("made before the upgrade", provider.CreateProtector("instances-test").Unprotect(sealedByOld));
            await using var scope = upgraded.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [DbFact]
    public async Task AnEmptyDatabase_GetsOneKeyAtStart_AndTheAppsProtectorsUseIt()
    {
        var data = Directory.CreateTempSubdirectory("bookpost-dpkeys-").FullName;
        try
        {
            await using var fresh = app.WithWebHostBuilder(b => UseFreshDatabase(b, data));
            await using var scope = fresh.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct));
            var protector = fresh.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("instances-test");
            Assert.Equal("x", protector.Unprotect(protector.Protect("x")));
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct)); // no second key made per instance
            Assert.False(Directory.Exists(Path.Combine(data, "keys")));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [DbFact]
    public async Task AnImportJobLeasedByAnotherInstance_IsLeftToIt_AndTakenOnceItsLeaseRunsOut()
    {
        var job = await QueueImportAsync(3);
        var lease = ImportRunner.LeaseOf(job);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.JobLeases.Add(new JobLease { Name = lease, Owner = "other-instance", TakenAt = app.UtcNow, Until = app.UtcNow.AddHours(1) });
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<ImportRunner>().RunAsync(job, null, Ct)));
        Assert.Equal(ImportJobStatus.Queued, (await JobAsync(job)).Status);

        // The other instance died: its lease runs out, and this one takes the job (here, or its own worker at its poll).
        app.Clock.Advance(TimeSpan.FromHours(2));
        if (!await app.WithScopeAsync(sp => sp.GetRequiredService<ImportRunner>().RunAsync(job, null, Ct)))
            for (var i = 0; i < 600 && (await JobAsync(job)).Status != ImportJobStatus.Completed; i++) await Task.Delay(50, Ct);
        var done = await JobAsync(job);
        Assert.Equal(ImportJobStatus.Completed, done.Status);
        Assert.Equal(3, done.Imported);
        // Given back at the end, so nobody waits for it.
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().JobLeases.AnyAsync(l => l.Name == lease, Ct)));
    }

    [DbFact]
    public async Task AnImporterWhoseLeaseWasTakenOver_WritesNoBatch()
    {
        var job = await QueueImportAsync(3);
        var lease = ImportRunner.LeaseOf(job);
        var leases = app.Services.GetRequiredService<JobLeases>();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            // Another instance holds it now (this one renewed too late).
            db.JobLeases.Add(new JobLease { Name = lease, Owner = "other-instance", TakenAt = app.UtcNow, Until = app.UtcNow.AddHours(1) });
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        await Assert.ThrowsAsync<LeaseLostException>(() => app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<CatalogImporter>().RunAsync(job, null, Ct,
                new ImportFence(leases, lease, TimeSpan.FromMinutes(1), app.Clock));
            return 0;
        }));
        var after = await JobAsync(job);
        Assert.Equal(0, after.LastOrdinal);
        Assert.Equal(0, after.Imported);
        Assert.NotEqual(ImportJobStatus.Completed, after.Status);
        Assert.NotEqual(ImportJobStatus.Failed, after.Status);
    }

    private Task<ImportJob> JobAsync(int id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id, Ct));

    /// A queued job of a few new titles, not handed to this instance's worker (enqueue: false).
    private async Task<int> QueueImportAsync(int count)
    {
        var source = TestData.MarcFile("iso2709-utf8/qa-marc__BooksAll.2014.part01-0001.mrc");
        Assert.SkipUnless(File.Exists(source), "tests/data/marc is not here.");
        using var reader = new MarcReader(File.OpenRead(source));
        var templates = reader.ReadAll().Select(r => r.Record!).Where(r => r.GetValue("245", 'a') is not null).Take(count).ToList();
        var stream = new MemoryStream();
        var tag = Guid.NewGuid().ToString("N")[..10];
        using (var writer = new MarcWriter(stream, leaveOpen: true))
            for (var i = 0; i < count; i++)
            {
                templates[i].Fields.RemoveAll(f => f.Tag is "001" or "020");
                templates[i].Fields.Insert(0, MarcField.Control("001", $"LEASE-{tag}-{i}"));
                writer.Write(templates[i]);
            }
        stream.Position = 0;
        var started = await app.WithScopeAsync(sp => sp.GetRequiredService<StartImport>().HandleAsync(stream,
            new StartImportRequest("lease.mrc", null, MarcEncoding.Auto, ItemSource.None, 1), UserScope.System, enqueue: false, Ct));
        Assert.True(started.IsOk);
        return started.Value!.Id;
    }
}

public sealed class InstancesTestsOnSqlite(SqliteApp app) : InstancesTests(app), IClassFixture<SqliteApp>
{
    protected override void UseFreshDatabase(IWebHostBuilder builder, string dataDirectory) =>
        builder.UseSetting("Database:DataDirectory", dataDirectory);
}

public sealed class InstancesTestsOnPostgres(PostgresApp app) : InstancesTests(app), IClassFixture<PostgresApp>
{
    private const string OtherKey = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=";

    protected override void UseFreshDatabase(IWebHostBuilder builder, string dataDirectory)
    {
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        builder.UseSetting("ConnectionStrings:Bookpost", PostgresCluster.NewDatabase("dataprotection"));
    }

    [DbFact]
    public void AnInstanceWithAnotherSigningKey_RefusesToStart_NamingTheSetting()
    {
        Assert.NotNull(App.Services); // the first instance has started and recorded its key's fingerprint
        using var other = App.WithWebHostBuilder(b => b.UseSetting("Auth:SigningKey", OtherKey));
        var error = Assert.ThrowsAny<Exception>(() => other.Server);
        Assert.Contains("Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("forget-signing-key", error.ToString(), StringComparison.Ordinal);
        // The same key starts.
        using var same = App.WithWebHostBuilder(_ => { });
        Assert.NotNull(same.Server);
    }

    [DbFact]
    public void WithoutASigningKey_PostgreSQL_RefusesToStart_NamingBothSettings()
    {
        using var keyless = App.WithWebHostBuilder(b => b.UseSetting("Auth:SigningKey", ""));
        var error = Assert.ThrowsAny<Exception>(() => keyless.Server);
        Assert.Contains("Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKeyFile", error.ToString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task AStart_WaitsForTheStartupLock_AnotherInstanceHolds()
    {
        Assert.NotNull(App.Services);
        string connection;
        await using (var scope = App.Services.CreateAsyncScope())
            connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
        await other.OpenAsync(Ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock.Key})", other))
            await take.ExecuteNonQueryAsync(Ct);

        var start = App.Services.InitializeDatabaseAsync(Ct);
        // The start is queued behind the lock: its session shows as waiting for it.
        var waiting = 0L;
        for (var i = 0; i < 300 && waiting == 0; i++)
        {
            await using var look = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                + $"AND objid::bigint = {StartupLock.Key & 0xffffffff}", other);
            waiting = (long)(await look.ExecuteScalarAsync(Ct))!;
            if (waiting == 0) await Task.Delay(50, Ct);
        }
        Assert.Equal(1L, waiting);
        Assert.False(start.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLock.Key})", other))
            await release.ExecuteNonQueryAsync(Ct);
        await start; // and it goes on once the other has finished
    }
}

/// Where the signing key comes from (no app needed).
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningKeySourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bookpost-keyfile-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private SigningKeyStore Store(string key = "", string file = "", DatabaseProvider provider = DatabaseProvider.Postgres) =>
        new(Options.Create(new AuthOptions { SigningKey = key, SigningKeyFile = file }),
            Options.Create(new DatabaseOptions { DataDirectory = Path.Combine(_dir, "data"), Provider = provider }));

    [Fact]
    public void AKeyFile_IsRead_AndNothingIsGeneratedInTheDataFolder()
    {
        var file = Path.Combine(_dir, "signing.key");
        DataFolder.WriteSecret(file, BookpostApp.TestSigningKey + "\n");
        Assert.Equal(Convert.FromBase64String(BookpostApp.TestSigningKey), Store(file: file).Key.Key);
        Assert.False(File.Exists(Path.Combine(_dir, "data", "token-signing.key")));
    }

    [Fact]
    public void AMissingKeyFile_IsNamed()
    {
        var file = Path.Combine(_dir, "nowhere.key");
        var error = Assert.Throws<InvalidOperationException>(() => Store(file: file));
        Assert.Contains("Auth:SigningKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyThatIsNotBase64_IsNamed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Store(key: "not base64 at all!"));
        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQLWithoutAKey_GeneratesNone()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Store());
        Assert.Contains("Auth:SigningKeyFile", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "data", "token-signing.key")));
        // SQLite keeps its generated key: one instance by nature.
        Assert.NotNull(Store(provider: DatabaseProvider.Sqlite).Key);
    }

    [Fact]
    public void TheFingerprint_TellsKeysApart_AndIsNotTheKey()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(BookpostApp.TestSigningKey));
        var other = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]);
        Assert.Equal(SigningKeyFingerprint.Of(key), SigningKeyFingerprint.Of(key));
        Assert.NotEqual(SigningKeyFingerprint.Of(key), SigningKeyFingerprint.Of(other));
        Assert.DoesNotContain(Convert.ToHexString(key.Key)[..16], SigningKeyFingerprint.Of(key), StringComparison.Ordinal);
    }
}
