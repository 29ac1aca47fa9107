using System.Collections.Concurrent;
using System.Net;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Circulation;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bookpost.Web.Tests.Operations;

/// The app on a primary and a streaming replica of its own (PostgresServer: pg_basebackup -R), with the replica as
/// ConnectionStrings:BookpostReadOnly. The lag is measured only when a test asks (Replica:PollSeconds is an hour), so
/// each test decides what the monitor knows.
public sealed class ReplicaPairApp : BookpostApp, IAsyncLifetime
{
    private readonly Lazy<string?> _database;
    private PostgresServer? _primary;
    private PostgresServer? _replica;

    public ReplicaPairApp() => _database = new(StartPair);

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string? ConnectionString => _database.Value;
    protected override bool DemoCatalog => false;

    public PostgresServer Primary => _primary!;
    public PostgresServer Replica => _replica!;
    public LogSink Logs { get; } = new();
    public ReplicaMonitor Monitor => Services.GetRequiredService<ReplicaMonitor>();

    /// The response header a test-only filter sets: which server the request's context read from.
    public const string ReadFrom = "X-Test-Read-From";

    private string? StartPair()
    {
        if (PostgresServer.Binaries is null) return null;
        _primary = PostgresServer.StartPrimary();
        using (var connection = new NpgsqlConnection(_primary.ConnectionString() + ";Pooling=false"))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE DATABASE bookpost", connection);
            command.ExecuteNonQuery();
        }
        _replica = PostgresServer.StartReplicaOf(_primary);
        return _primary.ConnectionString("bookpost");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:BookpostReadOnly", _replica!.ConnectionString("bookpost"));
        builder.UseSetting("Replica:PollSeconds", "3600");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            s.AddSingleton<IStartupFilter, ReadFromHeader>();
        });
    }

    /// The replica has replayed everything and the monitor knows it: marked reads go to the replica.
    public async Task CurrentAsync()
    {
        await Replica.WaitCaughtUpAsync(Primary);
        var status = await Monitor.CheckAsync(TestContext.Current.CancellationToken);
        Assert.True(status is { Reachable: true, InRecovery: true }, $"replica not usable: {status}");
    }

    public new async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _replica?.Dispose();
            _primary?.Dispose();
        }
    }

    private sealed class ReadFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers[ReadFrom] = ReplicaRouting.Used(http) ? "replica" : "primary";
                    return Task.CompletedTask;
                });
                return inner(http);
            });
            next(app);
        };
    }
}

/// The app's log lines at Warning and above, kept for assertions.
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Sink(this);

    public void Dispose() { }

    private sealed class Sink(LogSink owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Lines.Enqueue(formatter(state, exception));
        }
    }
}

