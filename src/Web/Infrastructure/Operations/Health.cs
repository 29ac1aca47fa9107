using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bookpost.Web.Infrastructure.Operations;

/// The health endpoints as orchestrators and load balancers use them, each answering JSON (200 when healthy or
/// degraded, 503 when not):
/// <list type="bullet">
/// <item><c>/health/live</c>: the process answers; no check, no database (a restart is the only cure for a failure).</item>
/// <item><c>/health/ready</c>: every check tagged <see cref="ReadyTag"/>: the database reachable, no migration
/// pending, and whatever another part adds with the tag (the replica's lag); a failure takes the instance out of the
/// balancer's rotation without restarting it.</item>
/// <item><c>/health</c>: every check (kept from before for existing monitors and scripts).</item>
/// </list>
public static class HealthEndpoints
{
    /// The tag of the checks /health/ready runs: <c>AddHealthChecks().AddCheck&lt;X&gt;("name", tags: [HealthEndpoints.ReadyTag])</c>.
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<MigrationsState>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        // Liveness without touching the database: for probes, and the ceiling in benchmarks.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready",
                new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    /// {"status":"Unhealthy","checks":{"database":"Healthy","migrations":"Unhealthy"},"problems":{"migrations":"…"}}:
    /// the shape /health always had, plus the reason of each failing check as the check itself worded it. An exception's
    /// message is left out (it may name hosts or paths to an anonymous caller); the log has it.
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy && e.Value.Exception is null
                && !string.IsNullOrEmpty(e.Value.Description))
            .ToDictionary(e => e.Key, e => e.Value.Description);
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            problems = problems.Count == 0 ? null : problems,
        }, s_json));
    }

    private static readonly JsonSerializerOptions s_json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is unreachable.");
}

/// Remembers that the database had every migration this build knows: a running instance's schema does not fall behind,
/// so later probes need no query for it.
internal sealed class MigrationsState
{
    public volatile bool UpToDate;
}

/// Healthy when the database has every migration this build knows. Normally the start applies them before the server
/// listens; an instance that answers while they are pending (another instance is migrating, or the start failed half
/// way) must not take requests.
internal sealed class MigrationsHealthCheck(AppDbContext db, MigrationsState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (state.UpToDate) return HealthCheckResult.Healthy();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            state.UpToDate = true;
            return HealthCheckResult.Healthy();
        }
        return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending, first {pending[0]}.");
    }
}
