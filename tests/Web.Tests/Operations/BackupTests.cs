using System.Net;
using System.Net.Http.Headers;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Home;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Infrastructure.Operations.Backups;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Operations;

/// Backups and the restore drill on each database: a backup taken while eight desks lend and return, restored into a
/// fresh place and started; the refusals (changed byte, newer schema, non-empty target) that leave everything as it was;
/// the daily backup and its line on the administrator's home page.
public abstract class BackupTests(BookpostApp app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<string> _folders = [];

    private bool Postgres => app.WithDb(db => db.Database.IsNpgsql());

    private string Folder()
    {
        var path = Path.Combine(Path.GetTempPath(), "bookpost-backup-tests", Guid.NewGuid().ToString("N"));
        _folders.Add(path);
        return path;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// The test's folders go, whether it passed or not.
    public ValueTask DisposeAsync()
    {
        foreach (var folder in _folders)
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private BackupWriter Writer => app.Services.GetRequiredService<BackupWriter>();

    private async Task<string> BackupAsync()
    {
        var dir = Folder();
        var result = await Writer.CreateAsync(dir, BackupTrigger.Command, Ct);
        Assert.True(result.Ok, result.Message);
        return dir;
    }

    /// A fresh place: an empty data folder, and on PostgreSQL a new empty database.
    private RestoreTarget FreshTarget(out string? connection)
    {
        var data = Folder();
        connection = Postgres ? PostgresCluster.NewDatabase("restored") : null;
        var known = app.WithDb(db => db.Database.GetMigrations().ToList());
        return new RestoreTarget(Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connection, data, data, known);
    }

    private static long Scalar(AppDbContext db, string sql)
    {
        db.Database.OpenConnection();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Tables(string connection)
    {
        using var db = new Npgsql.NpgsqlConnection(connection);
        db.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", db);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The consistency checks of bench/kill9.sh: each must count 0.
    private static readonly (string What, string Sql)[] s_checks =
    [
        ("copies on loan without an open loan", @"SELECT count(*) FROM ""Items"" i WHERE i.""Status"" = 'OnLoan' AND NOT EXISTS
            (SELECT 1 FROM ""Loans"" l WHERE l.""ItemId"" = i.""Id"" AND l.""ReturnedAt"" IS NULL)"),
        ("open loans whose copy is not on loan", @"SELECT count(*) FROM ""Loans"" l JOIN ""Items"" i ON i.""Id"" = l.""ItemId""
            WHERE l.""ReturnedAt"" IS NULL AND i.""Status"" <> 'OnLoan'"),
        ("copies with two open loans", @"SELECT count(*) FROM (SELECT ""ItemId"" FROM ""Loans"" WHERE ""ReturnedAt"" IS NULL
            GROUP BY ""ItemId"" HAVING count(*) > 1) x"),
        ("copies with two open custody spans", @"SELECT count(*) FROM (SELECT ""ItemId"" FROM ""ItemCustody"" WHERE ""ToUtc"" IS NULL
            GROUP BY ""ItemId"" HAVING count(*) > 1) x"),
        ("open loans without an open span held by a reader", @"SELECT count(*) FROM ""Loans"" l WHERE l.""ReturnedAt"" IS NULL
            AND NOT EXISTS (SELECT 1 FROM ""ItemCustody"" c WHERE c.""ItemId"" = l.""ItemId"" AND c.""ToUtc"" IS NULL
            AND c.""Holder"" = 'Reader')"),
        ("open reader spans without an open loan", @"SELECT count(*) FROM ""ItemCustody"" c WHERE c.""ToUtc"" IS NULL
            AND c.""Holder"" = 'Reader'
            AND NOT EXISTS (SELECT 1 FROM ""Loans"" l WHERE l.""ItemId"" = c.""ItemId"" AND l.""ReturnedAt"" IS NULL)"),
        ("spans that end before they start", @"SELECT count(*) FROM ""ItemCustody"" WHERE ""ToUtc"" < ""FromUtc"" "),
        ("loans without their audit row", @"SELECT count(*) FROM ""Loans"" l WHERE l.""Id"" > @since AND NOT EXISTS (SELECT 1 FROM ""AuditEntries"" a
            WHERE a.""EntityType"" = 'Loan' AND a.""EntityId"" = CAST(l.""Id"" AS TEXT) AND a.""Action"" = 'Created')"),
        ("returned loans without the return's audit row", @"SELECT count(*) FROM ""Loans"" l WHERE l.""Id"" > @since
            AND l.""ReturnedAt"" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ""AuditEntries"" a WHERE a.""EntityType"" = 'Loan' AND a.""EntityId"" = CAST(l.""Id"" AS TEXT)
            AND a.""Action"" = 'Updated')"),
    ];

    [DbFact]
    public async Task RestoreDrill_BackupUnderLoad_RestoresEveryCommittedLoan_AndTheCopyStartsConsistent()
    {
        // An uploaded file and eight desks, each lending and returning its own copies to its own reader.
        var files = Path.Combine(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.FilesRoot, "files", "drill");
        Directory.CreateDirectory(files);
        var upload = Path.Combine(files, $"{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(upload, "tệp tải lên", Ct);
        var desks = new List<(HttpClient Client, string Card, string[] Copies)>();
        for (var i = 0; i < 8; i++)
        {
            var (client, reader) = await app.ReaderAsync();
            desks.Add((client, reader.CardNumber, app.CopiesHere(3)));
        }
        var since = app.WithDb(db => db.Loans.Max(l => (int?)l.Id) ?? 0);
        var done = 0;
        var warmed = new TaskCompletionSource();
        var after = new TaskCompletionSource();
        var afterFrom = int.MaxValue;
        using var stop = new CancellationTokenSource();
        var load = desks.Select(desk => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var copy = desk.Copies[n % desk.Copies.Length];
                var lent = await desk.Client.PostJsonAsync("/api/v1/circulation/loans",
                    new { readerCard = desk.Card, barcodes = new[] { copy } });
                Assert.Equal(HttpStatusCode.OK, lent.StatusCode);
                var back = await desk.Client.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } });
                Assert.Equal(HttpStatusCode.OK, back.StatusCode);
                var total = Interlocked.Add(ref done, 2);
                if (total >= 48) warmed.TrySetResult();
                if (total >= Volatile.Read(ref afterFrom) + 32) after.TrySetResult();
            }
        }, Ct)).ToList();
        await Task.WhenAny(warmed.Task, Task.WhenAll(load));
        Assert.True(warmed.Task.IsCompleted, "the load stopped before the backup");

        // What was committed when the backup started: every loan (and whether returned) and every audit row.
        var (loansBefore, auditBefore) = app.WithDb(db => (
            db.Loans.AsNoTracking().Select(l => new { l.Id, Returned = l.ReturnedAt != null }).ToDictionary(l => l.Id, l => l.Returned),
            db.AuditEntries.AsNoTracking().Select(a => new { a.Id, a.EntityType, a.EntityId, a.Action }).ToList()));
        var dir = await BackupAsync();
        Volatile.Write(ref afterFrom, Volatile.Read(ref done));
        await Task.WhenAny(after.Task, Task.WhenAll(load));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var target = FreshTarget(out var connection);
        var restored = await BackupRestorer.RestoreAsync(dir, target, Ct);
        Assert.True(restored.Ok, restored.Message);
        Assert.True(File.Exists(Path.Combine(target.FilesRoot, "files", "drill", Path.GetFileName(upload))));

        await using var copy = new RestoredApp(Postgres, target.DataDirectory, connection);
        using var scope = copy.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!Postgres)
            Assert.Equal("ok", db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check")
                .ToList().Single());
        // The demo's loan history is seeded without row audit: the audit checks look at the loans the desks made.
        foreach (var (what, sql) in s_checks)
            Assert.True(Scalar(db, sql.Replace("@since", since.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringComparison.Ordinal)) == 0, what);
        var loansAfter = db.Loans.AsNoTracking().Select(l => new { l.Id, Returned = l.ReturnedAt != null })
            .ToDictionary(l => l.Id, l => l.Returned);
        foreach (var (id, returned) in loansBefore)
        {
            Assert.True(loansAfter.TryGetValue(id, out var back), $"loan {id} committed before the backup is missing");
            Assert.True(!returned || back, $"the return of loan {id}, committed before the backup, is missing");
        }
        // The audit as it was: every row committed before the backup, unchanged, and still append-only.
        var auditAfter = db.AuditEntries.AsNoTracking().Select(a => new { a.Id, a.EntityType, a.EntityId, a.Action })
            .ToDictionary(a => a.Id);
        foreach (var entry in auditBefore) Assert.Equal(entry, auditAfter.GetValueOrDefault(entry.Id));
        var first = auditBefore.Min(a => a.Id);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"EntityId\" = 'x' WHERE \"Id\" = {first}", Ct));

        // The copy answers with the keys of the original: a token made before the backup works on it, and it counts the
        // same points.
        using var original = await app.ClientAsync("demo-admin");
        using var onCopy = copy.CreateClient();
        onCopy.DefaultRequestHeaders.Authorization = original.DefaultRequestHeaders.Authorization;
        var points = await original.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=1");
        Assert.Equal(points.Total, (await onCopy.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=1")).Total);
    }

    [DbFact]
    public async Task Restore_OneByteChanged_IsRefused_NamingTheFile_AndWritesNothing()
    {
        var dir = await BackupAsync();
        var database = Path.Combine(dir, Postgres ? BackupManifest.PostgresFile : BackupManifest.SqliteFile);
        var bytes = await File.ReadAllBytesAsync(database, Ct);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(database, bytes, Ct);

        var target = FreshTarget(out var connection);
        var result = await BackupRestorer.RestoreAsync(dir, target, Ct);

        Assert.Equal(RestoreRefusal.Checksum, result.Refusal);
        Assert.Contains(Path.GetFileName(database), result.Message);
        AssertUntouched(target, connection);
    }

    [DbFact]
    public async Task Restore_FromANewerSchema_IsRefused_AndWritesNothing()
    {
        var dir = await BackupAsync();
        var manifestPath = Path.Combine(dir, BackupManifest.FileName);
        var manifest = System.Text.Json.JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, Ct),
            BackupManifest.Json)!;
        await File.WriteAllTextAsync(manifestPath, System.Text.Json.JsonSerializer.Serialize(
            manifest with { LastMigration = "29991231000000_FromTheFuture", AppVersion = "99.0" }, BackupManifest.Json), Ct);

        var target = FreshTarget(out var connection);
        var result = await BackupRestorer.RestoreAsync(dir, target, Ct);

        Assert.Equal(RestoreRefusal.NewerSchema, result.Refusal);
        Assert.Contains("29991231000000_FromTheFuture", result.Message);
        AssertUntouched(target, connection);
    }

    [DbFact]
    public async Task Restore_IntoTheRunningApp_IsRefused_AsNotEmpty_AndChangesNothing()
    {
        var dir = await BackupAsync();
        var loans = app.WithDb(db => db.Loans.Count());

        var result = await BackupRestorer.RestoreAsync(dir, RestoreTarget.From(app.Services), Ct);

        Assert.Equal(RestoreRefusal.NotEmpty, result.Refusal);
        Assert.Equal(loans, app.WithDb(db => db.Loans.Count()));
        using var admin = await app.ClientAsync("demo-admin");
        await admin.GetAsync<PagedList<PointDto>>("/api/v1/points?pageSize=1");
    }

    [DbFact]
    public async Task Restore_ANonEmptyPlace_IsRefused_EvenWhenOnlyAKeyFileIsThere()
    {
        // On PostgreSQL the signing key is a setting, not a file of the backup: an uploaded file stands in for it there.
        var name = $"{Guid.NewGuid():N}.txt";
        var uploads = Path.Combine(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.FilesRoot, "files", "nonempty");
        Directory.CreateDirectory(uploads);
        await File.WriteAllTextAsync(Path.Combine(uploads, name), "tệp tải lên", Ct);
        var dir = await BackupAsync();
        var target = FreshTarget(out _);
        var there = Postgres ? Path.Combine(target.FilesRoot, "files", "nonempty", name)
            : Path.Combine(target.DataDirectory, BackupWriter.SigningKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(there)!);
        await File.WriteAllTextAsync(there, "another key", Ct);

        var result = await BackupRestorer.RestoreAsync(dir, target, Ct);

        Assert.Equal(RestoreRefusal.NotEmpty, result.Refusal);
        Assert.Equal("another key", await File.ReadAllTextAsync(there, Ct));
    }

    [DbFact]
    public async Task Commands_RefuseBadInput_WithAClearExitCode()
    {
        var output = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(app.Services, ["backup"], output, Ct));
        Assert.Equal(2, await BackupCommand.RunAsync(app.Services, ["restore", "/tmp/x", "--Database:DataDirectory=/y"], output, Ct));

        var full = Folder();
        Directory.CreateDirectory(full);
        await File.WriteAllTextAsync(Path.Combine(full, "other.txt"), "x", Ct);
        Assert.Equal(1, await BackupCommand.RunAsync(app.Services, ["backup", full], output, Ct));
        Assert.Contains("not empty", output.ToString());
        Assert.Equal(1, await BackupCommand.RunAsync(app.Services, ["restore", Folder()], output, Ct));
        Assert.Contains("manifest.json", output.ToString());

        var dir = Folder();
        Assert.Equal(0, await BackupCommand.RunAsync(app.Services, ["backup", dir], output, Ct));
        Assert.Equal(1, await BackupCommand.RunAsync(app.Services, ["restore", dir], output, Ct));
        Assert.Contains("not empty", output.ToString());
    }

    [DbFact]
    public async Task ScheduledBackup_RunsOnceADay_KeepsTheLastOnes_AndTheHomePageShowsTheResult()
    {
        var root = Folder();
        var hour = VnTime.ToLocal(app.UtcNow).Hour;
        var options = Options.Create(new BackupOptions { Directory = root, Hour = hour, Keep = 2 });
        // The days pass on the service's own clock: moving the app's clock days ahead would expire the tokens that other
        // tests of the class have cached.
        var days = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Clock.GetUtcNow());
        var scheduled = new ScheduledBackup(options, Writer, app.Services.GetRequiredService<JobLeases>(),
            app.Services.GetRequiredService<IServiceScopeFactory>(), days, NullLogger<ScheduledBackup>.Instance);

        // Folders made by hand beside the daily ones, named like them or not: pruning neither deletes nor counts them.
        foreach (var manual in s_manual)
        {
            Directory.CreateDirectory(Path.Combine(root, manual));
            await File.WriteAllTextAsync(Path.Combine(root, manual, BackupManifest.FileName), "{}", Ct);
        }
        Assert.True((await scheduled.RunIfDueAsync(Ct))?.Ok);
        Assert.Null(await scheduled.RunIfDueAsync(Ct)); // once a day
        for (var day = 0; day < 2; day++)
        {
            days.Advance(TimeSpan.FromDays(1));
            Assert.True((await scheduled.RunIfDueAsync(Ct))?.Ok);
        }
        var kept = Directory.GetDirectories(root).Where(d => !s_manual.Contains(Path.GetFileName(d))).ToArray();
        Assert.Equal(2, kept.Length);
        Assert.All(s_manual, m => Assert.True(File.Exists(Path.Combine(root, m, BackupManifest.FileName)), m));
        Assert.All(kept, d => Assert.True(File.Exists(Path.Combine(d, BackupManifest.FileName))));
        Assert.Equal(3, app.WithDb(db => db.BackupRuns.Count(r => r.Trigger == BackupTrigger.Scheduled && r.Succeeded)));

        var todo = await app.WithScopeAsync(sp => sp.GetRequiredService<BackupTodo>().HandleAsync(Ct));
        Assert.False(todo.Urgent);

        // A backup that cannot be written (its folder is a file) is a failed run: a warning at the top of the home page.
        var blocked = Path.Combine(Folder());
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        await File.WriteAllTextAsync(blocked, "not a folder", Ct);
        days.Advance(TimeSpan.FromDays(1));
        var failing = new ScheduledBackup(Options.Create(new BackupOptions { Directory = blocked, Hour = hour, Keep = 2 }), Writer,
            app.Services.GetRequiredService<JobLeases>(), app.Services.GetRequiredService<IServiceScopeFactory>(), days,
            NullLogger<ScheduledBackup>.Instance);
        Assert.False((await failing.RunIfDueAsync(Ct))?.Ok);
        todo = await app.WithScopeAsync(sp => sp.GetRequiredService<BackupTodo>().HandleAsync(Ct));
        Assert.True(todo.Urgent);
        Assert.Equal(1, todo.Count);

        using var admin = await PageClient.SignInAsync(app, "demo-admin");
        var home = await admin.GetStringAsync("/", Ct);
        Assert.Contains("id=\"todo-backup\"", home);
        Assert.Contains("Sao lưu dữ liệu", home);
    }

    private static readonly string[] s_manual = ["bookpost-truoc-nang-cap", "bookpost-20000101-0000-ban-tay", "bookpost-20000101"];

    private BackupWriter WriterWith(DatabaseOptions database, IConfiguration? configuration = null) => new(Options.Create(database),
        configuration ?? app.Services.GetRequiredService<IConfiguration>(), app.Services.GetRequiredService<IOptions<BackupOptions>>(),
        app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<AppInstance>(), app.Clock,
        NullLogger<BackupWriter>.Instance, app.Services.GetRequiredService<IWebHostEnvironment>());

    [DbFact]
    public async Task Restore_ACraftedManifest_IsRefused_BeforeAnythingIsWritten()
    {
        var dir = await BackupAsync();
        var manifestPath = Path.Combine(dir, BackupManifest.FileName);
        var original = await File.ReadAllTextAsync(manifestPath, Ct);
        var database = Postgres ? BackupManifest.PostgresFile : BackupManifest.SqliteFile;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        Directory.CreateDirectory(Path.Combine(dir, "files"));
        File.Copy(Path.Combine(dir, database), Path.Combine(dir, "data", BackupManifest.SqliteFile));
        var outside = Path.Combine(Folder(), "secret.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        await File.WriteAllTextAsync(outside, "not in the backup", Ct);
        File.CreateSymbolicLink(Path.Combine(dir, "files", "link.txt"), outside);
        var crafted = new (string Why, Func<BackupManifest, Task<BackupManifest>> Edit)[]
        {
            ("data/bookpost.db lands on the database", async m => m with
                { Files = [.. m.Files, await BackupManifest.DescribeAsync(dir, "data/bookpost.db", Ct)] }),
            ("a path listed twice in another case", m => Task.FromResult(m with
                { Files = [.. m.Files, m.Files[0] with { Path = m.Files[0].Path.ToUpperInvariant() }] })),
            ("a symbolic link", async m => m with
                { Files = [.. m.Files, await BackupManifest.DescribeAsync(dir, "files/link.txt", Ct)] }),
        };
        foreach (var (why, edit) in crafted)
        {
            var manifest = System.Text.Json.JsonSerializer.Deserialize<BackupManifest>(original, BackupManifest.Json)!;
            await File.WriteAllTextAsync(manifestPath, System.Text.Json.JsonSerializer.Serialize(await edit(manifest), BackupManifest.Json),
                Ct);
            var target = FreshTarget(out var connection);

            var result = await BackupRestorer.RestoreAsync(dir, target, Ct);

            Assert.True(result.Refusal == RestoreRefusal.NoManifest, $"{why}: {result.Refusal} {result.Message}");
            AssertUntouched(target, connection);
        }
    }

    [DbFact]
    public async Task Restore_FailingAfterTheFirstFileIsPlaced_TakesOutWhatItPlaced()
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var upload = Path.Combine(options.FilesRoot, "files", "undo", $"{Guid.NewGuid():N}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        await File.WriteAllTextAsync(upload, "tệp tải lên", Ct);
        var dir = await BackupAsync();
        var target = FreshTarget(out _);
        var calls = 0;

        // The first file put in place (the database on SQLite, a key or file on PostgreSQL) is followed by a failure.
        var result = await BackupRestorer.RestoreAsync(dir, target, Ct,
            placed: _ => { if (calls++ == 0) throw new IOException("đĩa đầy (thử) / disk full (test)"); });

        Assert.Equal(RestoreRefusal.Failed, result.Refusal);
        Assert.Equal(1, calls);
        Assert.DoesNotContain("nothing changed", result.Message);
        Assert.False(Directory.Exists(target.DataDirectory)
            && Directory.EnumerateFileSystemEntries(target.DataDirectory, "*", SearchOption.AllDirectories).Any(),
            "the failed restore left files in the target");
        if (Postgres) Assert.Contains("dropdb", result.Message);
        else Assert.Contains("empty as before", result.Message);
    }

    [DbFact]
    public async Task Restore_AMalformedManifest_OrAnEmptyFolderName_IsRefused_WithoutAnException()
    {
        var provider = Postgres ? "Postgres" : "Sqlite";
        var database = Postgres ? BackupManifest.PostgresFile : BackupManifest.SqliteFile;
        string Manifest(string files) =>
            $$"""{"format":1,"provider":"{{provider}}","lastMigration":"x","files":{{files}}}""";
        var hash = new string('0', 64);
        var malformed = new[]
        {
            Manifest("null"), Manifest("[null]"),
            Manifest($$"""[{"path":null,"bytes":1,"sha256":"{{hash}}"}]"""),
            Manifest($$"""[{"path":"{{database}}","bytes":1,"sha256":null}]"""),
            Manifest($$"""[{"path":"{{database}}","bytes":-1,"sha256":"{{hash}}"}]"""),
            Manifest($$"""[{"path":"{{database}}","bytes":9000000000000000000,"sha256":"{{hash}}"}]"""),
            Manifest("[]") + new string(' ', (int)BackupManifest.MaxManifestBytes),
        };
        var output = new StringWriter();
        foreach (var text in malformed)
        {
            var dir = Folder();
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, BackupManifest.FileName), text, Ct);
            await File.WriteAllTextAsync(Path.Combine(dir, database), "x", Ct);
            var target = FreshTarget(out var connection);

            var result = await BackupRestorer.RestoreAsync(dir, target, Ct);

            Assert.True(result.Refusal == RestoreRefusal.NoManifest, $"{text[..Math.Min(text.Length, 200)]}: {result.Message}");
            AssertUntouched(target, connection);
            Assert.Equal(1, await BackupCommand.RunAsync(app.Services, ["restore", dir], output, Ct));
        }

        Assert.Equal(RestoreRefusal.NoManifest, (await BackupRestorer.RestoreAsync("", FreshTarget(out _), Ct)).Refusal);
        Assert.False((await Writer.CreateAsync("", BackupTrigger.Command, Ct)).Ok);
        Assert.Equal(2, await BackupCommand.RunAsync(app.Services, ["restore", ""], output, Ct));
        Assert.Equal(2, await BackupCommand.RunAsync(app.Services, ["backup", ""], output, Ct));
    }

    [DbFact]
    public async Task Backup_IntoTheWebRoot_TheDataFolder_OrTheSharedFolder_IsRefused()
    {
        var web = app.Services.GetRequiredService<IWebHostEnvironment>();
        var webRoot = string.IsNullOrEmpty(web.WebRootPath) ? Path.Combine(web.ContentRootPath, "wwwroot") : web.WebRootPath;
        var data = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory;
        var shared = Folder();
        var writer = WriterWith(new DatabaseOptions { DataDirectory = data, SharedDirectory = shared });
        foreach (var (folder, named) in new[]
            { (webRoot, "wwwroot"), (data, "Database:DataDirectory"), (shared, "Database:SharedDirectory") })
        {
            var target = Path.Combine(folder, $"backup-{Guid.NewGuid():N}");

            var result = await writer.CreateAsync(target, BackupTrigger.Command, Ct);

            Assert.False(result.Ok);
            Assert.Contains(named, result.Message);
            Assert.False(Directory.Exists(target));
        }
    }

    [DbFact]
    public async Task Backup_WithoutADatabase_Fails_AndLeavesNothingBehind()
    {
        var empty = Folder();
        Directory.CreateDirectory(empty);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Bookpost"] = "" }).Build();
        var dir = Folder();
        var runs = app.WithDb(db => db.BackupRuns.Count());

        var result = await WriterWith(new DatabaseOptions { DataDirectory = empty }, configuration)
            .CreateAsync(dir, BackupTrigger.Command, Ct);

        Assert.False(result.Ok);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
        Assert.False(Directory.Exists(dir));
        // No row either: with SQLite it would have gone into a database file created just for it.
        Assert.Equal(runs, app.WithDb(db => db.BackupRuns.Count()));
    }

    [DbFact]
    public async Task BackupRun_Message_IsVietnamese_WithVietnameseNumbers()
    {
        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        var dir = Folder();
        var made = await Writer.CreateAsync(dir, BackupTrigger.Command, Ct);
        Assert.True(made.Ok, made.Message);
        var blocked = Folder();
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        await File.WriteAllTextAsync(blocked, "not a folder", Ct);
        var failed = await Writer.CreateAsync(Path.Combine(blocked, "sub"), BackupTrigger.Command, Ct);
        Assert.False(failed.Ok);

        var ok = app.WithDb(db => db.BackupRuns.Where(r => r.Directory == made.Directory).Select(r => r.Message).Single())!;
        Assert.StartsWith("Đã sao lưu", ok);
        Assert.DoesNotContain("Backed up", ok);
        Assert.Contains($" {made.Bytes.ToString("N0", vi)} byte", ok);
        var bad = app.WithDb(db => db.BackupRuns.Where(r => r.Directory == failed.Directory).Select(r => r.Message).Single())!;
        Assert.StartsWith("Sao lưu thất bại: không chép được", bad);
        Assert.DoesNotContain("Backup failed", bad);
        Assert.Contains("Backed up", made.Message); // the command line's own message stays bilingual
    }

    private void AssertUntouched(RestoreTarget target, string? connection)
    {
        if (connection is not null) Assert.Equal(0, Tables(connection));
        Assert.False(Directory.Exists(target.DataDirectory) && Directory.EnumerateFileSystemEntries(target.DataDirectory).Any(),
            "the restore wrote into the target");
    }

    /// The app started on a restored place, with the restored keys.
    private sealed class RestoredApp(bool postgres, string dataDirectory, string? connection) : IAsyncDisposable
    {
        private readonly BookpostApp _base = postgres ? new PostgresApp() : new SqliteApp();
        private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _app;

        private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App => _app ??= _base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:DataDirectory", dataDirectory);
            b.UseSetting("ConnectionStrings:Bookpost", connection ?? "");
        });

        public IServiceProvider Services => App.Services;
        public HttpClient CreateClient() => App.CreateClient();

        public async ValueTask DisposeAsync()
        {
            if (_app is not null) await _app.DisposeAsync();
            await _base.DisposeAsync();
        }
    }
}

public sealed class BackupTestsOnSqlite(SqliteApp app) : BackupTests(app), IClassFixture<SqliteApp>;

public sealed class BackupTestsOnPostgres(PostgresApp app) : BackupTests(app), IClassFixture<PostgresApp>;
