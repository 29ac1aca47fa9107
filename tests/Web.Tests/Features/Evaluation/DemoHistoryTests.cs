using Bookpost.Web.Data;
using Bookpost.Web.Features.Evaluation;
using Bookpost.Web.Features.Evaluation.History;
using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tests.Features.Evaluation;

/// The demo history: its totals are the conference's, straight from the returns; its accepted returns leave the recorded
/// demo activity alone; the last quarter has points on time, late and missing; a second start adds nothing.
public abstract class DemoHistoryTests(BookpostApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [DbFact]
    public async Task Returns_2013ToConference_Give112PointsAnd12395Titles()
    {
        var (points, titles, kinds) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var from = new DateOnly(2013, 1, 1);
            var to = new DateOnly(2017, 9, 20);
            // SQLite cannot sum decimals: read the figures and add them here.
            var figures = await db.ReturnFigures.Where(f => f.Code == "rotation.titles_received")
                .Join(db.PointReturns.Where(r => r.Status == ReturnStatus.Accepted && r.PeriodFrom >= from && r.PeriodTo <= to),
                    f => f.ReturnId, r => r.Id, (f, r) => new { r.PointId, f.Value }).ToListAsync(Ct);
            var byPoint = figures.GroupBy(f => f.PointId).Where(g => g.Sum(f => f.Value) > 0).Select(g => g.Key).ToList();
            var pointKinds = await db.ServicePoints.Where(p => byPoint.Contains(p.Id)).Select(p => p.Kind).Distinct().ToListAsync(Ct);
            return (byPoint.Count, figures.Sum(f => f.Value), pointKinds);
        });
        Assert.Equal(DemoHistorySeeder.PointsReceiving, points);
        Assert.Equal(112, points);
        Assert.Equal(12_395m, titles);
        Assert.Equal([ServicePointKind.PostCulturePoint], kinds);
    }

    [DbFact]
    public async Task AcceptedReturns_EndBeforeRecordedActivity_AndDoNotOverlapEachOther()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var seeder = sp.GetRequiredService<DemoHistorySeeder>();
            // The recorded demo activity, read from its own rows: loans, tallies, sessions, trainings, shipments.
            DateOnly? Day(DateTime? utc) => utc is { } t ? VnTime.DayOf(t) : null;
            DateOnly?[] days =
            [
                Day(await db.Loans.MinAsync(l => (DateTime?)l.LentAt, Ct)),
                await db.TallyEvents.MinAsync(t => (DateOnly?)t.Day, Ct),
                Day(await db.AccessSessions.MinAsync(s => (DateTime?)s.StartedAt, Ct)),
                await db.Trainings.MinAsync(t => (DateOnly?)t.HeldOn, Ct),
                Day(await db.Shipments.MinAsync(s => (DateTime?)s.DispatchedAt, Ct)),
            ];
            var first = days.Where(d => d is not null).Min()!.Value;
            Assert.True(seeder.FirstRecordedDay() <= first);
            var accepted = await db.PointReturns.Where(r => r.CreatedBy == DemoHistorySeeder.By && r.Status == ReturnStatus.Accepted)
                .Select(r => new { r.PointId, r.Form, r.Origin, r.PeriodFrom, r.PeriodTo }).ToListAsync(Ct);
            Assert.NotEmpty(accepted);
            Assert.True(accepted.Max(r => r.PeriodTo) < first, $"accepted returns run to {accepted.Max(r => r.PeriodTo)}, activity from {first}");
            Assert.All(accepted.Where(r => r.Form == ReturnForms.YearlyCode), r => Assert.Equal(ReturnOrigin.Imported, r.Origin));
            Assert.All(accepted.Where(r => r.Form == ReturnForms.MonthlyCode), r => Assert.Equal(ReturnOrigin.Entered, r.Origin));
            Assert.Equal(new DateOnly(2013, 1, 1), accepted.Min(r => r.PeriodFrom));
            foreach (var point in accepted.GroupBy(r => r.PointId))
            {
                var ordered = point.OrderBy(r => r.PeriodFrom).ToList();
                for (var i = 1; i < ordered.Count; i++)
                    Assert.Equal(ordered[i - 1].PeriodTo.AddDays(1), ordered[i].PeriodFrom);
            }
            return 0;
        });
    }

    [DbFact]
    public async Task LastQuarter_HasOnTimeLateAndMissingPoints_AndDemoPointLastMonthIsOpen()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var seeder = sp.GetRequiredService<DemoHistorySeeder>();
            var cutoff = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CutoffDay;
            var deadlineDays = sp.GetRequiredService<IOptions<EvaluationOptions>>().Value.ReturnDeadlineDays;
            var today = VnTime.DayOf(db.UtcNow);
            var (year, quarter) = seeder.LastEndedQuarter(today);
            var firstMonth = ReportingPeriods.Resolve(PeriodKind.Month, year, quarter * 3 - 2, false, cutoff);
            var month = quarter * 3 - 2;
            var due = VnTime.StartOfDayUtc(firstMonth.To.AddDays(deadlineDays + 1));
            var returns = await db.PointReturns.Where(r => r.Form == ReturnForms.MonthlyCode && r.Year == year && r.Number == month)
                .Select(r => new { r.PointId, r.Status, r.SubmittedAt }).ToListAsync(Ct);
            var expected = await db.ServicePoints.Where(p => p.Kind == ServicePointKind.PostCulturePoint && p.Status == ServicePointStatus.Active)
                .Select(p => p.Id).ToListAsync(Ct);
            Assert.All(returns, r => Assert.Equal(ReturnStatus.Submitted, r.Status));
            Assert.Contains(returns, r => r.SubmittedAt < due);
            Assert.Contains(returns, r => r.SubmittedAt >= due);
            Assert.Contains(expected, id => returns.All(r => r.PointId != id));

            var demoPoint = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleAsync(Ct);
            var (ly, lm) = seeder.LastEndedMonth(today);
            Assert.False(await db.PointReturns.AnyAsync(r => r.PointId == demoPoint && r.Form == ReturnForms.MonthlyCode
                && r.Year == ly && r.Number == lm, Ct));
            return 0;
        });
    }

    [DbFact]
    public async Task Seeder_RunAgain_AddsNothing()
    {
        var before = app.WithDb(db => (db.PointReturns.Count(), db.ReturnFigures.Count()));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoHistorySeeder>().SeedAsync(Ct);
            return 0;
        });
        Assert.Equal(before, app.WithDb(db => (db.PointReturns.Count(), db.ReturnFigures.Count())));
    }
}

public sealed class DemoHistoryTestsOnSqlite(SqliteApp app) : DemoHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class DemoHistoryTestsOnPostgres(PostgresApp app) : DemoHistoryTests(app), IClassFixture<PostgresApp>;
