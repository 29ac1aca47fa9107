using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Bookpost.Web.Infrastructure.Operations;

/// Settings of /metrics (section "Metrics").
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// Whether /metrics answers at all (404 when off) and the database commands are timed.
    public bool Enabled { get; set; } = true;

    /// Who may read /metrics: addresses or networks in CIDR form, separated by commas or spaces ("127.0.0.1/32,
    /// 10.0.5.0/24, ::1"). Everyone else gets 403. The default is this machine only.
    public string AllowedAddresses { get; set; } = "127.0.0.0/8, ::1/128";
}

/// An address list of /metrics, parsed once. A request with no remote address (an in-process test server) matches none.
public sealed class MetricsClients
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    public MetricsClients(IOptions<MetricsOptions> options)
    {
        _networks = TryParse(options.Value.AllowedAddresses, out var networks, out _) ? networks : [];
    }

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; the list names it as a.b.c.d.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    private static IPAddress Masked(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }

    /// Reads "a.b.c.d/n, x::/m, a.b.c.d" (a lone address is its own /32 or /128). False with the first bad entry named.
    public static bool TryParse(string? text, out List<IPNetwork> networks, out string? bad)
    {
        networks = [];
        bad = null;
        foreach (var entry in (text ?? "").Split([',', ' ', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var single))
                networks.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            // "10.0.5.20/24" names the network 10.0.5.0/24 the way people write it; IPNetwork wants the host bits zero.
            else if (entry.Split('/') is [var host, var prefix] && IPAddress.TryParse(host, out var address)
                && int.TryParse(prefix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                    out var length)
                && length <= address.GetAddressBytes().Length * 8)
                networks.Add(new IPNetwork(Masked(address, length), length));
            else
            {
                bad = entry;
                return false;
            }
        }
        return true;
    }
}

/// Refuses to start on an address list that is not one, naming the setting (a typo must not open /metrics to everyone
/// or close it silently).
internal sealed class ValidateMetricsOptions : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        MetricsClients.TryParse(options.AllowedAddresses, out _, out var bad)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:AllowedAddresses: \"{bad}\" không phải địa chỉ hay mạng CIDR / " +
                "is not an address or a CIDR network (e.g. 127.0.0.1/32, 10.0.5.0/24, ::1).");
}

/// Times every database command EF Core runs (reads, saves, migrations) into <see cref="AppMetrics.DbCommandDuration"/>,
/// by provider only: the SQL text, its parameters and the tables stay out of the labels.
public sealed class DbCommandTimer : DbCommandInterceptor
{
    private static readonly KeyValuePair<string, object?> s_sqlite = new("provider", "sqlite");
    private static readonly KeyValuePair<string, object?> s_postgres = new("provider", "postgresql");
    private static readonly KeyValuePair<string, object?> s_ok = new("result", "ok");
    private static readonly KeyValuePair<string, object?> s_failed = new("result", "failed");

    private static void Record(DbCommand command, TimeSpan duration, bool ok)
    {
        if (!AppMetrics.DbCommandDuration.Enabled) return;
        var provider = command is Microsoft.Data.Sqlite.SqliteCommand ? s_sqlite : s_postgres;
        AppMetrics.DbCommandDuration.Record(duration.TotalSeconds, provider, ok ? s_ok : s_failed);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData.Duration, true);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, true);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData.Duration, true);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, true);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData.Duration, true);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, true);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Record(command, eventData.Duration, false);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, false);
        return Task.CompletedTask;
    }
}

public static class MetricsModule
{
    /// The meters exported: requests by route and status (ASP.NET Core's own), Kestrel's connections, the runtime (GC,
    /// thread pool, CPU) and the app's <see cref="AppMetrics"/>.
    public static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", AppMetrics.MeterName];

    /// Registers the exporter and the command timer when <c>Metrics:Enabled</c> is on; the settings are checked at start
    /// either way.
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        s.AddSingleton<IValidateOptions<MetricsOptions>, ValidateMetricsOptions>();
        s.AddSingleton<MetricsClients>();
        s.AddSingleton<IReplicaStatus, ReplicaMonitorStatus>();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled) return builder;

        // Each context type keeps its own options (pooled contexts included), so the timer is added to both providers'.
        var timer = new DbCommandTimer();
        s.ConfigureDbContext<SqliteAppDbContext>((_, o) => o.AddInterceptors(timer));
        s.ConfigureDbContext<PostgresAppDbContext>((_, o) => o.AddInterceptors(timer));
        s.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter(Meters)
            // Seconds, not the SDK's default buckets (made for milliseconds): most commands take well under 10 ms.
            .AddView(AppMetrics.DbCommandDuration.Name, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            })
            .AddView(AppMetrics.GroupCommitSize.Name, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256],
            })
            // A scrape reads the figures of that moment: the exporter's short cache would hand a second reader (two
            // Prometheus servers, or a test right after a request) the figures of the first.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// /metrics in Prometheus' text format, for the listed addresses only (403 for others), not behind a sign-in: a
    /// scraper has no account. Absent (404) when metrics are off.
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return app;
        var clients = app.ServiceProvider.GetRequiredService<MetricsClients>();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch => branch.Use((http, next) =>
        {
            if (clients.Allows(http.Connection.RemoteIpAddress)) return next(http);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync("403: địa chỉ này không được đọc /metrics (Metrics:AllowedAddresses) / " +
                "this address may not read /metrics\n");
        }), optionsName: null).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
