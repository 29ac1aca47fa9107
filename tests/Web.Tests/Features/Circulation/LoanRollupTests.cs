using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Features.Circulation;

/// The loan rollups (issue 18) against the loans themselves: after lendings, returns, offline-dated events, a renewal,
/// a replayed request and a corrected sex, every day and month row equals what the loans and their readers give, and
/// the indicators read from them equal counts made from the rows.
public abstract class LoanRollupTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task Rollups_AfterAMixOfOperations_EqualTheLoans()
    {
        var (point, woman) = await app.ReaderAsync();
        var man = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Lò Văn Thử", birthYear = 1980, sex = "Male", category = "Farmer", consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        var unknown = await (await point.PostJsonAsync("/api/v1/circulation/readers", new
        {
            fullName = "Không Rõ Thử", category = "Other", consentOn = app.Today.ToString("O"),
        })).ReadAsync<ReaderDto>(HttpStatusCode.Created);
        var copies = app.CopiesHere(8);
        var now = app.Clock.GetUtcNow();

        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = woman.CardNumber, barcodes = copies[..2] }))
            .JsonAsync(HttpStatusCode.OK);
        // Recorded offline two days ago, then sent twice with the same key: counted once.
        for (var i = 0; i < 2; i++)
        {
            using var offline = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circulation/loans")
            {
                Content = JsonContent.Create(new { readerCard = man.CardNumber, barcodes = copies[2..4], occurredAt = now.AddDays(-2) }),
                Headers = { { "Idempotency-Key", "rollup-" + man.CardNumber } },
            };
            await (await point.SendAsync(offline, Ct)).JsonAsync(HttpStatusCode.OK);
        }
        await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = unknown.CardNumber, barcodes = copies[4..5] }))
            .JsonAsync(HttpStatusCode.OK);
        var open = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = woman.CardNumber, barcodes = copies[5..6] }))
            .ReadAsync<CheckOutResult>();
        await (await point.PostJsonAsync($"/api/v1/circulation/loans/{open.Loans[0].Id}/renew", new { })).JsonAsync(HttpStatusCode.OK);
        // Returns today, one dated yesterday (offline), and a copy returned twice: the second is refused.
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[0], copies[4] } }))
            .JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[2] }, occurredAt = now.AddDays(-1) }))
            .JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = new[] { copies[0] } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        // The man's sex was entered wrongly: corrected, his loans and returns move with him.
        var url = $"/api/v1/circulation/readers/{man.Id}";
        var got = await point.GetAsync(url, Ct);
        var etag = got.Headers.ETag!.Tag;
        using var edit = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { fullName = "Lò Thị Thử", birthYear = 1980, sex = "Female", category = "Farmer",
                consentOn = app.Today.ToString("O") }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await point.SendAsync(edit, Ct)).JsonAsync(HttpStatusCode.OK);

        await AssertRollupsEqualLoansAsync();
        await AssertIndicatorsEqualLoansAsync(app.Today.AddDays(-40), app.Today);
    }

    [DbFact]
    public async Task Rollups_Rebuilt_GiveTheSameRows_AndAnotherCutoffRebuildsTheMonths()
    {
        var before = await RowsAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.LoanDays.ExecuteDeleteAsync(Ct);
            await db.LoanMonths.ExecuteDeleteAsync(Ct);
            await LoanRollups.EnsureAsync(db, Cutoff(sp), Ct);
            return 0;
        });
        Assert.Equal(before.Days, (await RowsAsync()).Days);
        Assert.Equal(before.Months, (await RowsAsync()).Months);
        // Months cut at the 20th: rebuilt from the days, and the whole months still add up to the days.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await LoanRollups.EnsureAsync(db, 20, Ct);
            var from = await db.LoanMonths.Select(m => m.From).FirstAsync(Ct);
            Assert.Equal(21, from.Day);
            await LoanRollups.EnsureAsync(db, Cutoff(sp), Ct);
            return 0;
        });
        Assert.Equal(before.Months, (await RowsAsync()).Months);
    }

    /// A loan dated in year 1 or 9999 (only rows loaded in bulk can be) has no reporting month: the rebuild at start
    /// leaves it out instead of failing, which stopped every start of such a database.
    [DbFact]
    public async Task Rebuild_LeavesOutDaysThatNoReportingMonthHolds_InsteadOfFailing()
    {
        Assert.False(LoanRollups.Reportable(new DateOnly(1, 1, 1)));
        Assert.False(LoanRollups.Reportable(new DateOnly(9998, 12, 20)));
        foreach (var day in new[] { new DateOnly(1901, 1, 1), new DateOnly(9997, 12, 31) })
            for (var cutoff = 1; cutoff <= 28; cutoff++)
                Assert.True(LoanRollups.Reportable(day) && LoanRollups.MonthOf(day, cutoff).Contains(day));
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await db.LoanDays.ExecuteDeleteAsync(Ct);
            await db.LoanMonths.ExecuteDeleteAsync(Ct);
            var point = await db.ServicePoints.Select(p => p.Id).FirstAsync(Ct);
            long[] One() { var v = new long[LoanRollups.Counters.Length]; v[0] = 1; return v; }
            var today = new DateOnly(2026, 3, 3);
            await LoanRollups.WriteAsync(db, new Dictionary<(int, DateOnly), long[]>
            {
                [(point, new DateOnly(9999, 12, 30))] = One(), [(point, new DateOnly(1, 1, 1))] = One(), [(point, today)] = One(),
            }, Cutoff(sp), Ct);
            Assert.Equal([today], await db.LoanDays.Select(d => d.Day).ToListAsync(Ct));
            Assert.Equal(1, await db.LoanMonths.CountAsync(Ct));
            await tx.RollbackAsync(Ct);
            return 0;
        });
    }

    private static int Cutoff(IServiceProvider sp) => sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CutoffDay;

    private sealed record Rollups(List<string> Days, List<string> Months);

    /// Every non-zero rollup row as text, sorted.
    private Task<Rollups> RowsAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return new Rollups(await TextRowsAsync(db, LoanRollups.DayTable, "\"Day\""), await TextRowsAsync(db, LoanRollups.MonthTable,
            "\"From\", \"To\""));
    });

    private static async Task<List<string>> TextRowsAsync(AppDbContext db, string table, string key)
    {
        var rows = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"PointId\", {key}, {string.Join(", ", LoanRollups.Counters.Select(c => $"\"{c}\""))} FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            // SQLite returns dates as text, PostgreSQL as dates: both as yyyy-MM-dd.
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            }).ToList();
            if (values.Skip(key.Count(ch => ch == ',') + 2).All(v => v == "0")) continue;
            rows.Add(string.Join("|", values));
        }
        await db.Database.CloseConnectionAsync();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// The rollups counted again from the loans and their readers' sex now.
    private async Task AssertRollupsEqualLoansAsync()
    {
        var expected = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var cutoff = Cutoff(sp);
            var loans = await db.Loans.Join(db.Readers, l => l.ReaderId, r => r.Id,
                (l, r) => new { l.PointId, l.LentAt, l.ReturnedAt, l.ReturnedAtPointId, r.Sex }).ToListAsync(Ct);
            var days = new Dictionary<(int, DateOnly), long[]>();
            var months = new Dictionary<(int, DateOnly, DateOnly), long[]>();
            void Add(int point, DateOnly day, int counter)
            {
                if (!days.TryGetValue((point, day), out var d)) days[(point, day)] = d = new long[LoanRollups.Counters.Length];
                d[counter]++;
                var m = LoanRollups.MonthOf(day, cutoff);
                if (!months.TryGetValue((point, m.From, m.To), out var v)) months[(point, m.From, m.To)] = v = new long[LoanRollups.Counters.Length];
                v[counter]++;
            }
            foreach (var l in loans)
            {
                Add(l.PointId, VnTime.DayOf(l.LentAt), (int)l.Sex);
                if (l.ReturnedAt is { } back) Add(l.ReturnedAtPointId!.Value, VnTime.DayOf(back), LoanRollups.Sexes + (int)l.Sex);
            }
            static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var dayRows = days.Select(x => $"{x.Key.Item1}|{Day(x.Key.Item2)}|{string.Join("|", x.Value)}").ToList();
            var monthRows = months.Select(x => $"{x.Key.Item1}|{Day(x.Key.Item2)}|{Day(x.Key.Item3)}|{string.Join("|", x.Value)}").ToList();
            dayRows.Sort(StringComparer.Ordinal);
            monthRows.Sort(StringComparer.Ordinal);
            return new Rollups(dayRows, monthRows);
        });
        var kept = await RowsAsync();
        Assert.NotEmpty(expected.Days);
        Assert.Equal(expected.Days, kept.Days);
        Assert.Equal(expected.Months, kept.Months);
    }

    /// The API's loans by sex and returns per point equal counts made from the rows, over a range that does not
    /// line up with reporting months (so both the monthly and the daily rows are read).
    private async Task AssertIndicatorsEqualLoansAsync(DateOnly from, DateOnly to)
    {
        var admin = await app.ClientAsync("demo-admin");
        var table = await admin.GetAsync<JsonElement>($"/api/v1/reports/indicator-values?period=Custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
            + "&level=Point&codes=circulation.loans,circulation.returns");
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        decimal Value(string code, string? breakdown, string column)
        {
            var row = rows.Single(r => r.GetProperty("code").GetString() == code
                && (r.GetProperty("breakdown").ValueKind == JsonValueKind.Null ? null : r.GetProperty("breakdown").GetString()) == breakdown);
            return row.GetProperty("values")[columns.IndexOf(column)].GetDecimal();
        }
        var period = new Period(from, to);
        var raw = app.WithDb(db => db.Loans.Join(db.Readers, l => l.ReaderId, r => r.Id,
            (l, r) => new { l.PointId, l.LentAt, l.ReturnedAt, l.ReturnedAtPointId, r.Sex }).ToList());
        var point = app.DemoPoint().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lent = raw.Where(l => l.PointId == app.DemoPoint() && l.LentAt >= period.FromUtc && l.LentAt < period.ToUtcExclusive).ToList();
        var back = raw.Count(l => l.ReturnedAtPointId == app.DemoPoint() && l.ReturnedAt >= period.FromUtc && l.ReturnedAt < period.ToUtcExclusive);
        Assert.True(lent.Count > 0);
        Assert.Equal(lent.Count, Value(CirculationIndicators.Loans, null, point));
        foreach (var sex in Enum.GetValues<Sex>().Where(s => lent.Any(l => l.Sex == s)))
            Assert.Equal(lent.Count(l => l.Sex == sex), Value(CirculationIndicators.Loans, sex.ToString(), point));
        Assert.Equal(back, Value(CirculationIndicators.Returns, null, point));
    }
}

