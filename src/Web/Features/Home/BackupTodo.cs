using Bookpost.Web.Infrastructure.Operations;
using Bookpost.Web.Infrastructure.Operations.Backups;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Home;

/// The administrator's line about backups: the last one (scheduled or by command), a warning when it failed or when
/// the scheduled backup has not succeeded for more than <see cref="LateDays"/> days, and a reminder when none is set.
public sealed class BackupTodo(AppDbContext db, IOptions<BackupOptions> options, TimeProvider clock, Text text)
{
    public const int LateDays = 2;

    public async Task<Todo> HandleAsync(CancellationToken ct)
    {
        var last = await db.BackupRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        var lastGood = await db.BackupRuns.AsNoTracking().Where(r => r.Succeeded).MaxAsync(r => (DateTime?)r.StartedAt, ct);
        var rows = new List<TodoRow>();
        if (last is not null)
        {
            var how = text[last.Trigger == BackupTrigger.Scheduled ? "Backup.ByScheduled" : "Backup.ByCommand"];
            rows.Add(last.Succeeded
                ? new TodoRow($"{VnTime.Show(last.StartedAt)} · {text.Format("Backup.Succeeded", Size(last.Bytes))}", Note: how)
                : new TodoRow($"{VnTime.Show(last.StartedAt)} · {text["Backup.Failed"]}", Note: $"{how} · {Short(last.Message)}"));
        }
        var failed = last is { Succeeded: false };
        var late = options.Value.Scheduled && (lastGood is null || clock.GetUtcNow().UtcDateTime - lastGood > TimeSpan.FromDays(LateDays))
            && last is not null;
        if (late && !failed) rows.Add(new TodoRow(text.Format("Backup.Late", LateDays)));
        var empty = options.Value.Scheduled ? text["Backup.None"] : text["Backup.NotScheduled"];
        return new Todo("backup", text["Backup.Title"], failed || late ? 1 : 0, "/Operations/Backups", text["Backup.Link"], rows, empty,
            Urgent: failed || late, IsFigure: true);
    }

    private static string Size(long bytes) =>
        (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " MB";

    private static string Short(string? message) =>
        message is null ? "" : message.Length <= 200 ? message : message[..200] + "…";
}
