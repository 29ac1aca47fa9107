using System.Data.Common;
using System.Globalization;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bookpost.Web.Features.Circulation;

/// A point's loans and returns of one day, split by the reader's sex. Reports add these up instead of reading every
/// loan: a year over 10 million loans took tens of seconds to group from the loans themselves.
[Infrastructure.Audit.NotAudited]
public sealed class LoanDay
{
    public int PointId { get; set; }
    public DateOnly Day { get; set; }
}

/// The same counters for one Decree 09 reporting month (cut-off day + 1 of the month before to the cut-off day), so
/// that a year is 12 rows a point instead of 365. <see cref="To"/> is kept with the row: rows cut at another cut-off
/// day are recognised at start and rebuilt from the days.
[Infrastructure.Audit.NotAudited]
public sealed class LoanMonth
{
    public int PointId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}

/// The loan rollups: kept by <see cref="AppDbContext"/> in the transaction of every save that lends or takes back a
/// copy (whatever the path: the desk, its offline queue, a replay), and read by <see cref="CirculationIndicators"/>.
/// A new loan counts on its point and its day (in Vietnam's time); a return on the point and day it came back. The
/// sex is the reader's, read inside the same transaction; a correction of a reader's sex moves that reader's counts.
/// Renewals are not loans (the indicator counts lendings), and a transfer after a return moves a copy, not a loan.
public static class LoanRollups
{
    public const string DayTable = "LoanDays";
    public const string MonthTable = "LoanMonths";

    /// The counter columns, loans then returns, each by <see cref="Sex"/> in enum order.
    public static readonly string[] Counters =
    [
        .. Enum.GetNames<Sex>().Select(s => "Loans" + s),
        .. Enum.GetNames<Sex>().Select(s => "Returns" + s),
    ];

    public static readonly int Sexes = Enum.GetValues<Sex>().Length;

    /// One change to the counters: a number of loans or returns on a point's day, for one reader (whose sex the
    /// statement reads) or for one sex given outright.
    public readonly record struct Delta(int PointId, DateOnly Day, bool Return, int Count, int? ReaderId, Sex? Sex);

    /// What a save is about to change, from the tracked loans (new ones, and open ones being returned) and readers
    /// whose sex is corrected. Called before the save, on the caller's own flow; empty for almost every other save.
    internal static Pending? Collect(ChangeTracker tracker)
    {
        Pending? pending = null;
        foreach (var entry in tracker.Entries<Loan>())
        {
            var loan = entry.Entity;
            if (entry.State == EntityState.Added)
                (pending ??= new()).Add(new Delta(loan.PointId, VnTime.DayOf(loan.LentAt), false, 1, loan.ReaderId, null));
            if (entry.State is EntityState.Added or EntityState.Modified && loan.ReturnedAt is { } back
                && (entry.State == EntityState.Added || entry.Property(l => l.ReturnedAt).OriginalValue is null))
                (pending ??= new()).Add(new Delta(loan.ReturnedAtPointId ?? loan.PointId, VnTime.DayOf(back),
                    true, 1, loan.ReaderId, null));
        }
        foreach (var entry in tracker.Entries<Reader>())
        {
            if (entry.State != EntityState.Modified) continue;
            var sex = entry.Property(r => r.Sex);
            if (sex.OriginalValue != sex.CurrentValue)
                (pending ??= new()).Moves.Add((entry.Entity.Id, sex.OriginalValue, sex.CurrentValue));
        }
        return pending;
    }

    internal sealed class Pending
    {
        private readonly Dictionary<(int, DateOnly, bool, int), int> _byReader = [];
        public List<(int ReaderId, Sex From, Sex To)> Moves { get; } = [];

        public void Add(Delta d)
        {
            var key = (d.PointId, d.Day, d.Return, d.ReaderId!.Value);
            _byReader[key] = _byReader.GetValueOrDefault(key) + d.Count;
        }

        /// Sorted, so two transactions touch the rows they share in the same order.
        public IEnumerable<Delta> Deltas => _byReader.OrderBy(x => x.Key.Item1).ThenBy(x => x.Key.Item2).ThenBy(x => x.Key.Item3)
            .Select(x => new Delta(x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Value, x.Key.Item4, null));
    }

