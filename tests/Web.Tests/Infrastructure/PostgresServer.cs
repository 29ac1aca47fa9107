using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bookpost.Web.Tests.Infrastructure;

/// A throwaway PostgreSQL server of a test's own, for tests that need settings the shared PostgresCluster does not have
/// (a streaming replica, another server to stop). Same idea as PostgresCluster: the machine's binaries, a free loopback
/// port, a temporary folder; <see cref="Dispose"/> stops it (immediate) and deletes the folder, so a failed test leaves
/// nothing running.
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly bool _root = Environment.UserName == "root";
    private bool _disposed;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        Directory = dir;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }
    public string DataDirectory => Path.Combine(Directory, "data");

    /// The superuser's connection string to <paramref name="database"/>.
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true;Timeout=5";

    /// The newest installed bin folder, or null when PostgreSQL is not installed here.
    public static string? Binaries => System.IO.Directory.Exists("/usr/lib/postgresql")
        ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_basebackup")))
        : null;

    /// A new primary that a replica can stream from (wal_level replica and WAL senders are PostgreSQL's defaults; the
    /// trust lines initdb writes include replication from loopback). fsync off: nothing here must survive a crash.
    public static PostgresServer StartPrimary()
    {
        var server = Make();
        server.Run("initdb", $"-D {server.DataDirectory} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        server.Start();
        return server;
    }

    /// A streaming standby of <paramref name="primary"/>, copied with pg_basebackup -R (which writes standby.signal and
    /// the primary_conninfo), readable (hot_standby is on by default).
    public static PostgresServer StartReplicaOf(PostgresServer primary)
    {
        var server = Make();
        server.Run("pg_basebackup", $"-h 127.0.0.1 -p {primary.Port} -U postgres -D {server.DataDirectory} -R -X stream -c fast");
        server.Start();
        return server;
    }

    public void Start() => Run("pg_ctl", $"-D {DataDirectory} -o \"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 " +
        $"-c fsync=off -c full_page_writes=off -c max_connections=100\" -l {Directory}/log start -w");

    /// Stops at once, as a crash or a pulled cable would.
    public void Stop() => Run("pg_ctl", $"-D {DataDirectory} -m immediate stop");

    public async Task<T> ScalarAsync<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// Waits until the standby has replayed everything <paramref name="primary"/> has written so far (a wait for a
    /// condition with a ceiling, not a timed assertion).
    public async Task WaitCaughtUpAsync(PostgresServer primary)
    {
        var target = await primary.ScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        for (var i = 0; i < 300; i++)
        {
            if (await ScalarAsync<bool>($"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")) return;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"The replica did not reach {target} in 15 s.");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) Stop();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL in {Directory}: {e.Message}");
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static PostgresServer Make()
    {
        var bin = Binaries ?? throw new InvalidOperationException("PostgreSQL is not installed here.");
        var dir = Path.Combine(Path.GetTempPath(), $"bookpost-pgs-{Guid.NewGuid():N}"[..30]);
        System.IO.Directory.CreateDirectory(dir);
        var server = new PostgresServer(bin, dir, FreePort());
        if (server._root) RunFile("chown", $"postgres:postgres {dir}", asPostgres: false);
        return server;
    }

    private void Run(string tool, string arguments) => RunFile(Path.Combine(_bin, tool), arguments, _root);

    private static void RunFile(string file, string arguments, bool asPostgres)
    {
        var info = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {arguments} did not finish in 60 s.");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {output.Result} {error.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
