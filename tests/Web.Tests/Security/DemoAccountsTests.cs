using System.Collections.Concurrent;
using System.Net;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using static Bookpost.Web.Tests.Infrastructure.Api;

namespace Bookpost.Web.Tests.Security;

/// Finding 2: a database first started with demo data kept demo-admin … demo-point usable, with the password the README
/// prints, after a restart with demo data off.
public abstract class DemoAccountsTests(BookpostApp app)
{
    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string user) =>
        client.PostJsonAsync("/api/v1/auth/token", new { username = user, password = BookpostApp.Password });

    [DbFact]
    public async Task RestartWithDemoOff_DisablesTheDemoAccounts_AndTheirTokens_AndSaysSoInTheLog()
    {
        app.ForgetTokens(); // another test of this class may have changed the stamps
        using var before = await app.ClientAsync("demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/me", Ct)).StatusCode);

        // The same database, started again with Demo:Enabled=false.
        var log = new CapturedLog();
        await using (var off = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Demo:Enabled", "false");
            b.ConfigureLogging(l => l.AddProvider(log));
        }))
        {
            using var client = off.CreateClient();
            foreach (var user in DemoOptions.AccountNames)
                Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, user)).StatusCode);
            Assert.Contains(log.Lines, l => l.Contains($"disabled {DemoOptions.AccountNames.Count} demo accounts", StringComparison.Ordinal));
        }
        // The token issued before the restart is dead too (new security stamp), on either host.
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.True(app.WithDb(db => db.Users.Where(u => DemoOptions.AccountNames.Contains(u.UserName!)).All(u => u.IsDisabled)));
        // The first administrator is no demo account: untouched.
        Assert.False(app.WithDb(db => db.Users.Single(u => u.UserName == "admin").IsDisabled));

        // Demo data on again: the demo accounts come back.
        await using (var on = app.WithWebHostBuilder(_ => { }))
        {
            using var client = on.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "demo-admin")).StatusCode);
            app.ForgetTokens();
        }
    }

    [DbFact]
    public void DemoOn_OutsideDevelopment_WithTheDefaultPassword_RefusesToStart()
    {
        using var production = app.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Demo:Password", DemoOptions.DefaultPassword);
        });
        var error = Assert.ThrowsAny<Exception>(() => production.Server);
        Assert.Contains("Demo:Password", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Development", error.ToString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task DemoOn_OutsideDevelopment_WithAnotherPassword_Starts()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = production.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
    }

    [DbFact]
    public async Task FirstStartedInDevelopment_ThenProductionWithAnotherPassword_TheOldPasswordAndTokensNoLongerWork()
    {
        const string Configured = "Another-Pass-2026x";
        app.ForgetTokens(); // another test of this class may have changed the stamps
        using var before = await app.ClientAsync("demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/me", Ct)).StatusCode);
        try
        {
            await using var production = app.WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("Demo:Password", Configured);
            });
            using var client = production.CreateClient();
            foreach (var user in DemoOptions.AccountNames)
                Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, user)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/auth/token",
                new { username = "demo-admin", password = Configured })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/me", Ct)).StatusCode);
        }
        finally
        {
            // The class's other tests sign in with the test host's password: set it back the same way.
            await using var back = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
            using var client = back.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "demo-admin")).StatusCode);
        }
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IEnumerable<string> Lines => _lines;
        public ILogger CreateLogger(string categoryName) => new Logger(_lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) => lines.Enqueue(formatter(state, exception));
        }
    }
}

public sealed class DemoAccountsTestsOnSqlite(SqliteApp app) : DemoAccountsTests(app), IClassFixture<SqliteApp>;

public sealed class DemoAccountsTestsOnPostgres(PostgresApp app) : DemoAccountsTests(app), IClassFixture<PostgresApp>;
