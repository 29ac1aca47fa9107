using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bookpost.Web.Tests.Infrastructure;

/// A throwaway PostgreSQL cluster for the whole test run, started with the machine's initdb/pg_ctl on a free
/// loopback port (or BOOKPOST_TEST_POSTGRES when set). Each test class gets its own database in it.
public static class PostgresCluster
{
    private static readonly Lazy<string?> s_server = new(Start);
    private static string? s_dataDir;

    public static string? SkipReason { get; private set; }

    /// Whether PostgreSQL runs here (starting the cluster on first use).
    public static bool Available => s_server.Value is not null;

    /// A connection string to a new database, empty or a copy of <paramref name="template"/> (a database nobody is
    /// connected to); null when PostgreSQL is not available here.
    public static string? NewDatabase(string prefix, string? template = null)
    {
        var server = s_server.Value;
        if (server is null) return null;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        using (var conn = new NpgsqlConnection(server))
        {
            conn.Open();
            var from = template is null ? "" : $" TEMPLATE \"{template}\"";
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", conn);
            // A template's last connection may take a moment to go after it was ended (ObjectInUse): try again shortly.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    cmd.ExecuteNonQuery();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    Thread.Sleep(100);
                }
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 20 }.ToString();
    }

    private static string? Start()
    {
        var configured = Environment.GetEnvironmentVariable("BOOKPOST_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
        {
            SkipReason = "PostgreSQL is not installed (apt-get install postgresql): PostgreSQL tests are skipped.";
            Console.Error.WriteLine(SkipReason);
            return null;
        }
        var root = Environment.UserName == "root";
        var dir = Path.Combine(Path.GetTempPath(), $"bookpost-pg-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(dir);
        if (root) Run("chown", $"postgres:postgres {dir}");
        var port = FreePort();
        Run(bin + "/initdb", $"-D {dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8", root);
        Run(bin + "/pg_ctl", $"-D {dir}/data -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -l {dir}/log start -w", root);
        s_dataDir = dir;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, root);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static void Stop(string bin, bool root)
    {
        if (s_dataDir is null) return;
        try
        {
            Run(bin + "/pg_ctl", $"-D {s_dataDir}/data -m immediate stop", root);
            Directory.Delete(s_dataDir, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL: {e.Message}");
        }
    }

    private static void Run(string file, string arguments, bool asPostgres = false)
    {
        var info = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed: {output.Result} {error.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
