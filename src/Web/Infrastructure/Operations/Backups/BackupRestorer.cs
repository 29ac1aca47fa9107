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
    /// <param name="placed">Called after each file is put in place (a test stands in for a failure there).</param>
    public static async Task<RestoreResult> RestoreAsync(string directory, RestoreTarget target, CancellationToken ct,
        Action<string>? placed = null)
    {
        // Path.GetFullPath("") throws: an empty folder name is a refusal, not a crash.
        if (string.IsNullOrWhiteSpace(directory))
            return new(RestoreRefusal.NoManifest, "Chưa nêu thư mục sao lưu / No backup folder given.");
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
                // Only what the writer puts under data/: anything else there (bookpost.db above all) could land on the
                // database or its staging copy, unchecked.
                var p when p.StartsWith(BackupManifest.DataPrefix, StringComparison.Ordinal) =>
                    BackupManifest.IsDataFile(p[BackupManifest.DataPrefix.Length..])
                        ? Path.Combine(target.DataDirectory, p[BackupManifest.DataPrefix.Length..])
                        : "",
                var p when p.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal) =>
                    Path.Combine(target.FilesRoot, BackupWriter.FilesFolder, p[BackupManifest.FilesPrefix.Length..]),
                _ => null,
            };
            if (to is null) continue;
            if (to.Length == 0)
                return new(RestoreRefusal.NoManifest, $"Manifest liệt kê tệp không được phép trong data/: {file.Path} / "
                    + $"The manifest lists a file not allowed under data/: {file.Path}");
            if (File.Exists(to) || Directory.Exists(to))
                return new(RestoreRefusal.NotEmpty, $"Nơi khôi phục không trống, đã có {to} / The target is not empty: {to} exists.");
            moves.Add((Path.Combine(source, file.Path), to));
        }

        if (sqlitePath is not null) return await RestoreSqliteAsync(source, sqlitePath, moves, placed, ct);
        return await RestorePostgresAsync(source, manifest, target, moves, placed, ct);
    }

    /// Reads manifest.json and checks every file it lists; null with the refusal when anything is off.
    public static async Task<(BackupManifest? Manifest, RestoreResult? Problem)> VerifyAsync(string source, CancellationToken ct)
    {
        var path = Path.Combine(source, BackupManifest.FileName);
        if (!File.Exists(path))
            return (null, new(RestoreRefusal.NoManifest, $"Không phải bản sao lưu: thiếu {path} / Not a backup: {path} is missing."));
        if (IsLink(source, BackupManifest.FileName))
            return (null, Linked(BackupManifest.FileName));
        // A real manifest is a few kB per thousand files; a huge one is not a backup and would only fill memory.
        if (new FileInfo(path).Length > BackupManifest.MaxManifestBytes)
            return (null, new(RestoreRefusal.NoManifest, $"Tệp {path} quá lớn (trên {BackupManifest.MaxManifestBytes / (1 << 20)} MB) / "
                + $"{path} is too large (over {BackupManifest.MaxManifestBytes / (1 << 20)} MB) to be a backup manifest."));
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), BackupManifest.Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return (null, new(RestoreRefusal.NoManifest, $"Tệp {path} hỏng / {path} cannot be read: {e.Message}"));
        }
        // JSON may say null where the record has no null (files, an entry, a path, a hash): each is a malformed manifest.
        if (manifest is null || manifest.Format != BackupManifest.CurrentFormat || string.IsNullOrEmpty(manifest.LastMigration)
            || !Enum.IsDefined(manifest.Provider) || manifest.Files is null
            || manifest.Files.Any(f => f is null || f.Path is null || f.Sha256 is null || f.Bytes is < 0 or > BackupManifest.MaxFileBytes))
            return (null, new(RestoreRefusal.NoManifest, $"Tệp {path} không đúng định dạng / {path} is not a backup manifest of format "
                + $"{BackupManifest.CurrentFormat}."));
        var database = manifest.Provider == DatabaseProvider.Sqlite ? BackupManifest.SqliteFile : BackupManifest.PostgresFile;
        if (!manifest.Files.Any(f => f.Path == database))
            return (null, new(RestoreRefusal.NoManifest, $"Bản sao lưu thiếu {database} / The backup lists no {database}."));
        // Case-insensitive: on Windows and macOS two spellings are one file, and the second would overwrite the first.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in manifest.Files)
        {
            if (!BackupManifest.IsSafePath(file.Path))
                return (null, new(RestoreRefusal.NoManifest,
                    $"Đường dẫn không hợp lệ trong manifest / Invalid path in the manifest: {file.Path}"));
            if (!seen.Add(file.Path))
                return (null, new(RestoreRefusal.NoManifest,
                    $"Manifest liệt kê hai lần {file.Path} / The manifest lists {file.Path} twice."));
            var full = Path.Combine(source, file.Path);
            if (!File.Exists(full))
                return (null, new(RestoreRefusal.Checksum, $"Thiếu tệp {file.Path} / Missing file: {file.Path}"));
            // File.Copy follows a link: a link in the folder would restore whatever it points to, unchecked later.
            if (IsLink(source, file.Path)) return (null, Linked(file.Path));
            if (new FileInfo(full).Length != file.Bytes || await BackupManifest.HashAsync(full, ct) != file.Sha256)
                return (null, new(RestoreRefusal.Checksum, $"Tệp {file.Path} không khớp tổng SHA-256 trong manifest (bị sửa hoặc hỏng) / "
                    + $"{file.Path} does not match its SHA-256 in the manifest (changed or damaged)."));
        }
        return (manifest, null);
    }

    private static async Task<RestoreResult> RestoreSqliteAsync(string source, string path, List<(string From, string To)> moves,
        Action<string>? placed, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var undo = new Undo();
        undo.CreateFolder(folder);
        // A unique name: nothing the backup lists can be staged onto the checked copy.
        var staged = $"{path}.restoring-{Guid.NewGuid():N}";
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
            stagedFiles = Stage(moves, undo);
            File.Move(staged, path);
            undo.Placed.Add(path);
            placed?.Invoke(path);
            Place(stagedFiles, undo, placed);
            return Done(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException)
        {
            if (File.Exists(staged)) File.Delete(staged);
            Unstage(stagedFiles);
            return undo.Revert() is { Count: > 0 } left
                ? new(RestoreRefusal.Failed, $"Khôi phục thất bại và không gỡ được {string.Join(", ", left)}: hãy xóa chúng rồi thử lại / "
                    + $"Restore failed and these could not be removed: {string.Join(", ", left)}; delete them and try again: {e.Message}")
                : new(RestoreRefusal.Failed, $"Khôi phục thất bại, nơi khôi phục được để trống như trước / Restore failed, the target "
                    + $"is left empty as before: {e.Message}");
        }
        finally
        {
            if (File.Exists(staged)) File.Delete(staged);
            Unstage(stagedFiles);
        }
    }

    private static async Task<RestoreResult> RestorePostgresAsync(string source, BackupManifest manifest, RestoreTarget target,
        List<(string From, string To)> moves, Action<string>? placed, CancellationToken ct)
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
        var undo = new Undo();
        var restored = false;
        try
        {
            stagedFiles = Stage(moves, undo);
            var env = PostgresTools.ToolEnvironment(connection);
            var (code, _, error) = await PostgresTools.RunAsync(tool.Path,
                ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password", "--dbname", env["PGDATABASE"],
                    Path.Combine(source, BackupManifest.PostgresFile)], env, ct);
            if (code != 0)
                return new(RestoreRefusal.Failed, $"pg_restore thất bại, cơ sở dữ liệu vẫn trống / pg_restore failed, the database is left "
                    + $"empty: {error.Trim()}");
            restored = true;
            Place(stagedFiles, undo, placed);
            return Done(new NpgsqlConnectionStringBuilder(connection).Database ?? "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Unstage(stagedFiles);
            var left = undo.Revert();
            // The database was filled by then: the person must empty it, so the message must not say nothing changed.
            var database = restored ? "cơ sở dữ liệu đã được nạp, hãy tạo lại nó trống (dropdb, createdb) / the database was filled, "
                + "recreate it empty (dropdb, createdb); " : "";
            var files = left.Count > 0 ? $"không gỡ được / could not remove: {string.Join(", ", left)}; " : "";
            return new(RestoreRefusal.Failed, $"Khôi phục thất bại / Restore failed: {database}{files}{e.Message}");
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
    private static List<(string Staged, string To)> Stage(List<(string From, string To)> moves, Undo undo)
    {
        var staged = new List<(string, string)>();
        foreach (var (from, to) in moves)
        {
            undo.CreateFolder(Path.GetDirectoryName(to)!);
            // A unique name, so that no listed file can be staged onto another's temporary copy.
            var temporary = $"{to}.restoring-{Guid.NewGuid():N}";
            staged.Add((temporary, to));
            File.Copy(from, temporary, overwrite: false);
        }
        return staged;
    }

    private static void Place(List<(string Staged, string To)> staged, Undo undo, Action<string>? placed)
    {
        foreach (var (temporary, to) in staged)
        {
            File.Move(temporary, to);
            undo.Placed.Add(to);
            placed?.Invoke(to);
        }
    }

    /// A link anywhere from the backup folder down to the file (the file itself or a folder on its way).
    private static bool IsLink(string source, string relative)
    {
        var path = source;
        foreach (var part in relative.Split('/'))
        {
            path = Path.Combine(path, part);
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.Exists && (info.Attributes.HasFlag(FileAttributes.ReparsePoint) || info.LinkTarget is not null)) return true;
        }
        return false;
    }

    private static RestoreResult Linked(string path) =>
        new(RestoreRefusal.NoManifest, $"Bản sao lưu chứa liên kết (symlink) {path}, không khôi phục / The backup holds a link "
            + $"(symlink) {path}: refused.");

    /// What a restore has put in the target, so that a failure half way can take it out again and leave the target
    /// as empty as it was.
    private sealed class Undo
    {
        public List<string> Placed { get; } = [];
        private readonly List<string> _folders = [];

        /// Creates the folder and notes each one that did not exist, the outermost first.
        public void CreateFolder(string folder)
        {
            var missing = new List<string>();
            for (var f = Path.GetFullPath(folder); f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
                missing.Insert(0, f);
            if (missing.Count == 0) return;
            DataFolder.Create(folder);
            _folders.AddRange(missing);
        }

        /// Deletes what was placed and the folders made for it; returns what could not be removed.
        public List<string> Revert()
        {
            var left = new List<string>();
            foreach (var file in Enumerable.Reverse(Placed))
                try { if (File.Exists(file)) File.Delete(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { left.Add(file); }
            Placed.Clear();
            foreach (var folder in Enumerable.Reverse(_folders))
                try { if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { left.Add(folder); }
            _folders.Clear();
            return left;
        }
    }

    private static void Unstage(List<(string Staged, string To)> staged)
    {
        foreach (var (temporary, _) in staged)
            if (File.Exists(temporary)) File.Delete(temporary);
    }
}
