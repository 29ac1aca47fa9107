using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// How a backup ended: the folder it made (or would have), its size, and a bilingual message for the command line;
/// <see cref="Vietnamese"/> is what the app's pages show (BackupRun.Message), in Vietnamese with Vietnamese numbers.
public sealed record BackupResult(bool Ok, string Directory, long Bytes, string Message, string? Vietnamese = null);

/// Makes one backup while the app runs: the database (SQLite through its online backup API, one read transaction, so
/// the copy is the database at one instant however busy the desks are; PostgreSQL through `pg_dump -Fc`, one
/// snapshot), then the data folder's secrets (the generated token signing key, data-protection keys still kept in
/// files) and the uploaded files, then manifest.json with every file's size and SHA-256. Everything is written into a
/// sibling folder `DIR.partial-…` and renamed to DIR at the end, so DIR either holds a whole backup or does not exist.
/// The files are copied after the database: a file uploaded meanwhile is an extra file nobody points to, never a
/// missing one (files are only added, never changed in place).
public sealed class BackupWriter(IOptions<DatabaseOptions> database, IConfiguration configuration, IOptions<BackupOptions> options,
    IServiceScopeFactory scopes, AppInstance instance, TimeProvider clock, ILogger<BackupWriter> log, IWebHostEnvironment web)
{
    private static readonly System.Globalization.CultureInfo s_vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public const string SigningKeyFile = "token-signing.key";
    public const string KeysFolder = "keys";
    public const string FilesFolder = "files";

    public async Task<BackupResult> CreateAsync(string directory, BackupTrigger trigger, CancellationToken ct)
    {
        // Path.GetFullPath("") throws: an empty folder name is a refusal, not a crash.
        if (string.IsNullOrWhiteSpace(directory))
            return new(false, directory, 0, "Chưa nêu thư mục sao lưu / No backup folder given (DIR, Backup:Directory)");
        var target = Path.GetFullPath(directory);
        if (File.Exists(target))
            return new(false, target, 0, $"DIR là một tệp, không phải thư mục / DIR is a file, not a folder: {target}");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            return new(false, target, 0, $"Thư mục sao lưu không trống / The backup folder is not empty: {target}");

        var uploads = Path.GetFullPath(Path.Combine(database.Value.FilesRoot, FilesFolder));
        if (Inside(target, uploads))
            return new(false, target, 0, $"Không được sao lưu vào thư mục tệp tải lên / The backup folder cannot be inside the "
                + $"uploaded files folder {uploads} (Backup:Directory)");
        // The web root is served to anyone (keys and the database with it); the data and shared folders are what is
        // backed up, so a backup there would be copied into the next one.
        var webRoot = Path.GetFullPath(
            string.IsNullOrEmpty(web.WebRootPath) ? Path.Combine(web.ContentRootPath, "wwwroot") : web.WebRootPath);
        foreach (var (folder, vi, en) in new[]
        {
            (webRoot, "thư mục web công khai (wwwroot)", "the public web root (wwwroot)"),
            (Path.GetFullPath(database.Value.DataDirectory), "thư mục dữ liệu (Database:DataDirectory)",
                "the data folder (Database:DataDirectory)"),
            (Path.GetFullPath(database.Value.FilesRoot), "thư mục dùng chung (Database:SharedDirectory)",
                "the shared folder (Database:SharedDirectory)"),
        })
            if (Inside(target, folder))
                return new(false, target, 0, $"Không được sao lưu vào {vi} {folder} / The backup folder cannot be inside {en} {folder}");

        var started = clock.GetUtcNow().UtcDateTime;
        var partial = $"{target}.partial-{Guid.NewGuid():N}"[..(target.Length + 17)];
        BackupResult result;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            DataFolder.Create(partial);
            var (lastMigration, serverMajor) = database.Value.Provider == DatabaseProvider.Postgres
                ? await DumpPostgresAsync(partial, ct)
                : (await CopySqliteAsync(partial, ct), 0);
            CopySecrets(partial);
            CopyFiles(partial);
            var files = new List<BackupFile>();
            foreach (var file in Directory.EnumerateFiles(partial, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                files.Add(await BackupManifest.DescribeAsync(partial, Path.GetRelativePath(partial, file).Replace('\\', '/'), ct));
            var manifest = new BackupManifest
            {
                AppVersion = BackupManifest.CurrentAppVersion(),
                Provider = database.Value.Provider,
                LastMigration = lastMigration,
                ServerMajor = serverMajor,
                CreatedAt = started,
                Instance = instance.Id,
                Files = files,
            };
            await File.WriteAllTextAsync(Path.Combine(partial, BackupManifest.FileName),
                JsonSerializer.Serialize(manifest, BackupManifest.Json) + "\n", ct);
            if (Directory.Exists(target)) Directory.Delete(target); // empty, checked above
            Directory.Move(partial, target);
            var bytes = files.Sum(f => f.Bytes);
            result = new(true, target, bytes, $"Đã sao lưu {files.Count} tệp, {bytes:N0} byte vào {target} / "
                + $"Backed up {files.Count} files, {bytes:N0} bytes to {target}",
                string.Create(s_vi, $"Đã sao lưu {files.Count:N0} tệp, {bytes:N0} byte vào {target}"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Backup to {Directory} failed", target);
            // The exception's own text is English (.NET's): the pages lead with what it means in Vietnamese.
            result = new(false, target, 0, $"Sao lưu thất bại / Backup failed: {e.Message}",
                $"Sao lưu thất bại: không chép được dữ liệu vào {target} (xem nhật ký của ứng dụng). Chi tiết kỹ thuật: {e.Message}");
        }
        finally
        {
            if (Directory.Exists(partial))
                try { Directory.Delete(partial, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        await RecordAsync(trigger, started, result);
        AppMetrics.JobDone("backup", result.Ok);
        return result;
    }

    private string SqlitePath() =>
        new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(
            configuration.GetConnectionString("Bookpost"), database.Value.DataDirectory)).DataSource;

    /// The online backup API copies every page under one read transaction; in WAL mode that blocks no writer. The copy
    /// is switched out of WAL so it is one self-contained file, and checked before it counts.
    private async Task<string> CopySqliteAsync(string partial, CancellationToken ct)
    {
        var source = SqlitePath();
        if (!File.Exists(source))
            throw new InvalidOperationException(
                $"Không có cơ sở dữ liệu / No database at {Path.GetFullPath(source)} (Database:DataDirectory)");
        var copy = Path.Combine(partial, BackupManifest.SqliteFile);
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60 }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            await using (var busy = from.CreateCommand())
            {
                busy.CommandText = "PRAGMA busy_timeout=60000;";
                await busy.ExecuteNonQueryAsync(ct);
            }
            from.BackupDatabase(to);
            await using var command = to.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync(ct);
            command.CommandText = "PRAGMA integrity_check;";
            var check = (string?)await command.ExecuteScalarAsync(ct);
            if (check != "ok") throw new InvalidOperationException($"integrity_check of the copy: {check}");
            return await LastMigrationAsync(to, ct);
        }
    }

    internal static async Task<string> LastMigrationAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""";
        return await command.ExecuteScalarAsync(ct) as string
            ?? throw new InvalidOperationException("The database has no migrations applied: start the app once first.");
    }

    private async Task<(string, int)> DumpPostgresAsync(string partial, CancellationToken ct)
    {
        var connection = configuration.GetConnectionString("Bookpost")
            ?? throw new InvalidOperationException("ConnectionStrings:Bookpost is empty.");
        var major = await PostgresTools.ServerMajorAsync(connection, ct);
        var (tool, why) = await PostgresTools.FindAsync("pg_dump", major, options.Value.PostgresBinDirectory, ct);
        if (tool is null) throw new InvalidOperationException(why);
        string lastMigration;
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync(ct);
            lastMigration = await LastMigrationAsync(db, ct);
        }
        var file = Path.Combine(partial, BackupManifest.PostgresFile);
        var (code, _, error) = await PostgresTools.RunAsync(tool.Path,
            ["--format=custom", "--no-password", "--file", file], PostgresTools.ToolEnvironment(connection), ct);
        if (code != 0) throw new InvalidOperationException($"pg_dump {tool.Major} exited with {code}: {error.Trim()}");
        return (lastMigration, major);
    }

    private void CopySecrets(string partial)
    {
        var data = database.Value.DataDirectory;
        var key = Path.Combine(data, SigningKeyFile);
        if (File.Exists(key))
        {
            DataFolder.Create(Path.Combine(partial, "data"));
            File.Copy(key, Path.Combine(partial, "data", SigningKeyFile));
        }
        var keys = Path.Combine(data, KeysFolder);
        if (Directory.Exists(keys))
            foreach (var file in Directory.EnumerateFiles(keys, "*.xml"))
            {
                DataFolder.Create(Path.Combine(partial, "data", KeysFolder));
                File.Copy(file, Path.Combine(partial, "data", KeysFolder, Path.GetFileName(file)));
            }
    }

    private void CopyFiles(string partial)
    {
        var files = Path.Combine(database.Value.FilesRoot, FilesFolder);
        if (!Directory.Exists(files)) return;
        foreach (var file in Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(partial, FilesFolder, Path.GetRelativePath(files, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    /// The run is written after the copy, so a backup never holds its own unfinished row. A database that cannot take
    /// the row (older schema, unreachable) does not undo a backup that was made.
    private async Task RecordAsync(BackupTrigger trigger, DateTime started, BackupResult result)
    {
        // Opening a SQLite connection creates the file: a backup that failed for want of a database must not leave an
        // empty one behind (the app would then start on it as a new, empty library).
        if (database.Value.Provider == DatabaseProvider.Sqlite && !File.Exists(SqlitePath()))
        {
            log.LogWarning("The backup run is not recorded: there is no database at {Path}", Path.GetFullPath(SqlitePath()));
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.BackupRuns.Add(new BackupRun
            {
                Trigger = trigger, StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime, Succeeded = result.Ok,
                Directory = Truncate(result.Directory, 500), Bytes = result.Bytes, Message = Truncate(result.Vietnamese ?? result.Message, 2000),
                Instance = instance.Id,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            log.LogWarning(e, "The backup run could not be recorded in the database");
        }
    }

    private static bool Inside(string path, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return (Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar)
            .StartsWith(root, StringComparison.OrdinalIgnoreCase);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
