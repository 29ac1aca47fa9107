using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bookpost.Web.Tests.Operations;

/// Issue 20, metrics: /metrics (Prometheus text, loopback only by default), /health/live and /health/ready, and the
/// operations page, on both databases.
public abstract class MetricsTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ScrapeAsync(string from = "127.0.0.1")
    {
        using var client = app.ClientFrom(from);
        var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [DbFact]
    public async Task Metrics_FromLoopback_DatabaseTime_WithoutPersonalData()
    {
        using var admin = await app.ClientAsync("demo-admin");
        await admin.GetAsync("/api/v1/points/987654321?name=Tran-Thi-Secret", Ct);
        await admin.GetAsync("/no-such-page/Nguyen-Van-Secret", Ct);
        await admin.GetAsync("/api/v1/me", Ct);

        // Requests by route are checked on a real process (MetricsProcessTests): with many test hosts in one process,
        // ASP.NET Core's per-host request meter does not reliably reach this host's exporter.
        var text = await ScrapeAsync();
        var provider = app.WithDb(db => db.Database.IsNpgsql()) ? "postgresql" : "sqlite";
        Assert.Matches($"bookpost_db_command_duration_seconds_count\\{{[^}}]*provider=\"{provider}\"", text);
        // The path's and the query's values never become labels: only route templates do.
        Assert.DoesNotContain("Secret", text);
        Assert.DoesNotContain("987654321", text);
    }

    [DbFact]
    public async Task Metrics_FromAnAddressNotListed_Is403()
    {
        using var stranger = app.ClientFrom("192.0.2.7");
        var response = await stranger.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Metrics:AllowedAddresses", await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("bookpost_", await response.Content.ReadAsStringAsync(Ct));

        // A request without any client address (nothing to match) is refused too; an IPv4 loopback client on a
        // dual-stack socket (::ffff:127.0.0.1) is this machine.
        using var nobody = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/metrics", Ct)).StatusCode);
        await ScrapeAsync("::ffff:127.0.0.1");
        await ScrapeAsync("::1");
    }

    [DbFact]
    public async Task HealthLive_AnswersJson_WithoutChecks()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(json.RootElement.GetProperty("checks").EnumerateObject());
    }

    [DbFact]
    public async Task HealthReady_DatabaseAndMigrations()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetString());
        Assert.Equal("Healthy", checks.GetProperty("migrations").GetString());
        // /health keeps answering as before.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
    }

    [DbFact]
    public async Task OperationsPage_ShowsInstanceLeasesAndBackups_ToAdminOnly()
    {
        var leases = app.Services.GetRequiredService<JobLeases>();
        var lease = $"import:{Random.Shared.Next(100_000, 999_999)}";
        Assert.True(await leases.TryTakeAsync(lease, TimeSpan.FromHours(1), Ct));
        var folder = $"/srv/backups/ops-test-{Guid.NewGuid():N}";
        app.WithDb(db =>
        {
            db.BackupRuns.Add(new BackupRun
            {
                Trigger = BackupTrigger.Scheduled, StartedAt = app.UtcNow, FinishedAt = app.UtcNow, Succeeded = false,
                Directory = folder, Message = "pg_dump: disk full", Instance = "other-host/1",
            });
            return db.SaveChanges();
        });
        try
        {
            using var admin = await PageClient.SignInAsync(app, "demo-admin");
            var response = await admin.GetAsync("/Operations", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains("Vận hành", page);
            Assert.Contains(app.Services.GetRequiredService<AppInstance>().Id, page);
            Assert.Contains(app.WithDb(db => db.Database.IsNpgsql()) ? "PostgreSQL" : "SQLite", page);
            Assert.Contains("Không còn bản nào", page); // no pending migration
            Assert.Contains($"Nhập biên mục ({lease[7..]})", page);
            Assert.Contains(folder, page);
            Assert.Contains("Thất bại", page);
            Assert.Contains("Chưa cấu hình", page); // no replica
            Assert.Contains("href=\"/Operations\"", page); // in the admin's menu

            using var monitor = await PageClient.SignInAsync(app, "demo-monitor");
            PageClient.AssertDenied(await monitor.GetAsync("/Operations", Ct));
            Assert.DoesNotContain("href=\"/Operations\"", await monitor.GetStringAsync("/", Ct));
        }
        finally
        {
            await leases.ReleaseAsync(lease, Ct);
        }
    }
}

public sealed class MetricsTestsOnSqlite(SqliteApp app) : MetricsTests(app), IClassFixture<SqliteApp>;

public sealed class MetricsTestsOnPostgres(PostgresApp app) : MetricsTests(app), IClassFixture<PostgresApp>;

/// The app with its own metrics settings and a failing check tagged "ready" (what the replica's lag check does when
/// the replica is too far behind).
public sealed class RestrictedMetricsApp : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool DemoCatalog => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:AllowedAddresses", "10.1.0.0/16, 2001:db8::/32 192.0.2.9");
        builder.ConfigureTestServices(s => s.AddHealthChecks().AddCheck("replica-lag",
            () => HealthCheckResult.Unhealthy("The replica is 5 minutes behind."), tags: [HealthEndpoints.ReadyTag]));
    }
}

