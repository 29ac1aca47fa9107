using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Circulation;

/// Issue 16: the demo's circulation and public-computer facts cover January 2025 to today at points of several former
/// districts, a point flagged for review among them, so a report over 2025 has figures on both sides of 1 July 2025.
public abstract class DemoHistoryTests(BookpostApp app)
{
    [DbFact]
    public void DemoHistory_StraddlesTheReform_AtPointsOfSeveralFormerDistricts()
    {
        var reform = AdminUnit.TwoTierSince;
        var (before, after, points, flagged, loansBefore, loansAfter, sessionsBefore, sessionsAfter, readersElsewhere) = app.WithDb(db =>
        {
            var tallies = db.TallyEvents.Where(e => e.RecordedBy == DemoCirculationSeeder.HistoryBy);
            var sessions = db.AccessSessions.Where(s => s.StartedBy == DemoAccessSeeder.HistoryBy);
            var loans = db.Loans.Where(l => l.LentBy == DemoCirculationSeeder.HistoryBy);
            var reformUtc = reform.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return (tallies.Count(e => e.Day >= new DateOnly(2025, 1, 1) && e.Day < reform), tallies.Count(e => e.Day >= reform),
                tallies.Select(e => e.PointId).Distinct().ToList(),
                db.PointCommunes.Where(l => l.NeedsReview).Select(l => l.ServicePointId).Distinct().ToList(),
                loans.Count(l => l.LentAt < reformUtc), loans.Count(l => l.LentAt >= reformUtc),
                sessions.Count(s => s.StartedAt < reformUtc), sessions.Count(s => s.StartedAt >= reformUtc),
                // A reader borrows at the point that holds their record, nowhere else.
                loans.Count(l => l.Reader.PointId != l.PointId));
        });
        Assert.True(before > 0 && after > 0, $"{before} tallies before 1/7/2025, {after} after");
        Assert.True(loansBefore > 0 && loansAfter > 0);
        Assert.True(sessionsBefore > 0 && sessionsAfter > 0);
        Assert.InRange(points.Count, 20, 40);
        Assert.Contains(points, flagged.Contains);
        Assert.Equal(0, readersElsewhere);
        var areas = app.WithDb(db => PointAreas.AreaKeysAsync(db, app.Today, CancellationToken.None,
            db.ServicePoints.Where(p => points.Contains(p.Id))).GetAwaiter().GetResult());
        Assert.True(areas.Values.Distinct().Count() >= 10, $"{areas.Values.Distinct().Count()} former districts");
    }
}

public sealed class DemoHistoryTestsOnSqlite(SqliteApp app) : DemoHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class DemoHistoryTestsOnPostgres(PostgresApp app) : DemoHistoryTests(app), IClassFixture<PostgresApp>;
