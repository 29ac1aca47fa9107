using Bookpost.Marc;

namespace Bookpost.Web.Features.Catalog;

/// The command-line verb: dotnet run --project src/Web -- import-marc FILE [--library CODE] [--encoding auto|utf8|marc8|tcvn3|vni|viscii]
/// [--items 952|852|none|copies:N]. Runs the same importer as the background job, prints the same summary, and exits
/// non-zero when the file could not be read at all. Re-running it on the same file resumes an import that was killed.
public static class ImportCommand
{
    public const string Verb = "import-marc";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            output.WriteLine("usage: import-marc FILE [--library CODE] [--encoding auto|utf8|marc8|tcvn3|vni|viscii]"
                + " [--items 952|852|none|copies:N]");
            return 2;
        }
        var path = Path.GetFullPath(args[1]);
        if (!File.Exists(path))
        {
            output.WriteLine($"Không tìm thấy tệp / File not found: {path}");
            return 1;
        }
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (!TryParseEncoding(Option("--encoding") ?? "auto", out var encoding)
            || !TryParseItems(Option("--items") ?? "952", out var items, out var copies))
        {
            output.WriteLine("Invalid --encoding or --items value.");
            return 2;
        }

        await services.InitializeDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var length = new FileInfo(path).Length;
        // The same file, not finished: resume that job rather than start a second one.
        var job = await db.ImportJobs.Where(j => j.FileName == path && j.TotalBytes == length
                && (j.Status == ImportJobStatus.Running || j.Status == ImportJobStatus.Queued))
            .OrderByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        int jobId;
        if (job is not null)
        {
            output.WriteLine($"Tiếp tục lần nhập #{job.Id} sau bản ghi {job.LastOrdinal}"
                + $" / Resuming import #{job.Id} after record {job.LastOrdinal}");
            jobId = job.Id;
        }
        else
        {
            await using var file = File.OpenRead(path);
            var started = await sp.GetRequiredService<StartImport>().HandleAsync(file,
                new StartImportRequest(path, Option("--library"), encoding, items, copies), UserScope.System, enqueue: false, ct);
            if (!started.IsOk)
            {
                foreach (var (field, messages) in started.Errors) output.WriteLine($"{field}: {string.Join(" ", messages)}");
                return 1;
            }
            jobId = started.Value!.Id;
            // Keep the command's own path, so a re-run can find the job to resume.
            await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u.SetProperty(j => j.FileName, path), ct);
        }

        var progress = new Progress<ImportJob>(j =>
            output.WriteLine($"  … {j.LastOrdinal} records, {j.Imported} new, {j.Updated} updated, {j.Skipped} skipped"));
        // Under the job's lease, as the app's workers run it: if an app instance is running this job, wait for it (it
        // finishes the job, or dies and its lease runs out) rather than write beside it.
        var runner = sp.GetRequiredService<ImportRunner>();
        var waited = false;
        while (!await runner.RunAsync(jobId, progress, ct))
        {
            if (await db.ImportJobs.AsNoTracking().AnyAsync(j => j.Id == jobId
                    && (j.Status == ImportJobStatus.Completed || j.Status == ImportJobStatus.Failed), ct)) break;
            if (!waited && await runner.HeldElsewhereAsync(db, jobId, ct) is { } held)
                output.WriteLine($"Lần nhập #{jobId} đang chạy ở máy chủ {held.Owner}; chờ / Import #{jobId} is running on " +
                    $"instance {held.Owner}; waiting for it");
            waited = true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        var done = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        var dto = done.ToDto(await db.IssuesStoredAsync(jobId, ct));
        output.WriteLine($"Nhập #{dto.Id} / Import #{dto.Id}: {dto.Status}");
        output.WriteLine($"  imported {dto.Imported}, updated {dto.Updated}, skipped {dto.Skipped}, copies {dto.ItemsCreated}"
            + $", warnings {dto.Warnings}" + (dto.IssuesNotStored > 0 ? $", issues not stored {dto.IssuesNotStored}" : ""));
        var skipped = await db.ImportIssues.Where(i => i.JobId == jobId && i.Skipped).OrderBy(i => i.Ordinal).Take(20).ToListAsync(ct);
        foreach (var issue in skipped) output.WriteLine($"  record {issue.Ordinal} at byte {issue.Offset}: {issue.Message}");
        if (done.Failure is not null) output.WriteLine($"  {done.Failure}");
        var unreadable = done.Status == ImportJobStatus.Failed
            || (done.Imported + done.Updated == 0 && done.Skipped > 0)
            || done.LastOrdinal == 0;
        return unreadable ? 1 : 0;
    }

    private static bool TryParseEncoding(string value, out MarcEncoding encoding)
    {
        encoding = value.ToLowerInvariant() switch
        {
            "auto" => MarcEncoding.Auto, "utf8" or "utf-8" => MarcEncoding.Utf8, "marc8" or "marc-8" => MarcEncoding.Marc8,
            "tcvn3" => MarcEncoding.Tcvn3, "vni" => MarcEncoding.Vni, "viscii" => MarcEncoding.Viscii,
            "windows1252" or "windows-1252" or "cp1252" => MarcEncoding.Windows1252, _ => (MarcEncoding)(-1),
        };
        return Enum.IsDefined(encoding);
    }

    private static bool TryParseItems(string value, out ItemSource source, out int copies)
    {
        copies = 1;
        source = ItemSource.Holdings952;
        switch (value.ToLowerInvariant())
        {
            case "952": return true;
            case "852": source = ItemSource.Holdings852; return true;
            case "none": source = ItemSource.None; return true;
        }
        source = ItemSource.Copies;
        return value.StartsWith("copies:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(
                value[7..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out copies)
            && copies is >= 1 and <= 100;
    }
}
