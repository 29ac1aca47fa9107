using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// One file of a backup: its path inside the backup folder ('/' separated), its size and SHA-256 (lower-case hex).
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// manifest.json, written last: a backup folder without it is not a backup. Restore checks every file against it, so a
/// changed byte, a truncated copy or a missing file is refused before anything is written.
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public string AppVersion { get; init; } = "";
    public DatabaseProvider Provider { get; init; }
    /// The newest migration applied to the database when it was copied: a restore by an app that does not know it
    /// (a newer schema) is refused.
    public string LastMigration { get; init; } = "";
    /// PostgreSQL's major version (0 for SQLite): a restore into an older server is refused.
    public int ServerMajor { get; init; }
    public DateTime CreatedAt { get; init; }
    public string Instance { get; init; } = "";
    public IReadOnlyList<BackupFile> Files { get; init; } = [];

    public const string SqliteFile = "bookpost.db";
    public const string PostgresFile = "bookpost.dump";
    public const string DataPrefix = "data/";
    public const string FilesPrefix = "files/";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    public static async Task<BackupFile> DescribeAsync(string root, string relative, CancellationToken ct)
    {
        var full = System.IO.Path.Combine(root, relative);
        return new BackupFile(relative, new FileInfo(full).Length, await HashAsync(full, ct));
    }

    /// The cap on manifest.json: far above a real one (a few kB per thousand files).
    public const long MaxManifestBytes = 10L << 20;
    /// The largest size a listed file may claim (1 TiB): beyond it the manifest is not one this app wrote.
    public const long MaxFileBytes = 1L << 40;

    /// What the writer puts under data/ (the path after "data/"): the signing key and data-protection key files. The
    /// database is never there, so a crafted "data/bookpost.db" cannot be placed beside the restored one.
    public static bool IsDataFile(string relative) =>
        relative == "token-signing.key"
        || (relative.StartsWith("keys/", StringComparison.Ordinal) && relative.Count(c => c == '/') == 1
            && relative.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));

    /// A manifest path may only name a file inside the backup folder: relative, no "..", no rooted path.
    public static bool IsSafePath(string? path) =>
        path is { Length: > 0 } && !System.IO.Path.IsPathRooted(path) && !path.Contains('\\')
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    /// The app's version as built (informational version, without the source hash).
    public static string CurrentAppVersion()
    {
        var attribute = typeof(BackupManifest).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault();
        var version = attribute?.InformationalVersion ?? typeof(BackupManifest).Assembly.GetName().Version?.ToString() ?? "";
        return version.Split('+')[0];
    }
}
