using Microsoft.Extensions.Options;

namespace Bookpost.Web.Infrastructure.Operations;

/// One partition of a year-partitioned table, where it is (public: attached; archive: detached) and its size.
public sealed record PartitionInfo(string Table, string Name, string Schema, int? Year, long Rows, long Bytes);

/// <summary>
/// The year partitions of the big event tables on PostgreSQL (migration <c>Partitions</c>): Loans by LentAt,
/// AccessSessions by StartedAt, AuditEntries by At, a year in Vietnam's time. SQLite keeps plain tables, so everything
/// here does nothing there.
/// </summary>
/// <remarks>
/// Each table has a DEFAULT partition, so no row is ever refused for lack of a partition; the partitions of this year and
/// next are made ahead (at start and daily), and a year that turned up in the default partition (a clock set wrong,
/// history typed in late) gets its own partition the next time, its rows moved into it. A past year can be detached
/// into the schema <c>archive</c> (<see cref="ArchiveAsync"/>): it leaves the app's queries and the nightly dumps' hot
/// tables, and stays readable there.
/// </remarks>
public static class YearPartitions
{
    public const string ArchiveSchema = "archive";

    /// The partitioned tables and their partition columns, as the migration made them.
    public static readonly IReadOnlyList<(string Table, string Column)> Tables =
        [("Loans", "LentAt"), ("AccessSessions", "StartedAt"), ("AuditEntries", "At")];

    // Years found in a default partition further than this from today stay there (year 1, year 9999): a partition per
    // such year would only multiply empty tables.
    private const int YearsBack = 50;

    /// Makes the partitions of this year and next, and of any recent year whose rows sit in a default partition.
    /// Idempotent and safe from two instances at once (the SQL function locks the table and checks again).
    public static async Task<IReadOnlyList<string>> EnsureAheadAsync(AppDbContext db, int thisYear, CancellationToken ct)
    {
        var made = new List<string>();
        if (!db.Database.IsNpgsql()) return made;
        foreach (var (table, column) in Tables)
        {
            // Names come from the fixed list above, never from input.
            var strayYears = $"SELECT DISTINCT extract(year FROM \"{column}\" AT TIME ZONE INTERVAL '07:00')::integer AS \"Value\" "
                + $"FROM public.\"{table}_default\"";
            var stray = await db.Database.SqlQueryRaw<int>(strayYears).ToListAsync(ct);
            var years = stray.Where(y => y >= thisYear - YearsBack && y <= thisYear + 1).Append(thisYear).Append(thisYear + 1)
                .Distinct().Order();
            foreach (var year in years)
            {
                var created = await db.Database.SqlQuery<bool>(
                    $"SELECT bookpost_ensure_year_partition({table}, {column}, {year}) AS \"Value\"").SingleAsync(ct);
                if (created) made.Add($"{table}_{year}");
            }
        }
        return made;
    }

