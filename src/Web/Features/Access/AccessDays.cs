using Bookpost.Web.Features.People;
using System.Data.Common;
using System.Globalization;
using Bookpost.Web.Features.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bookpost.Web.Features.Access;

/// A site's finished sessions of one day as counters: how many, their minutes, and one counter per value of each
/// profile field, purpose and origin. Reports add these up instead of reading every session: a year at 5 million
/// sessions took 20 s to group from the sessions themselves. The counters are columns named after the values
/// (<c>SexFemale</c>, <c>PurposeHealth</c>…), so a new enum value is a new column through a migration.
public sealed class AccessDay
{
    public int SiteId { get; set; }
    public DateOnly Day { get; set; }
}

public static class AccessDays
{
    public const string Table = "AccessDays";

    /// Every counter column, in a fixed order.
    public static readonly string[] Counters =
    [
        "Sessions", "Minutes", "FirstTime", "Minority", "Poor",
        .. Enum.GetNames<Sex>().Select(v => "Sex" + v),
        .. Enum.GetNames<AgeBand>().Select(v => "Age" + v),
        .. Enum.GetNames<Occupation>().Select(v => "Occupation" + v),
        .. Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None).Select(p => "Purpose" + p),
        .. Enum.GetNames<SessionOrigin>().Select(v => "Origin" + v),
    ];

    private static readonly Dictionary<string, int> s_index = Counters.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

    public static int IndexOf(string counter) => s_index[counter];

    /// The counters one finished session adds.
    public static long[] Of(AccessSession s)
    {
        var v = new long[Counters.Length];
        v[0] = 1;
        v[1] = s.Minutes ?? 0;
        v[2] = s.FirstTime ? 1 : 0;
        v[3] = s.EthnicMinority ? 1 : 0;
        v[4] = s.PoorHousehold ? 1 : 0;
        v[s_index["Sex" + s.Sex]] = 1;
        v[s_index["Age" + s.AgeBand]] = 1;
        v[s_index["Occupation" + s.Occupation]] = 1;
        foreach (var p in AccessPurposes.Split(s.Purposes)) v[s_index["Purpose" + p]] = 1;
        v[s_index["Origin" + s.Origin]] = 1;
        return v;
    }

    public static DateOnly DayOf(AccessSession s) => VnTime.DayOf(s.StartedAt);

    /// Adds counters to a site's day in one statement (an insert that adds to the row when it exists), inside the
    /// caller's transaction, so the session and its counts are stored together.
    public static Task AddAsync(AppDbContext db, int siteId, DateOnly day, long[] values, CancellationToken ct)
    {
        var columns = string.Join(", ", Counters.Select(c => $"\"{c}\""));
        var placeholders = string.Join(", ", Enumerable.Range(2, Counters.Length).Select(i => $"{{{i}}}"));
        var updates = string.Join(", ", Counters.Select(c => $"\"{c}\" = \"{Table}\".\"{c}\" + excluded.\"{c}\""));
        var sql = $"INSERT INTO \"{Table}\" (\"SiteId\", \"Day\", {columns}) VALUES ({{0}}, {{1}}, {placeholders}) " +
                  $"ON CONFLICT (\"SiteId\", \"Day\") DO UPDATE SET {updates}";
        object[] args = [siteId, day, .. values.Cast<object>()];
        return db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    /// Totals per site over a range of days: each row is the site and the counters in <see cref="Counters"/> order.
    public static async Task<List<(int SiteId, long[] Values)>> SumAsync(AppDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sums = string.Join(", ", Counters.Select(c => $"SUM(\"{c}\")"));
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"SELECT \"SiteId\", {sums} FROM \"{Table}\" "
                + "WHERE \"Day\" >= @from AND \"Day\" <= @to GROUP BY \"SiteId\"";
            Add(command, "@from", from);
            Add(command, "@to", to);
            var rows = new List<(int, long[])>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = new long[Counters.Length];
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i + 1) ? 0 : Convert.ToInt64(reader.GetValue(i + 1),
                    CultureInfo.InvariantCulture);
                rows.Add((reader.GetInt32(0), values));
            }
            return rows;
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

    /// Rebuilds every counter from the finished sessions: at start when the table is empty but sessions exist (a
    /// database from before the counters), and after demo data is seeded.
    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.AccessDays.AnyAsync(ct) || !await db.AccessSessions.AnyAsync(s => s.EndedAt != null, ct)) return;
        var totals = new Dictionary<(int, DateOnly), long[]>();
        await foreach (var s in db.AccessSessions.AsNoTracking().Where(s => s.EndedAt != null).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (s.SiteId, DayOf(s));
            if (!totals.TryGetValue(key, out var sum)) totals[key] = sum = new long[Counters.Length];
            var add = Of(s);
            for (var i = 0; i < sum.Length; i++) sum[i] += add[i];
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var ((site, day), values) in totals) await AddAsync(db, site, day, values, ct);
        await tx.CommitAsync(ct);
    }
}

public sealed class AccessDayConfiguration : IEntityTypeConfiguration<AccessDay>
{
    public void Configure(EntityTypeBuilder<AccessDay> b)
    {
        b.ToTable(AccessDays.Table);
        b.HasKey(d => new { d.SiteId, d.Day });
        b.HasIndex(d => d.Day);
        foreach (var counter in AccessDays.Counters)
        {
            if (counter == "Minutes") b.Property<long>(counter);
            else b.Property<int>(counter);
        }
        b.HasOne<ServicePoint>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