public sealed class RestrictedMetricsTests(RestrictedMetricsApp app) : IClassFixture<RestrictedMetricsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("10.1.200.3", HttpStatusCode.OK)]
    [InlineData("2001:db8::5", HttpStatusCode.OK)]
    [InlineData("192.0.2.9", HttpStatusCode.OK)]
    [InlineData("192.0.2.10", HttpStatusCode.Forbidden)]
    [InlineData("10.2.0.1", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", HttpStatusCode.Forbidden)]
    public async Task Metrics_OnlyFromTheListedNetworks(string from, HttpStatusCode expected)
    {
        using var client = app.ClientFrom(from);
        Assert.Equal(expected, (await client.GetAsync("/metrics", Ct)).StatusCode);
    }

    [Fact]
    public async Task HealthReady_FailsOnAnyReadyCheck_LiveStaysUp()
    {
        using var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("The replica is 5 minutes behind.", json.RootElement.GetProperty("problems").GetProperty("replica-lag").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }
}

/// Metrics switched off: no /metrics at all, whoever asks.
public sealed class MetricsOffApp : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool DemoCatalog => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Enabled", "false");
    }
}

public sealed class MetricsOffTests(MetricsOffApp app) : IClassFixture<MetricsOffApp>
{
    [Fact]
    public async Task Metrics_Off_Is404()
    {
        using var client = app.ClientFrom("127.0.0.1");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// A bad entry in the address list stops the start, naming the setting and the entry.
public sealed class BadMetricsAddressesApp : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool DemoCatalog => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:AllowedAddresses", "127.0.0.1/32, 10.0.0.300/8");
    }
}

public sealed class MetricsSettingsTests
{
    [Fact]
    public async Task BadAllowedAddresses_RefuseToStart_NamingTheSetting()
    {
        await using var app = new BadMetricsAddressesApp();
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Metrics:AllowedAddresses", messages);
        Assert.Contains("10.0.0.300/8", messages);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
        if (e is AggregateException all) foreach (var inner in all.InnerExceptions) yield return inner;
    }

    [Theory]
    [InlineData("127.0.0.0/8, ::1/128", "127.0.0.1", true)]
    [InlineData("127.0.0.0/8, ::1/128", "::1", true)]
    [InlineData("127.0.0.0/8, ::1/128", "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.0/8, ::1/128", "10.0.0.1", false)]
    [InlineData("10.0.5.7", "10.0.5.7", true)]
    [InlineData("10.0.5.7", "10.0.5.8", false)]
    [InlineData("", "127.0.0.1", false)]
    [InlineData("10.0.5.20/24", "10.0.5.99", true)]
    [InlineData("10.0.5.20/24", "10.0.6.1", false)]
    [InlineData("2001:db8::1/32", "2001:db8:ffff::2", true)]
    public void AllowedAddresses_Match(string list, string address, bool allowed)
    {
        var clients = new MetricsClients(Microsoft.Extensions.Options.Options.Create(new MetricsOptions { AllowedAddresses = list }));
        Assert.Equal(allowed, clients.Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("localhost")]
    [InlineData("10.0.0.1/8x")]
    public void AllowedAddresses_BadEntry_IsNamed(string entry)
    {
        Assert.False(MetricsClients.TryParse($"127.0.0.1, {entry}", out _, out var bad));
        Assert.Equal(entry, bad);
    }

    /// A database without this build's migrations is not ready (an instance that answers before another instance has
    /// migrated, or whose start failed half way).
    [Fact]
    public async Task MigrationsCheck_OnADatabaseWithoutMigrations_IsUnhealthy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bookpost-ready-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=false",
                DatabaseSetup.SqliteOptions).Options;
            await using var db = new SqliteAppDbContext(options);
            var check = new MigrationsHealthCheck(db, new MigrationsState());
            var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Contains("pending", result.Description);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}

/// The built app as a real process on a loopback port, as a Prometheus server sees it: requests by route template, and
/// none of the path's or query's values.
public sealed class MetricsProcessTests
{
    [Fact]
    public async Task Metrics_OnARunningApp_RequestsByRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Path.Combine(Path.GetTempPath(), "bookpost-tests", $"metrics-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var port = FreePort();
        var web = Path.Combine(AppContext.BaseDirectory, "Bookpost.Web.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{web}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__DataDirectory"] = dataDir;
        info.Environment["Demo__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var app = Process.Start(info)!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            var ready = false;
            for (var i = 0; i < 240 && !ready && !app.HasExited; i++)
            {
                try { ready = (await http.GetAsync("/health/ready", ct)).IsSuccessStatusCode; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
                if (!ready) await Task.Delay(500, ct);
            }
            Assert.True(ready, "the app did not become ready");
            await http.GetAsync("/api/v1/points/987654321?name=Tran-Thi-Secret", ct);
            await http.GetAsync("/no-such-page/Nguyen-Van-Secret", ct);
            var text = await http.GetStringAsync("/metrics", ct);
            Assert.Contains("http_server_request_duration_seconds_count", text);
            Assert.Contains("http_route=\"/api/v1/points/{id:int}\"", text);
            Assert.Contains("http_route=\"/health/ready\"", text);
            Assert.Contains("bookpost_db_command_duration_seconds_count", text);
            Assert.DoesNotContain("Secret", text);
            Assert.DoesNotContain("987654321", text);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(CancellationToken.None);
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
