using System.Globalization;

namespace Bookpost.Web.Infrastructure.Operations;

/// <summary>
/// <c>archive-partitions YEAR</c>: detaches a past year's partitions of Loans, AccessSessions and AuditEntries into the
/// schema <c>archive</c> (PostgreSQL only); <c>archive-partitions --list</c> shows every partition, attached or archived,
/// with its rows and size. Exit codes: 0 done, 1 refused (nothing changed), 2 wrong usage.
/// </summary>
public static class ArchivePartitionsCommand
{
    public const string Verb = "archive-partitions";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        // Only the word after the verb is read: the rest of the line holds settings (--Database:Provider=…).
        var list = args.Length >= 2 && args[1] == "--list";
        var year = 0;
        if (!list && (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            || year is < 1 or > 9999))
        {
            output.WriteLine("usage: archive-partitions YEAR | archive-partitions --list");
            output.WriteLine("Năm phải là số từ 1 đến 9999 / YEAR must be a number from 1 to 9999");
            return 2;
        }
        if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider
            != DatabaseProvider.Postgres)
        {
            output.WriteLine("Chỉ PostgreSQL có phân vùng theo năm; SQLite giữ bảng thường (Database:Provider)"
                + " / Only PostgreSQL has year partitions; SQLite keeps plain tables (Database:Provider)");
            return 1;
        }

        await services.InitializeDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (list)
        {
            foreach (var p in await YearPartitions.ListAsync(db, ct))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Schema}.{p.Name}\t{p.Rows} rows\t{p.Bytes / 1024} kB"));
            return 0;
        }
        var thisYear = services.GetRequiredService<TimeProvider>().Today().Year;
        if (await YearPartitions.ArchiveAsync(db, year, thisYear, ct) is { } refused)
        {
            output.WriteLine(refused);
            return 1;
        }
        output.WriteLine($"Đã chuyển năm {year} vào lược đồ {YearPartitions.ArchiveSchema} / Year {year} moved to schema "
            + $"{YearPartitions.ArchiveSchema}: " + string.Join(", ", YearPartitions.Tables.Select(t => $"{t.Table}_{year}")));
        return 0;
    }
}