public sealed class ReplicaTests(ReplicaPairApp app) : IClassFixture<ReplicaPairApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void SkipWithoutPostgres()
    {
        if (!app.Available) Assert.Skip("PostgreSQL (initdb, pg_basebackup) is not installed here: skipped.");
    }

    /// A client that keeps no cookies, as an API client: what it reads is routed by the endpoint alone.
    private async Task<HttpClient> ApiClientAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(user));
        return client;
    }

    private static string ReadFrom(HttpResponseMessage response) => response.Headers.GetValues(ReplicaPairApp.ReadFrom).Single();

    [Fact]
    public async Task Searches_read_from_the_replica_and_the_desk_from_the_primary()
    {
        SkipWithoutPostgres();
        await app.CurrentAsync();
        var admin = await ApiClientAsync("demo-admin");
        var word = $"Saobang{Guid.NewGuid():N}"[..16];
        // Replay paused: a title written now is on the primary only, so where it is found tells which server answered.
        await app.Replica.ScalarAsync<object>("SELECT pg_wal_replay_pause()::text");
        try
        {
            var id = app.Title($"{word} tập một");
            var search = await admin.GetAsync($"/api/v1/catalog/titles?q={word}", Ct);
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.Equal("replica", search.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.DoesNotContain(word, await search.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

            // The title itself is not a marked read: the primary has it at once.
            var one = await admin.GetAsync($"/api/v1/catalog/titles/{id}", Ct);
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal("primary", one.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.Contains(word, await one.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            // The report context is on the standby itself.
            var inRecovery = await app.WithScopeAsync(async sp =>
            {
                var contexts = sp.GetRequiredService<ReplicaContexts>();
                await using var db = await contexts.Factory.CreateDbContextAsync(Ct);
                return await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync(Ct);
            });
            Assert.True(inRecovery);
        }
        finally
        {
            await app.Replica.ScalarAsync<object>("SELECT pg_wal_replay_resume()::text");
        }
        await app.CurrentAsync();
        var after = await admin.GetStringAsync($"/api/v1/catalog/titles?q={word}", Ct);
        Assert.Contains(word, after, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Report_pages_read_from_the_replica_and_say_when_it_is_over_a_minute_behind()
    {
        SkipWithoutPostgres();
        var page = await PageClient.SignInAsync(app, "demo-admin");
        await app.CurrentAsync();
        foreach (var url in new[] { "/Reports/Indicators", "/Catalog" })
        {
            var response = await page.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("replica", response.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.DoesNotContain("replica-lag", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        // The desk's pages stay on the primary.
        var desk = await page.GetAsync("/Network/Points", Ct);
        Assert.Equal("primary", desk.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());

        var now = app.Clock.GetUtcNow();
        try
        {
            // A lag of minutes cannot be made on loopback without waiting minutes: the monitor is told it.
            app.Monitor.Set(new ReplicaStatus(true, true, true, TimeSpan.FromSeconds(5 * 60 - 1), now, null));
            var late = await page.GetStringAsync("/Reports/Indicators", Ct);
            Assert.Contains("Số liệu trễ 4 phút so với máy chủ chính.", late, StringComparison.Ordinal);

            // Beyond Replica:MaxLagSeconds (300 by default) the replica is not read, and readiness says so.
            app.Monitor.Set(new ReplicaStatus(true, true, true, TimeSpan.FromMinutes(10), now, null));
            var tooLate = await page.GetAsync("/Reports/Indicators", Ct);
            Assert.Equal("primary", tooLate.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.DoesNotContain("Số liệu trễ", await tooLate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            using var anonymous = app.CreateClient();
            var health = await anonymous.GetAsync("/health", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"replica\":\"Unhealthy\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            await app.CurrentAsync();
        }
    }

    [Fact]
    public async Task A_writer_reads_his_own_write_from_the_primary()
    {
        SkipWithoutPostgres();
        var page = await PageClient.SignInAsync(app, "demo-admin");
        await app.CurrentAsync();
        await app.Replica.ScalarAsync<object>("SELECT pg_wal_replay_pause()::text");
        try
        {
            var word = $"Tuviet{Guid.NewGuid():N}"[..16];
            var created = await PageClient.PostFormAsync(page, "/Catalog/Titles/Edit",
                new() { ["Input.TitleProper"] = $"{word} tập hai" });
            Assert.True(created.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{created.StatusCode}");
            var search = await page.GetAsync($"/Catalog?q={word}", Ct);
            Assert.Equal("primary", search.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.Contains(word, await search.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await app.Replica.ScalarAsync<object>("SELECT pg_wal_replay_resume()::text");
        }
        // Once the replica has caught up past the write, the writer reads from it again.
        await app.CurrentAsync();
        var later = await page.GetAsync("/Catalog", Ct);
        Assert.Equal("replica", later.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
    }

    [Fact]
    public async Task The_desk_keeps_working_with_the_replica_stopped()
    {
        SkipWithoutPostgres();
        await app.CurrentAsync();
        var admin = await ApiClientAsync("demo-admin");
        Assert.Equal("replica", ReadFrom(await admin.GetAsync("/api/v1/catalog/titles?q=sach", Ct)));
        app.Replica.Stop();
        try
        {
            // The monitor has not measured since: the read fails on the replica and is answered from the primary.
            var search = await admin.GetAsync("/api/v1/catalog/titles?q=sach", Ct);
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.Equal("primary", search.Headers.GetValues(ReplicaPairApp.ReadFrom).Single());
            Assert.Contains(app.Logs.Lines, l => l.Contains("read again from the primary", StringComparison.Ordinal));
            Assert.Contains(app.Logs.Lines, l => l.Contains("ConnectionStrings:BookpostReadOnly", StringComparison.Ordinal));
            Assert.False(app.Monitor.Status.Reachable);

            // Reports, exports and the desk all answer.
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/reports/indicator-values", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/points/export?format=csv", Ct)).StatusCode);
            var (point, reader) = await app.ReaderAsync();
            var copy = app.CopiesHere(1)[0];
            await (await point.PostJsonAsync("/api/v1/circulation/loans",
                    new { readerCard = reader.CardNumber, barcodes = new[] { copy } }))
                .JsonAsync(HttpStatusCode.OK);
            await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copy } }))
                .JsonAsync(HttpStatusCode.OK);

            // A measurement finds it gone too; the instance stays ready (degraded: everything is read from the primary).
            Assert.False((await app.Monitor.CheckAsync(Ct)).Reachable);
            using var anonymous = app.CreateClient();
            var health = await anonymous.GetAsync("/health", Ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"replica\":\"Degraded\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            app.Replica.Start();
        }
        await app.CurrentAsync();
        Assert.Equal("replica", ReadFrom(await admin.GetAsync("/api/v1/catalog/titles?q=sach", Ct)));
    }
}

/// Bad settings: refused at start with the setting's name, nothing started.
public sealed class ReplicaSettingsTests
{
    private sealed class SqliteWithReplica : BookpostApp
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:BookpostReadOnly", "Host=127.0.0.1;Port=1;Database=bookpost");
        }
    }

    private sealed class PostgresWithBadReplica : BookpostApp
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
        protected override string? ConnectionString => "Host=127.0.0.1;Port=1;Database=bookpost";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:BookpostReadOnly", "Hots=replica;Nonsense");
        }
    }

    [Fact]
    public async Task A_replica_on_SQLite_is_refused_naming_the_setting()
    {
        await using var app = new SqliteWithReplica();
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("ConnectionStrings:BookpostReadOnly", Flatten(error), StringComparison.Ordinal);
        Assert.Contains("Database:Provider", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_replica_connection_string_is_refused_naming_the_setting()
    {
        await using var app = new PostgresWithBadReplica();
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("ConnectionStrings:BookpostReadOnly", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_missing_or_refusing_replica_is_retried_on_the_primary()
    {
        Assert.True(ReplicaReadsMiddleware.IsReplicaFailure(new NpgsqlException("Failed to connect",
            new System.Net.Sockets.SocketException(111))));
        Assert.True(ReplicaReadsMiddleware.IsReplicaFailure(new InvalidOperationException("wrapped", new TimeoutException())));
        Assert.False(ReplicaReadsMiddleware.IsReplicaFailure(new InvalidOperationException("a bug")));
        Assert.False(ReplicaReadsMiddleware.IsReplicaFailure(new FormatException("bad input")));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
