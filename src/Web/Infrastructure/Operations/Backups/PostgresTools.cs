using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// Finds pg_dump/pg_restore and runs them. The tool's major version must be at least the server's: pg_dump refuses a
/// newer server, and a dump taken by a newer pg_dump may not load into an older server. The same major as the
/// server's is preferred when several are installed (Debian keeps each in /usr/lib/postgresql/N/bin).
public static partial class PostgresTools
{
    public sealed record Tool(string Path, int Major);

    public static IEnumerable<string> Candidates(string tool, string? configuredBin)
    {
        if (!string.IsNullOrWhiteSpace(configuredBin))
        {
            yield return Path.Combine(configuredBin, tool);
            yield break;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return Path.Combine(dir, tool);
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var dir in Directory.EnumerateDirectories("/usr/lib/postgresql"))
                yield return Path.Combine(dir, "bin", tool);
    }

    /// The tool to use against a server of <paramref name="serverMajor"/>, or null with the reason.
    public static async Task<(Tool? Tool, string? Why)> FindAsync(string tool, int serverMajor, string? configuredBin, CancellationToken ct)
    {
        var found = new List<Tool>();
        foreach (var path in Candidates(tool, configuredBin).Distinct())
        {
            if (!File.Exists(path)) continue;
            var major = await MajorOfAsync(path, ct);
            if (major > 0) found.Add(new Tool(Path.GetFullPath(path), major));
        }
        var setting = "Backup:PostgresBinDirectory";
        if (found.Count == 0)
            return (null, $"Không tìm thấy {tool} (gói postgresql-client-{serverMajor}) / {tool} not found on PATH, in "
                + $"/usr/lib/postgresql/*/bin or in {setting}: install postgresql-client-{serverMajor}.");
        var best = found.Where(t => t.Major >= serverMajor).OrderBy(t => t.Major).FirstOrDefault();
        if (best is null)
            return (null, $"{tool} {found.Max(t => t.Major)} cũ hơn máy chủ PostgreSQL {serverMajor} / {tool} "
                + $"{found.Max(t => t.Major)} is older than the PostgreSQL {serverMajor} server: install postgresql-client-{serverMajor} "
                + $"or set {setting}.");
        return (best, null);
    }

    private static async Task<int> MajorOfAsync(string path, CancellationToken ct)
    {
        try
        {
            var (code, output, _) = await RunAsync(path, ["--version"], new Dictionary<string, string>(), ct);
            var match = VersionPattern().Match(output);
            return code == 0 && match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 0; // not runnable
        }
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();

    /// The server's major version (150010 → 15).
    public static async Task<int> ServerMajorAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection.PostgreSqlVersion.Major;
    }

    /// The connection given to the tools through the environment, so the password never shows in a process list.
    public static Dictionary<string, string> ToolEnvironment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = b.Host ?? "localhost",
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = b.Database ?? "",
            ["PGUSER"] = b.Username ?? System.Environment.UserName,
            ["PGCONNECT_TIMEOUT"] = "15",
        };
        if (!string.IsNullOrEmpty(b.Password)) env["PGPASSWORD"] = b.Password;
        if (b.SslMode != SslMode.Prefer) env["PGSSLMODE"] = b.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca", "verifyfull" => "verify-full", var mode => mode,
        };
        return env;
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string path, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{path} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
