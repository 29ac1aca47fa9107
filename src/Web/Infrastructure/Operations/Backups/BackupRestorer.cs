using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// Why a restore stopped; <see cref="None"/> when it was done.
public enum RestoreRefusal { None, NoManifest, Checksum, Provider, NewerSchema, NotEmpty, Tools, Failed }

public sealed record RestoreResult(RestoreRefusal Refusal, string Message)
{
    public bool Ok => Refusal == RestoreRefusal.None;
}

/// Where a restore writes: the app's configured database, data folder and files folder, and the migrations it knows.
public sealed record RestoreTarget(DatabaseProvider Provider, string? ConnectionString, string DataDirectory, string FilesRoot,
    IReadOnlyCollection<string> KnownMigrations, string? PostgresBinDirectory = null)
{
    /// The app's own settings, read without touching the database (no context is opened, no migration applied).
    public static RestoreTarget From(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("Bookpost");
        return new(options.Provider, configured, options.DataDirectory, options.FilesRoot, [.. db.Database.GetMigrations()],
            services.GetRequiredService<IOptions<BackupOptions>>().Value.PostgresBinDirectory);
    }

    public string SqlitePath =>
        new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(ConnectionString, DataDirectory)).DataSource;
}

/// Puts a backup back, all of it or nothing. First every check, in the order a person fixes them: the manifest and
/// every file's SHA-256 (a changed byte names the file), the database kind, the schema (a backup whose newest migration
/// this app does not know is from a newer version: install that version first), then an empty target (no SQLite file /
/// no table in the PostgreSQL database / no key or uploaded file where one would go). Nothing is written before all
/// pass. Then the files are staged beside their targets, the database is restored (SQLite: a checked copy renamed into
/// place; PostgreSQL: pg_restore in one transaction, so a failure leaves the database empty), and the staged files are
/// renamed into place.
public static class BackupRestorer
{
    public static async Task<RestoreResult> RestoreAsync(string directory, RestoreTarget target, CancellationToken ct)
    {
        var source = Path.GetFullPath(directory);
        var (manifest, problem) = await VerifyAsync(source, ct);
        if (manifest is null) return problem!;

        if (manifest.Provider != target.Provider)
            return new(RestoreRefusal.Provider, $"Bản sao lưu là của {manifest.Provider}, ứng dụng đang cấu hình {target.Provider} / "
                + $"The backup is a {manifest.Provider} database but Database:Provider is {target.Provider}.");
        if (!target.KnownMigrations.Contains(manifest.LastMigration))
            return new(RestoreRefusal.NewerSchema, $"Bản sao lưu có lược đồ mới hơn phiên bản này (migration {manifest.LastMigration}, "
                + $"phiên bản {manifest.AppVersion}): hãy cài phiên bản đó rồi khôi phục / The backup's schema is newer than this "
                + $"app knows (migration {manifest.LastMigration}, made by version {manifest.AppVersion}): restore it with that version.");

        var sqlitePath = target.Provider == DatabaseProvider.Sqlite ? target.SqlitePath : null;
        if (sqlitePath is not null)
        {
            var path = sqlitePath;
            foreach (var suffix in new[] { "", "-wal", "-journal" })
                if (File.Exists(path + suffix))
                    return new(RestoreRefusal.NotEmpty,
                        $"Thư mục dữ liệu đã có cơ sở dữ liệu {Path.GetFullPath(path + suffix)}: hãy khôi phục "
                        + $"vào thư mục trống (Database:DataDirectory) / The data folder already holds a database: "
                        + $"{Path.GetFullPath(path + suffix)}; restore into an empty folder (Database:DataDirectory).");
        }

        // Where each backup file goes; a key or file already there would be overwritten, so it makes the target non-empty.
        var moves = new List<(string From, string To)>();
        foreach (var file in manifest.Files)
        {
            string? to = file.Path switch
            {
                var p when p.StartsWith(BackupManifest.DataPrefix, StringComparison.Ordinal) =>
                    Path.Combine(target.DataDirectory, p[BackupManifest.DataPrefix.Length..]),
                var p when p.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal) =>
                    Path.Combine(target.FilesRoot, BackupWriter.FilesFolder, p[BackupManifest.FilesPrefix.Length..]),
                _ => null,
            };
            if (to is null) continue;
            if (File.Exists(to) || Directory.Exists(to))
                return new(RestoreRefusal.NotEmpty, $"Nơi khôi phục không trống, đã có {to} / The target is not empty: {to} exists.");
            moves.Add((Path.Combine(source, file.Path), to));
        }