    /// Writes the pending changes inside the save's transaction, after the rows themselves.
    internal static async Task ApplyAsync(AppDbContext db, Pending pending, int cutoffDay, CancellationToken ct)
    {
        foreach (var d in pending.Deltas) await AddAsync(db, d, cutoffDay, ct);
        foreach (var (readerId, from, to) in pending.Moves)
        {
            // The reader's loans as they are now, inside the transaction: each moves from the old sex to the new.
            var rows = await db.Loans.AsNoTracking().Where(l => l.ReaderId == readerId)
                .Select(l => new { l.PointId, l.LentAt, l.ReturnedAt, l.ReturnedAtPointId }).ToListAsync(ct);
            var moves = new Dictionary<(int, DateOnly, bool), int>();
            foreach (var l in rows)
            {
                var lent = (l.PointId, VnTime.DayOf(l.LentAt), false);
                moves[lent] = moves.GetValueOrDefault(lent) + 1;
                if (l.ReturnedAt is { } back)
                {
                    var ret = (l.ReturnedAtPointId ?? l.PointId, VnTime.DayOf(back), true);
                    moves[ret] = moves.GetValueOrDefault(ret) + 1;
                }
            }
            foreach (var ((point, day, isReturn), n) in moves.OrderBy(m => m.Key))
            {
                await AddAsync(db, new Delta(point, day, isReturn, -n, null, from), cutoffDay, ct);
                await AddAsync(db, new Delta(point, day, isReturn, n, null, to), cutoffDay, ct);
            }
        }
    }

    /// Days whose reporting month exists (ReportingPeriods takes the years 1900–9998). The desk only takes dates near
    /// today, but rows loaded in bulk can hold any: a loan dated in year 1 or 9999 is left out of the counters when they
    /// are rebuilt, instead of stopping the start.
    internal static bool Reportable(DateOnly day) => day.Year is > 1900 and < 9998;

    /// The reporting month of a day under a cut-off day.
    public static Period MonthOf(DateOnly day, int cutoffDay)
    {
        var (year, month) = ReportingPeriods.Containing(PeriodKind.Month, day, calendar: false, cutoffDay);
        return ReportingPeriods.Resolve(PeriodKind.Month, year, month, calendar: false, cutoffDay);
    }

    private static readonly string s_columns = string.Join(", ", Counters.Select(c => $"\"{c}\""));