public sealed class LoanRollupTestsOnSqlite(SqliteApp app) : LoanRollupTests(app), IClassFixture<SqliteApp>;

public sealed class LoanRollupTestsOnPostgres(PostgresApp app) : LoanRollupTests(app), IClassFixture<PostgresApp>;

/// A loan whose date no reporting month holds, on an app of its own: the other rollup tests compare every loan with the
/// rollups, which leave that day out.
public abstract class LoanOutsideTheCalendarTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// A loan whose date no reporting month holds (year 9999, only rows loaded in bulk can have it) is returned and its
    /// reader's sex corrected like any other: the rollups leave that day out instead of answering 500.
    [DbFact]
    public async Task ALoanDatedInYear9999_IsReturned_AndItsReadersSexCorrected_WithoutAServerError()
    {
        var (point, reader) = await app.ReaderAsync();
        var copy = app.CopiesHere(1);
        var lent = await (await point.PostJsonAsync("/api/v1/circulation/loans", new { readerCard = reader.CardNumber, barcodes = copy }))
            .ReadAsync<CheckOutResult>();
        var loanId = lent.Loans[0].Id;
        await app.WithScopeAsync(async sp => await sp.GetRequiredService<AppDbContext>().Loans.Where(l => l.Id == loanId)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.LentAt, new DateTime(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc)), Ct));

        var url = $"/api/v1/circulation/readers/{reader.Id}";
        var etag = (await point.GetAsync(url, Ct)).Headers.ETag!.Tag;
        using var edit = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { fullName = reader.FullName, birthYear = 1990, sex = "Male", category = "Farmer",
                consentOn = app.Today.ToString("O") }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await point.SendAsync(edit, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await point.PostJsonAsync("/api/v1/circulation/returns", new { barcodes = copy })).JsonAsync(HttpStatusCode.OK);
        Assert.NotNull(app.WithDb(db => db.Loans.Single(l => l.Id == loanId).ReturnedAt));
    }
}

public sealed class LoanOutsideTheCalendarTestsOnSqlite(SqliteApp app) : LoanOutsideTheCalendarTests(app), IClassFixture<SqliteApp>;

public sealed class LoanOutsideTheCalendarTestsOnPostgres(PostgresApp app) : LoanOutsideTheCalendarTests(app), IClassFixture<PostgresApp>;