        if (sqlitePath is not null) return await RestoreSqliteAsync(source, sqlitePath, moves, ct);
        return await RestorePostgresAsync(source, manifest, target, moves, ct);
    }

    /// Reads manifest.json and checks every file it lists; null with the refusal when anything is off.
    public static async Task<(BackupManifest? Manifest, RestoreResult? Problem)> VerifyAsync(string source, CancellationToken ct)
    {
        var path = Path.Combine(source, BackupManifest.FileName);
        if (!File.Exists(path))
            return (null, new(RestoreRefusal.NoManifest, $"Không phải bản sao lưu: thiếu {path} / Not a backup: {path} is missing."));
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), BackupManifest.Json);
        }
        catch (JsonException e)
        {
            return (null, new(RestoreRefusal.NoManifest, $"Tệp {path} hỏng / {path} cannot be read: {e.Message}"));
        }
        if (manifest is null || manifest.Format != BackupManifest.CurrentFormat || string.IsNullOrEmpty(manifest.LastMigration)
            || !Enum.IsDefined(manifest.Provider))
            return (null, new(RestoreRefusal.NoManifest, $"Tệp {path} không đúng định dạng / {path} is not a backup manifest of format "
                + $"{BackupManifest.CurrentFormat}."));
        var database = manifest.Provider == DatabaseProvider.Sqlite ? BackupManifest.SqliteFile : BackupManifest.PostgresFile;
        if (!manifest.Files.Any(f => f.Path == database))
            return (null, new(RestoreRefusal.NoManifest, $"Bản sao lưu thiếu {database} / The backup lists no {database}."));
        foreach (var file in manifest.Files)
        {
            if (!BackupManifest.IsSafePath(file.Path))
                return (null, new(RestoreRefusal.NoManifest,
                    $"Đường dẫn không hợp lệ trong manifest / Invalid path in the manifest: {file.Path}"));
            var full = Path.Combine(source, file.Path);
            if (!File.Exists(full))
                return (null, new(RestoreRefusal.Checksum, $"Thiếu tệp {file.Path} / Missing file: {file.Path}"));
            if (new FileInfo(full).Length != file.Bytes || await BackupManifest.HashAsync(full, ct) != file.Sha256)
                return (null, new(RestoreRefusal.Checksum, $"Tệp {file.Path} không khớp tổng SHA-256 trong manifest (bị sửa hoặc hỏng) / "
                    + $"{file.Path} does not match its SHA-256 in the manifest (changed or damaged)."));
        }
        return (manifest, null);
    }

    private static async Task<RestoreResult> RestoreSqliteAsync(string source, string path, List<(string From, string To)> moves,
        CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        DataFolder.Create(folder);
        var staged = $"{path}.restoring";
        var stagedFiles = new List<(string Staged, string To)>();
        try
        {
            File.Copy(Path.Combine(source, BackupManifest.SqliteFile), staged, overwrite: true);
            var checking = new SqliteConnectionStringBuilder { DataSource = staged, Pooling = false }.ToString();
            await using (var check = new SqliteConnection(checking))
            {
                await check.OpenAsync(ct);
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                if ((string?)await command.ExecuteScalarAsync(ct) is var result && result != "ok")
                    return new(RestoreRefusal.Failed, $"integrity_check: {result}");
            }
            stagedFiles = Stage(moves);
            File.Move(staged, path);
            Place(stagedFiles);
            return Done(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            return new(RestoreRefusal.Failed, $"Khôi phục thất bại, không thay đổi gì / Restore failed, nothing changed: {e.Message}");
        }
        finally
        {
            if (File.Exists(staged)) File.Delete(staged);
            Unstage(stagedFiles);
        }
    }

    private static async Task<RestoreResult> RestorePostgresAsync(string source, BackupManifest manifest, RestoreTarget target,
        List<(string From, string To)> moves, CancellationToken ct)
    {
        var connection = target.ConnectionString;
        if (string.IsNullOrWhiteSpace(connection))
            return new(RestoreRefusal.Failed, "ConnectionStrings:Bookpost is empty.");
        int major;
        try
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync(ct);
            major = db.PostgreSqlVersion.Major;
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')";
            var tables = (long)(await command.ExecuteScalarAsync(ct))!;
            if (tables > 0)
                return new(RestoreRefusal.NotEmpty, $"Cơ sở dữ liệu {db.Database} đã có {tables} bảng: hãy khôi phục vào một cơ sở dữ "
                    + $"liệu trống (createdb) / The database {db.Database} already has {tables} tables: restore into an empty database "
                    + "(createdb) named in ConnectionStrings:Bookpost.");
        }
        catch (NpgsqlException e)
        {
            return new(RestoreRefusal.Failed, $"Không kết nối được PostgreSQL (ConnectionStrings:Bookpost) / Cannot connect to PostgreSQL "
                + $"(ConnectionStrings:Bookpost): {e.Message}");
        }
        if (major < manifest.ServerMajor)
            return new(RestoreRefusal.Tools,
                $"Máy chủ PostgreSQL {major} cũ hơn máy chủ đã sao lưu ({manifest.ServerMajor}) / The PostgreSQL "
                + $"{major} server is older than the backed-up one ({manifest.ServerMajor}).");
        var (tool, why) = await PostgresTools.FindAsync("pg_restore", major, target.PostgresBinDirectory, ct);
        if (tool is null) return new(RestoreRefusal.Tools, why!);

        var stagedFiles = new List<(string Staged, string To)>();
        try
        {
            stagedFiles = Stage(moves);
            var env = PostgresTools.ToolEnvironment(connection);
            var (code, _, error) = await PostgresTools.RunAsync(tool.Path,
                ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password", "--dbname", env["PGDATABASE"],
                    Path.Combine(source, BackupManifest.PostgresFile)], env, ct);
            if (code != 0)
                return new(RestoreRefusal.Failed, $"pg_restore thất bại, cơ sở dữ liệu vẫn trống / pg_restore failed, the database is left "
                    + $"empty: {error.Trim()}");
            Place(stagedFiles);
            return Done(new NpgsqlConnectionStringBuilder(connection).Database ?? "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(RestoreRefusal.Failed, $"Khôi phục thất bại / Restore failed: {e.Message}");
        }
        finally
        {
            Unstage(stagedFiles);
        }
    }

    private static RestoreResult Done(string where) =>
        new(RestoreRefusal.None, $"Đã khôi phục vào {where}; hãy khởi động ứng dụng / Restored into {where}; start the app.");

    /// Copies each file next to its target under a temporary name (same folder, so the final rename cannot fail half way
    /// across file systems).
    private static List<(string Staged, string To)> Stage(List<(string From, string To)> moves)
    {
        var staged = new List<(string, string)>();
        foreach (var (from, to) in moves)
        {
            var folder = Path.GetDirectoryName(to)!;
            if (!Directory.Exists(folder)) DataFolder.Create(folder);
            var temporary = to + ".restoring";
            File.Copy(from, temporary, overwrite: true);
            staged.Add((temporary, to));
        }
        return staged;
    }

    private static void Place(List<(string Staged, string To)> staged)
    {
        foreach (var (temporary, to) in staged) File.Move(temporary, to);
    }

    private static void Unstage(List<(string Staged, string To)> staged)
    {
        foreach (var (temporary, _) in staged)
            if (File.Exists(temporary)) File.Delete(temporary);
    }
}
