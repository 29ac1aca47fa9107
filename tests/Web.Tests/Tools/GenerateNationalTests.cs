using Bookpost.Web.Data;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Bookpost.Web.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Tools;

/// generate-national (issue 18) at a small size, on the class's own database: the rows and the rollups agree, the same
/// seed gives the same rows, and bad arguments get one clear line, not a stack trace.
public abstract class GenerateNationalTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly GenerateNational.Options Small = new(Seed: 7, Points: 50, Loans: 5_000, Sessions: 2_000, Year: 2025, null);

    [Theory]
    [InlineData("--points", "10")]
    [InlineData("--seed", "-1", "--points", "10")]
    [InlineData("--seed", "x")]
    [InlineData("--seed", "1", "--points", "0")]
    [InlineData("--seed", "1", "--loans", "99999999999999999999")]
    [InlineData("--seed", "1", "--sessions")]
    [InlineData("--seed", "1", "--year", "9999")]
    [InlineData("--seed", "1", "--seed", "2")]
    [InlineData("--seed", "1", "--colour", "red")]
    [InlineData("--seed", "2147483648")]
    public async Task BadArguments_GetOneClearMessage_AndExit2(params string[] args)
    {
        var output = new StringWriter();
        var code = await GenerateNational.RunAsync(app.Services, [GenerateNational.Verb, .. args], output, Ct);
        Assert.Equal(2, code);
        var text = output.ToString();
        Assert.Contains("/", text); // Vietnamese / English
        Assert.Contains("usage: generate-national", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }

    [DbFact]
    public async Task Small_RowsAndRollupsAgree_AndTheSeedGivesTheSameRows()
    {
        var first = await GenerateAsync();
        Assert.Null(first.Error);
        Assert.Equal((50, 5_000L, 2_000L), (first.Points, first.Loans.Count, first.Sessions));
        await AssertRollupsAsync();

        // A second run on the same database refuses, and writes nothing.
        var again = await GenerateAsync();
        Assert.NotNull(again.Error);
        Assert.Equal(5_000, again.Loans.Count);

        await DeleteGeneratedAsync();
        var second = await GenerateAsync();
        Assert.Null(second.Error);
        Assert.Equal(first.Loans, second.Loans);
        Assert.Equal(first.Sessions, second.Sessions);
        await AssertRollupsAsync();
    }

    private sealed record Generated(string? Error, int Points, List<string> Loans, long Sessions);

    private Task<Generated> GenerateAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var cutoff = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CutoffDay;
        var error = await GenerateNational.GenerateAsync(db, Small, cutoff, TextWriter.Null, Ct);
        db.ChangeTracker.Clear();
        var points = db.ServicePoints.Where(p => p.Code.StartsWith(GenerateNational.Prefix + "-"));
        var loans = await db.Loans.Where(l => l.LentBy == "generate-national").OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.ItemId, l.ReaderId, l.PointId, l.LentAt, l.ReturnedAt }).ToListAsync(Ct);
        var sessions = await db.AccessSessions.LongCountAsync(s => s.StartedBy == "generate-national", Ct);
        return new Generated(error, await points.CountAsync(Ct),
            loans.Select(l => $"{l.Id}|{l.ItemId}|{l.ReaderId}|{l.PointId}|{l.LentAt:O}|{l.ReturnedAt:O}").ToList(), sessions);
    });

    /// The generated points' loan counters equal their loans, day by day, and the months add up to the days; the
    /// session counters equal the sessions.
    private Task AssertRollupsAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var cutoff = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CutoffDay;
        var ids = await db.ServicePoints.Where(p => p.Code.StartsWith(GenerateNational.Prefix + "-")).Select(p => p.Id).ToListAsync(Ct);
        var loans = await db.Loans.Where(l => ids.Contains(l.PointId)).Join(db.Readers, l => l.ReaderId, r => r.Id,
            (l, r) => new { l.PointId, l.LentAt, l.ReturnedAt, l.ReturnedAtPointId, r.Sex }).ToListAsync(Ct);
        var expected = new Dictionary<(int, DateOnly, int), long>();
        foreach (var l in loans)
        {
            var lent = (l.PointId, VnTime.DayOf(l.LentAt), (int)l.Sex);
            expected[lent] = expected.GetValueOrDefault(lent) + 1;
            var back = (l.ReturnedAtPointId!.Value, VnTime.DayOf(l.ReturnedAt!.Value), LoanRollups.Sexes + (int)l.Sex);
            expected[back] = expected.GetValueOrDefault(back) + 1;
        }
        var year = ReportingPeriods.Resolve(PeriodKind.Year, 2025, 1, false, cutoff);
        var sums = await LoanRollups.SumAsync(db, year, cutoff, Ct);
        var byDay = await LoanRollups.SumAsync(db, new Period(year.From.AddDays(1), year.To), cutoff, Ct);
        var firstDay = await LoanRollups.SumAsync(db, new Period(year.From, year.From), cutoff, Ct);
        foreach (var id in ids)
            for (var c = 0; c < LoanRollups.Counters.Length; c++)
            {
                var want = expected.Where(e => e.Key.Item1 == id && e.Key.Item3 == c).Sum(e => e.Value);
                Assert.Equal(want, sums.GetValueOrDefault(id)?[c] ?? 0);
                Assert.Equal(want, (byDay.GetValueOrDefault(id)?[c] ?? 0) + (firstDay.GetValueOrDefault(id)?[c] ?? 0));
            }
        // Day by day, through the daily rows only (a one-day period never covers a whole month).
        foreach (var day in expected.Keys.Select(k => k.Item2).Distinct().Take(40))
        {
            var one = await LoanRollups.SumAsync(db, new Period(day, day), cutoff, Ct);
            foreach (var id in ids)
                for (var c = 0; c < LoanRollups.Counters.Length; c++)
                    Assert.Equal(expected.GetValueOrDefault((id, day, c)), one.GetValueOrDefault(id)?[c] ?? 0);
        }
        var sessions = await db.AccessSessions.CountAsync(s => ids.Contains(s.SiteId), Ct);
        var counted = (await Bookpost.Web.Features.Access.AccessDays.SumAsync(db, year.From, year.To, Ct))
            .Where(r => ids.Contains(r.SiteId)).Sum(r => r.Values[0]);
        Assert.Equal(sessions, counted);
        return 0;
    });

    private Task DeleteGeneratedAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var ids = db.ServicePoints.Where(p => p.Code.StartsWith(GenerateNational.Prefix + "-")).Select(p => p.Id);
        var titles = db.Items.Where(i => ids.Contains(i.OwnerId)).Select(i => i.TitleId);
        var firstTitle = await titles.MinAsync(Ct);
        await db.LoanDays.Where(d => ids.Contains(d.PointId)).ExecuteDeleteAsync(Ct);
        await db.LoanMonths.Where(d => ids.Contains(d.PointId)).ExecuteDeleteAsync(Ct);
        await db.AccessDays.Where(d => ids.Contains(d.SiteId)).ExecuteDeleteAsync(Ct);
        await db.AccessSessions.Where(s => ids.Contains(s.SiteId)).ExecuteDeleteAsync(Ct);
        await db.Computers.Where(c => ids.Contains(c.SiteId)).ExecuteDeleteAsync(Ct);
        await db.Loans.Where(l => ids.Contains(l.PointId)).ExecuteDeleteAsync(Ct);
        await db.Items.Where(i => ids.Contains(i.OwnerId)).ExecuteDeleteAsync(Ct);
        await db.Titles.Where(t => t.Id >= firstTitle).ExecuteDeleteAsync(Ct);
        await db.Readers.Where(r => ids.Contains(r.PointId)).ExecuteDeleteAsync(Ct);
        await db.PointCommunes.Where(c => ids.Contains(c.ServicePointId)).ExecuteDeleteAsync(Ct);
        await db.ServicePoints.Where(p => p.Code.StartsWith(GenerateNational.Prefix + "-")).ExecuteDeleteAsync(Ct);
        return 0;
    });
}

public sealed class GenerateNationalTestsOnSqlite(SqliteApp app) : GenerateNationalTests(app), IClassFixture<SqliteApp>;

public sealed class GenerateNationalTestsOnPostgres(PostgresApp app) : GenerateNationalTests(app), IClassFixture<PostgresApp>;
