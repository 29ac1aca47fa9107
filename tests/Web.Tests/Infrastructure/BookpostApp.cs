using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bookpost.Web.Tests.Infrastructure;

/// The app on its own database, built by migrations and seeded with the demo data: one per test class. The common kinds
/// (<see cref="TemplateName"/>) start from a copy of a database built and seeded once per run (AppTemplates): the copy
/// is what a fresh start would have made, and the app's own start-up then runs over it as a restart does.
public abstract class BookpostApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Demo-Pass-2026";
    private readonly Dictionary<string, string> _tokens = [];
    private AppTemplate? _template;
    private bool _templateCopied;

    /// The folder of the app's files (its SQLite database, its signing key), deleted with the app.
    protected virtual string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "bookpost-tests", Guid.NewGuid().ToString("N"));

    /// The name of the prepared database this kind of app starts from; null to build its own by migrations and seeding
    /// (kinds with settings of their own, a restored or upgraded database, several instances).
    protected virtual string? TemplateName => null;

    /// The template's PostgreSQL database, to copy with CREATE DATABASE … TEMPLATE; null to build a new one.
    protected string? TemplateDatabase => _template?.Database;

    protected abstract DatabaseProvider Provider { get; }

    /// The app's clock. It starts at the moment the class's app is made and moves one microsecond a reading (so two
    /// events never share an instant); a test that needs time to pass advances it (`app.Clock.Advance(…)`), never sleeps.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMicroseconds(1) };

    /// Today in Vietnam on the app's clock.
    public DateOnly Today => Bookpost.Web.Infrastructure.VnTime.Today(Clock);

    /// Now on the app's clock, as UTC.
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;
    protected virtual string? ConnectionString => null;

    /// The token signing key the PostgreSQL test apps share (32 bytes, base64).
    public const string TestSigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItYm9va3Bvc3QtMzI=";
    public bool Available => Provider == DatabaseProvider.Sqlite || ConnectionString is not null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        // Once: a host built again on this app (WithWebHostBuilder, a restart) finds the folder as the app left it.
        if (_template is not null && !_templateCopied)
        {
            foreach (var file in Directory.GetFiles(_template.Directory))
                File.Copy(file, Path.Combine(DataDirectory, Path.GetFileName(file)), overwrite: true);
            _templateCopied = true;
        }
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Bookpost", ConnectionString ?? "");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Demo:Catalog", DemoCatalog ? "true" : "false");
        // PostgreSQL may be shared by several instances: the signing key must be given, never generated (issue 20).
        if (Provider == DatabaseProvider.Postgres) builder.UseSetting("Auth:SigningKey", TestSigningKey);
        // A 500 in a test says why: the server's errors go to the output of the test whose request (or fixture) caused them.
        builder.ConfigureLogging(l => l.AddProvider(new TestOutputErrors()));
        builder.ConfigureTestServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            s.AddSingleton<IStartupFilter, FakeClientAddress>();
        });
    }

    /// A client whose requests come from the given address (see FakeClientAddress), for tests of per-address rules.
    public HttpClient ClientFrom(string address, WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Add(FakeClientAddress.Header, address);
        return client;
    }

    /// Whether the demo titles, copies and sets are seeded; tests that count search hits run without them.
    protected virtual bool DemoCatalog => true;

    public async ValueTask InitializeAsync()
    {
        await PrepareAsync();
        if (Available) _ = Server; // builds the host: migrations and seeding (or the template's copy) now, once per class
    }

    /// Takes the template this kind of app starts from (building it on first use); before the host is built.
    public async Task PrepareAsync()
    {
        if (TemplateName is { } name && _template is null)
            _template = await AppTemplates.GetAsync(name, Provider, DemoCatalog);
    }

    /// Whether disposing the app deletes its folder (a template's folder stays for the copies).
    protected virtual bool DeletesDataDirectory => true;

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (DeletesDataDirectory)
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// Drops the cached tokens, for a test that changes the demo accounts' security stamps.
    public void ForgetTokens() => _tokens.Clear();

    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var cached)) return cached;
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = Password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        return _tokens[user] = body!.AccessToken;
    }

    public async Task<HttpClient> ClientAsync(string user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return client;
    }

    public T WithDb<T>(Func<AppDbContext, T> work)
    {
        using var scope = Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

/// Writes the app's errors (LogLevel.Error and above, with the exception) to the running test's output, which the test
/// runner prints beside a failure; outside a test (a fixture's start, a background job) to standard error.
public sealed class TestOutputErrors : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose() { }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"[server {logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}";
            try
            {
                if (TestContext.Current.TestOutputHelper is { } output && TestContext.Current.TestState is null)
                {
                    output.WriteLine(line);
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // The test has ended: fall through to standard error.
            }
            Console.Error.WriteLine(line);
        }
    }
}

/// The test server has no real connection: this test-only startup filter, first in the pipeline, takes the client
/// address from a header that only tests send. It stands for the TCP peer: the app's forwarded-headers rules (Proxy:*) apply after it.
public sealed class FakeClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, inner) =>
        {
            if (System.Net.IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address))
                http.Connection.RemoteIpAddress = address;
            return inner(http);
        });
        next(app);
    };
}

public sealed class SqliteApp : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string? TemplateName => "sqlite";
}

public class PostgresApp : BookpostApp
{
    private readonly Lazy<string?> _connection;

    public PostgresApp() => _connection = new(() => PostgresCluster.NewDatabase("bookpost", TemplateDatabase));

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string? ConnectionString => _connection.Value;

    // Only this kind and the one without the catalogue: the kinds derived for their own settings build their own.
    protected override string? TemplateName => GetType() == typeof(PostgresApp) ? "postgres" : null;
}

/// The demo network and accounts without the demo catalogue.
public sealed class SqliteAppWithoutDemoCatalog : BookpostApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool DemoCatalog => false;
    protected override string? TemplateName => "sqlite-without-catalog";
}

public sealed class PostgresAppWithoutDemoCatalog : PostgresApp
{
    protected override bool DemoCatalog => false;
    protected override string? TemplateName => "postgres-without-catalog";
}
