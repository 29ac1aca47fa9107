using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Operations.Backups;

/// The daily backup: once a day after Backup:Hour (Vietnam time) into Backup:Directory/bookpost-YYYYMMDD-HHMM, under the
/// "backup" lease so that with several instances one takes it. A day whose backup failed is tried again an hour later;
/// an app that was down at the hour takes the day's backup when it comes back. After a success the oldest backups of
/// the folder beyond Backup:Keep are deleted (only folders this service made and that hold a manifest).
public sealed class ScheduledBackup(IOptions<BackupOptions> options, BackupWriter writer, JobLeases leases, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<ScheduledBackup> log) : BackgroundService
{
    public const string Lease = "backup";
    public const string Prefix = "bookpost-";
    private static readonly TimeSpan s_retry = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_lease = TimeSpan.FromHours(2);
    private readonly SemaphoreSlim _one = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The scheduled backup check failed");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// The last moment the day's backup became due: today at the hour, or yesterday's when the hour has not come yet.
    public DateTime LastSlotUtc()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = VnTime.StartOfDayUtc(VnTime.DayOf(now)).AddHours(options.Value.Hour);
        return slot <= now ? slot : slot.AddDays(-1);
    }

    /// Takes the backup when one is due; null when none was (not configured, not due, or another instance holds it).
    public async Task<BackupResult?> RunIfDueAsync(CancellationToken ct)
    {
        if (!options.Value.Scheduled) return null;
        await _one.WaitAsync(ct);
        try
        {
            if (!await DueAsync(ct) || !await leases.TryTakeAsync(Lease, s_lease, ct)) return null;
            try
            {
                // Another instance may have finished it between the check and the lease.
                if (!await DueAsync(ct)) return null;
                var root = Path.GetFullPath(options.Value.Directory!);
                var name = Prefix + VnTime.ToLocal(clock.GetUtcNow().UtcDateTime)
                    .ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
                var target = Path.Combine(root, name);
                for (var n = 2; Directory.Exists(target); n++) target = Path.Combine(root, $"{name}-{n}");
                var result = await writer.CreateAsync(target, BackupTrigger.Scheduled, ct);
                if (result.Ok) Prune(root);
                else log.LogError("The scheduled backup failed: {Message}", result.Message);
                return result;
            }
            finally
            {
                await leases.ReleaseAsync(Lease, CancellationToken.None);
            }
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<bool> DueAsync(CancellationToken ct)
    {
        var slot = LastSlotUtc();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var runs = db.BackupRuns.AsNoTracking().Where(r => r.Trigger == BackupTrigger.Scheduled && r.StartedAt >= slot);
        if (await runs.AnyAsync(r => r.Succeeded, ct)) return false;
        var lastFailure = await runs.Where(r => !r.Succeeded).MaxAsync(r => (DateTime?)r.StartedAt, ct);
        return lastFailure is null || clock.GetUtcNow().UtcDateTime - lastFailure >= s_retry;
    }

    /// The folders this service names: bookpost-YYYYMMDD-HHMM, with "-N" when a second one was made the same minute.
    private static readonly System.Text.RegularExpressions.Regex s_made =
        new(@"^bookpost-(?<at>[0-9]{8}-[0-9]{4})(?:-(?<n>[0-9]{1,9}))?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// Deletes the oldest complete backups beyond Keep. Only folders named as this service names them (and holding a
    /// manifest) count, newest by the date in the name: a folder someone made by hand in the same place, even one
    /// called bookpost-…, is never deleted and never pushes one of ours out.
    private void Prune(string root)
    {
        var made = new List<(string Folder, DateTime At, int N)>();
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var match = s_made.Match(Path.GetFileName(folder));
            if (!match.Success || !File.Exists(Path.Combine(folder, BackupManifest.FileName))
                || !DateTime.TryParseExact(match.Groups["at"].Value, "yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var at))
                continue;
            made.Add((folder, at, match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value,
                System.Globalization.CultureInfo.InvariantCulture) : 1));
        }
        foreach (var old in made.OrderByDescending(m => m.At).ThenByDescending(m => m.N).Skip(options.Value.Keep).Select(m => m.Folder))
        {
            try
            {
                Directory.Delete(old, recursive: true);
                log.LogInformation("Deleted the old backup {Directory}", old);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Could not delete the old backup {Directory}", old);
            }
        }
    }
}