    /// Every partition of the three tables, attached or archived, with its row estimate and size on disk.
    public static async Task<IReadOnlyList<PartitionInfo>> ListAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return [];
        var rows = await db.Database.SqlQueryRaw<PartitionRow>("""
            SELECT n.nspname AS "Schema", c.relname AS "Name", greatest(c.reltuples, 0)::bigint AS "Rows",
                   pg_total_relation_size(c.oid) AS "Bytes"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname IN ('public', 'archive')
              AND c.relname ~ '^(Loans|AccessSessions|AuditEntries)_([0-9]+|default)$'
            ORDER BY 2
            """).ToListAsync(ct);
        return rows.Select(r =>
        {
            var cut = r.Name.LastIndexOf('_');
            int? year = int.TryParse(r.Name[(cut + 1)..], out var y) ? y : null;
            return new PartitionInfo(r.Name[..cut], r.Name, r.Schema, year, r.Rows, r.Bytes);
        }).ToList();
    }

    /// The years detached into the archive (those whose loans partition is there), for pages that would otherwise show
    /// an archived year as a year without activity.
    public static async Task<IReadOnlySet<int>> ArchivedYearsAsync(AppDbContext db, CancellationToken ct) =>
        (await ListAsync(db, ct)).Where(p => p.Schema == ArchiveSchema && p.Year is not null).Select(p => p.Year!.Value).ToHashSet();

    /// <summary>
    /// Detaches the year's partitions of the three tables into the schema <c>archive</c>, in one transaction. Refused
    /// (with the reason, "vi / en", and nothing changed) for this year or a later one, a year without partitions, one
    /// already archived, or a year that still has an open loan or session (they would vanish from the desk). The
    /// archived audit entries keep their append-only trigger.
    /// </summary>
    public static async Task<string?> ArchiveAsync(AppDbContext db, int year, int thisYear, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return "Chỉ PostgreSQL có phân vùng theo năm (Database:Provider) / Only PostgreSQL has year partitions (Database:Provider)";
        if (year >= thisYear)
            return $"Chỉ lưu trữ được năm đã qua, trước {thisYear} / Only a past year (before {thisYear}) can be archived";
        var all = await ListAsync(db, ct);
        var attached = Tables.Where(t => all.Any(p => p.Name == $"{t.Table}_{year}" && p.Schema == "public")).ToList();
        if (attached.Count == 0)
            return all.Any(p => p.Year == year && p.Schema == ArchiveSchema)
                ? $"Năm {year} đã được lưu trữ / Year {year} is archived already"
                : $"Không có phân vùng của năm {year} / There is no partition for year {year}";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The tables in the order a loan's save takes them, so the wait for running saves cannot turn into a deadlock
        // with one of them; no new open loan or session can appear in a past year once they are held.
        await db.Database.ExecuteSqlRawAsync(
            "LOCK TABLE \"Loans\", \"AccessSessions\", \"AuditEntries\" IN SHARE ROW EXCLUSIVE MODE", ct);
        var (from, to) = (YearStartUtc(year), YearStartUtc(year + 1));
        var openLoans = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::integer AS \"Value\" FROM \"OpenLoans\" WHERE \"LentAt\" >= {from} AND \"LentAt\" < {to}").SingleAsync(ct);
        var openSessions = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::integer AS \"Value\" FROM \"OpenAccessSessions\" WHERE \"StartedAt\" >= {from} AND \"StartedAt\" < {to}")
            .SingleAsync(ct);
        if (openLoans + openSessions > 0)
            return $"Năm {year} còn {openLoans} lượt mượn chưa trả và {openSessions} phiên máy chưa kết thúc; hãy đóng chúng trước"
                + $" / Year {year} still has {openLoans} open loans and {openSessions} open sessions; close them first";

        await db.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS {ArchiveSchema}", ct);
        foreach (var (table, _) in attached)
        {
            // The table names come from the fixed list and the year is a number: nothing of the input is spliced in.
            var detach = $"ALTER TABLE \"{table}\" DETACH PARTITION \"{table}_{year}\"; "
                + $"ALTER TABLE \"{table}_{year}\" SET SCHEMA {ArchiveSchema}";
            await db.Database.ExecuteSqlRawAsync(detach, ct);
        }
        // A detached partition loses the triggers it had from its parent: the archived audit stays append-only.
        if (attached.Any(t => t.Table == "AuditEntries"))
        {
            var guard = $"""
                CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {ArchiveSchema}."AuditEntries_{year}"
                    FOR EACH ROW EXECUTE FUNCTION bookpost_audit_append_only()
                """;
            await db.Database.ExecuteSqlRawAsync(guard, ct);
        }
        await tx.CommitAsync(ct);
        return null;
    }

    /// The instant a Vietnamese year begins, as the migration's bookpost_year_start draws the partitions' bounds.
    public static DateTime YearStartUtc(int year) => new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-7);

    private sealed class PartitionRow
    {
        public string Schema { get; init; } = "";
        public string Name { get; init; } = "";
        public long Rows { get; init; }
        public long Bytes { get; init; }
    }
}

/// Makes the coming year's partitions ahead, once a day, on one instance (the "partitions" lease). The start-up task
/// does the same at every start, so this matters only for an app that runs across New Year.
public sealed class PartitionWorker(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock,
    IOptions<DatabaseOptions> options, ILogger<PartitionWorker> log) : BackgroundService
{
    public const string Lease = "partitions";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Postgres) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// One round: false when another instance holds the lease (it does the work) or the round failed.
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (!await leases.TryTakeAsync(Lease, TimeSpan.FromMinutes(10), ct)) return false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var made = await YearPartitions.EnsureAheadAsync(db, clock.Today().Year, ct);
            if (made.Count > 0) log.LogInformation("Partitions made ahead: {Partitions}", string.Join(", ", made));
            AppMetrics.JobDone("partitions", ok: true);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            log.LogError(e, "Making the year partitions ahead failed; it runs again tomorrow (rows land in the default partition)");
            AppMetrics.JobDone("partitions", ok: false);
            return false;
        }
        finally
        {
            await leases.ReleaseAsync(Lease, CancellationToken.None);
        }
    }
}

public static class PartitionsModule
{
    /// The partitions made ahead at start (after the seeders, so history they wrote moves out of the default partition)
    /// and daily.
    public static IServiceCollection AddPartitions(this IServiceCollection services)
    {
        services.AddStartupTask(990, StartupWhen.Always, (sp, ct) =>
            YearPartitions.EnsureAheadAsync(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<TimeProvider>().Today().Year, ct));
        services.AddSingleton<PartitionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionWorker>());
        return services;
    }
}