    private static string Upsert(string table, string key) =>
        $"ON CONFLICT ({key}) DO UPDATE SET "
            + string.Join(", ", Counters.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""));

    // For one reader: the counter of the reader's sex gets the count, the others zero, in one insert-or-add.
    private static string ByReader(string counterPrefix) => string.Join(", ", Counters.Select(c =>
        c.StartsWith(counterPrefix, StringComparison.Ordinal)
            ? $"CASE WHEN r.\"Sex\" = '{c[counterPrefix.Length..]}' THEN {{2}} ELSE 0 END" : "0"));

    private static string SqlByReader(bool month, bool isReturn)
    {
        var counters = ByReader(isReturn ? "Returns" : "Loans");
        return month
            ? $"INSERT INTO \"{MonthTable}\" (\"PointId\", \"From\", \"To\", {s_columns}) SELECT {{0}}, {{1}}, {{4}}, {counters} " +
              $"FROM \"Readers\" r WHERE r.\"Id\" = {{3}} " + Upsert(MonthTable, "\"PointId\", \"From\"")
            : $"INSERT INTO \"{DayTable}\" (\"PointId\", \"Day\", {s_columns}) SELECT {{0}}, {{1}}, {counters} " +
              $"FROM \"Readers\" r WHERE r.\"Id\" = {{3}} " + Upsert(DayTable, "\"PointId\", \"Day\"");
    }

    private static readonly string[,] s_byReader =
    {
        { SqlByReader(false, false), SqlByReader(false, true) },
        { SqlByReader(true, false), SqlByReader(true, true) },
    };

    private static async Task AddAsync(AppDbContext db, Delta d, int cutoffDay, CancellationToken ct)
    {
        // A day no reporting month holds (year 1 or 9999, only loaded in bulk) is left out, as the rebuild leaves it
        // out: returning such a loan or changing its reader's sex must not fail on it.
        if (!Reportable(d.Day)) return;
        var month = MonthOf(d.Day, cutoffDay);
        if (d.ReaderId is { } reader)
        {
            var r = d.Return ? 1 : 0;
            await db.Database.ExecuteSqlRawAsync(s_byReader[0, r], [d.PointId, d.Day, d.Count, reader], ct);
            await db.Database.ExecuteSqlRawAsync(s_byReader[1, r], [d.PointId, month.From, d.Count, reader, month.To], ct);
            return;
        }
        var values = new long[Counters.Length];
        values[(d.Return ? Sexes : 0) + (int)d.Sex!.Value] = d.Count;
        await AddValuesAsync(db, d.PointId, d.Day, values, ct);
        await AddMonthValuesAsync(db, d.PointId, month, values, ct);
    }

    private static string Placeholders(int first) => string.Join(", ", Enumerable.Range(first, Counters.Length).Select(i => $"{{{i}}}"));

    private static readonly string s_dayValues = $"INSERT INTO \"{DayTable}\" (\"PointId\", \"Day\", {s_columns}) " +
        $"VALUES ({{0}}, {{1}}, {Placeholders(2)}) " + Upsert(DayTable, "\"PointId\", \"Day\"");

    private static readonly string s_monthValues = $"INSERT INTO \"{MonthTable}\" (\"PointId\", \"From\", \"To\", {s_columns}) " +
        $"VALUES ({{0}}, {{1}}, {{2}}, {Placeholders(3)}) " + Upsert(MonthTable, "\"PointId\", \"From\"");

    private static Task AddValuesAsync(AppDbContext db, int pointId, DateOnly day, long[] values, CancellationToken ct)
    {
        var sql = s_dayValues;
        return db.Database.ExecuteSqlRawAsync(sql, [pointId, day, .. values.Cast<object>()], ct);
    }

    private static Task AddMonthValuesAsync(AppDbContext db, int pointId, Period month, long[] values, CancellationToken ct)
    {
        var sql = s_monthValues;
        return db.Database.ExecuteSqlRawAsync(sql, [pointId, month.From, month.To, .. values.Cast<object>()], ct);
    }

    /// Totals per point over a period, in <see cref="Counters"/> order: the whole reporting months inside the period
    /// from the monthly rows, the days before and after them from the daily rows.
    public static async Task<Dictionary<int, long[]>> SumAsync(AppDbContext db, Period period, int cutoffDay, CancellationToken ct)
    {
        var totals = new Dictionary<int, long[]>();
        var first = MonthOf(period.From, cutoffDay);
        if (first.From < period.From) first = MonthOf(first.To.AddDays(1), cutoffDay);
        var last = MonthOf(period.To, cutoffDay);
        if (last.To > period.To) last = MonthOf(last.From.AddDays(-1), cutoffDay);
        if (first.From <= last.From)
        {
            await SumIntoAsync(db, totals, MonthTable, "From", first.From, last.From, ct);
            if (period.From < first.From) await SumIntoAsync(db, totals, DayTable, "Day", period.From, first.From.AddDays(-1), ct);
            if (last.To < period.To) await SumIntoAsync(db, totals, DayTable, "Day", last.To.AddDays(1), period.To, ct);
        }
        else await SumIntoAsync(db, totals, DayTable, "Day", period.From, period.To, ct);
        return totals;
    }

    private static async Task SumIntoAsync(AppDbContext db, Dictionary<int, long[]> totals, string table, string column,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sums = string.Join(", ", Counters.Select(c => $"SUM(\"{c}\")"));
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"SELECT \"PointId\", {sums} FROM \"{table}\" "
                + $"WHERE \"{column}\" >= @from AND \"{column}\" <= @to GROUP BY \"PointId\"";
            Add(command, "@from", from);
            Add(command, "@to", to);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var point = reader.GetInt32(0);
                if (!totals.TryGetValue(point, out var values)) totals[point] = values = new long[Counters.Length];
                for (var i = 0; i < values.Length; i++)
                    if (!reader.IsDBNull(i + 1)) values[i] += Convert.ToInt64(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, DateOnly value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// At start: rebuilds the daily counters from the loans when there are none but loans exist (a database from before
    /// the rollups, or rows loaded in bulk), and the monthly ones from the days when they are missing or were cut at
    /// another cut-off day than the configured one.
    public static async Task EnsureAsync(AppDbContext db, int cutoffDay, CancellationToken ct)
    {
        var days = await db.LoanDays.AnyAsync(ct);
        if (!days && await db.Loans.AnyAsync(ct))
        {
            await RebuildAsync(db, cutoffDay, ct);
            return;
        }
        var month = await db.LoanMonths.OrderBy(m => m.PointId).Select(m => (DateOnly?)m.From).FirstOrDefaultAsync(ct);
        var wanted = month is { } from && MonthOf(from, cutoffDay).From == from;
        if (days && !wanted) await RebuildMonthsAsync(db, cutoffDay, ct);
    }

    /// Every counter again from the loans themselves.
    public static async Task RebuildAsync(AppDbContext db, int cutoffDay, CancellationToken ct)
    {
        var totals = new Dictionary<(int, DateOnly), long[]>();
        long[] At(int point, DateOnly day)
        {
            if (!totals.TryGetValue((point, day), out var v)) totals[(point, day)] = v = new long[Counters.Length];
            return v;
        }
        await foreach (var l in db.Loans.AsNoTracking().Join(db.Readers, l => l.ReaderId, r => r.Id,
                           (l, r) => new { l.PointId, l.LentAt, l.ReturnedAt, l.ReturnedAtPointId, r.Sex })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            At(l.PointId, VnTime.DayOf(l.LentAt))[(int)l.Sex]++;
            if (l.ReturnedAt is { } back) At(l.ReturnedAtPointId ?? l.PointId, VnTime.DayOf(back))[Sexes + (int)l.Sex]++;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LoanDays.ExecuteDeleteAsync(ct);
        await db.LoanMonths.ExecuteDeleteAsync(ct);
        await WriteAsync(db, totals, cutoffDay, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task RebuildMonthsAsync(AppDbContext db, int cutoffDay, CancellationToken ct)
    {
        var totals = new Dictionary<(int, DateOnly), long[]>();
        await foreach (var (point, day, values) in ReadDaysAsync(db, ct))
            totals[(point, day)] = values;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LoanMonths.ExecuteDeleteAsync(ct);
        await WriteAsync(db, totals, cutoffDay, ct, daysToo: false);
        await tx.CommitAsync(ct);
    }

    private static async IAsyncEnumerable<(int, DateOnly, long[])> ReadDaysAsync(AppDbContext db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"PointId\", \"Day\", {s_columns} FROM \"{DayTable}\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = new long[Counters.Length];
                for (var i = 0; i < values.Length; i++) values[i] = Convert.ToInt64(reader.GetValue(i + 2), CultureInfo.InvariantCulture);
                yield return (reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1), values);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// Writes day totals (and the months they add up to) into empty tables, in the caller's transaction.
    public static async Task WriteAsync(AppDbContext db, IReadOnlyDictionary<(int Point, DateOnly Day), long[]> days, int cutoffDay,
        CancellationToken ct, bool daysToo = true)
    {
        days = days.Where(d => Reportable(d.Key.Day)).ToDictionary();
        var months = new Dictionary<(int, DateOnly), (DateOnly To, long[] Values)>();
        foreach (var ((point, day), values) in days)
        {
            var m = MonthOf(day, cutoffDay);
            if (!months.TryGetValue((point, m.From), out var sum)) months[(point, m.From)] = sum = (m.To, new long[Counters.Length]);
            for (var i = 0; i < values.Length; i++) sum.Values[i] += values[i];
        }
        if (daysToo)
            await MultiRowInsert.AppendAsync<LoanDay, KeyValuePair<(int Point, DateOnly Day), long[]>>(db, ["PointId", "Day", .. Counters],
                days.ToList(), (row, v, i) =>
                {
                    v[i] = row.Key.Point;
                    v[i + 1] = row.Key.Day;
                    for (var c = 0; c < row.Value.Length; c++) v[i + 2 + c] = row.Value[c];
                }, ct);
        await MultiRowInsert.AppendAsync<LoanMonth, KeyValuePair<(int, DateOnly), (DateOnly To, long[] Values)>>(db,
            ["PointId", "From", "To", .. Counters], months.ToList(), (row, v, i) =>
            {
                v[i] = row.Key.Item1;
                v[i + 1] = row.Key.Item2;
                v[i + 2] = row.Value.To;
                for (var c = 0; c < row.Value.Values.Length; c++) v[i + 3 + c] = row.Value.Values[c];
            }, ct);
    }
}

public sealed class LoanDayConfiguration : IEntityTypeConfiguration<LoanDay>
{
    public void Configure(EntityTypeBuilder<LoanDay> b)
    {
        b.ToTable(LoanRollups.DayTable);
        b.HasKey(d => new { d.PointId, d.Day });
        b.HasIndex(d => d.Day);
        foreach (var counter in LoanRollups.Counters) b.Property<int>(counter);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(d => d.PointId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LoanMonthConfiguration : IEntityTypeConfiguration<LoanMonth>
{
    public void Configure(EntityTypeBuilder<LoanMonth> b)
    {
        b.ToTable(LoanRollups.MonthTable);
        b.HasKey(d => new { d.PointId, d.From });
        b.HasIndex(d => d.From);
        foreach (var counter in LoanRollups.Counters) b.Property<int>(counter);
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(d => d.PointId).OnDelete(DeleteBehavior.Cascade);
    }
}
