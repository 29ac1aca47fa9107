using System.Reflection;
using Bookpost.Web.Infrastructure.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Operations.Pages;

/// The operations page ("Vận hành") for Admin: which instance answered, its build, the database and its migrations,
/// the readiness checks, the background work held by leases, the last backups and the replica. It shows no reader,
/// attendee or any other personal data: only the app's own running state.
[Authorize(Policy = "Admin")]
public sealed class OperationsModel(
    AppDbContext db, AppInstance instance, JobLeases leases, IReplicaStatus replica, HealthCheckService health,
    IOptions<MetricsOptions> metrics, IOptions<DatabaseOptions> database, TimeProvider clock) : PageModel
{
    public string Instance => instance.Id;
    public string Version { get; } = typeof(AppInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
        ?.InformationalVersion ?? "?";
    public DateTime StartedAt { get; } = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
    public DateTime Now { get; private set; }
    public string Provider { get; private set; } = "";
    public string? ServerVersion { get; private set; }
    public bool SharedFiles => !string.IsNullOrWhiteSpace(database.Value.SharedDirectory);
    public IReadOnlyList<string> Applied { get; private set; } = [];
    public IReadOnlyList<string> Pending { get; private set; } = [];
    public HealthReport? Readiness { get; private set; }
    public IReadOnlyList<JobLease> Leases { get; private set; } = [];
    public IReadOnlyList<BackupRun> Backups { get; private set; } = [];
    public ReplicaState Replica { get; private set; } = ReplicaState.NotConfigured;
    public MetricsOptions Metrics => metrics.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var postgres = db.Database.IsNpgsql();
        Provider = postgres ? "PostgreSQL" : "SQLite";
        ServerVersion = await db.Database.SqlQueryRaw<string>(postgres ? "SELECT current_setting('server_version') AS \"Value\""
            : "SELECT sqlite_version() AS \"Value\"").SingleAsync(ct);
        Applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        Pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        Readiness = await health.CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.ReadyTag), ct);
        Leases = await leases.HeldAsync(ct);
        Backups = await db.BackupRuns.AsNoTracking().OrderByDescending(b => b.StartedAt).Take(10).ToListAsync(ct);
        Replica = replica.Current;
    }

    /// A lease's work in words: "import:12" is the import job 12; a name the page does not know is shown as it is.
    public string LeaseWork(Text text, string name)
    {
        var (kind, rest) = name.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (name[..i], name[(i + 1)..]) : (name, "");
        var key = $"Operations.Lease.{kind}";
        if (!Text.All.ContainsKey(key)) return name;
        return rest.Length == 0 ? text[key] : $"{text[key]} ({rest})";
    }

    public static string Badge(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "text-bg-success",
        HealthStatus.Degraded => "text-bg-warning",
        _ => "text-bg-danger",
    };

    /// Bytes in the unit a person reads: "1,5 GB".
    public static string Size(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("vi")) + " " + units[unit];
    }

    /// "3 ngày 4 giờ", "12 phút", "45 giây": how long, in the largest two units that say it.
    public static string Span(Text text, TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return text.Format("Operations.DaysHours", (int)span.TotalDays, span.Hours);
        if (span.TotalHours >= 1) return text.Format("Operations.HoursMinutes", (int)span.TotalHours, span.Minutes);
        if (span.TotalMinutes >= 1) return text.Format("Operations.Minutes", (int)span.TotalMinutes);
        return text.Format("Operations.Seconds", (int)span.TotalSeconds);
    }
}
