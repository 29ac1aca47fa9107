using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Features.People;
using Bookpost.Web.Tests.Features.Catalog;
using Bookpost.Web.Tests.Features.Network;
using Bookpost.Web.Tests.Infrastructure;

namespace Bookpost.Web.Tests.Features.Reports;

/// Points with a commune history and dated facts at them, for tests of grouping on the maps of different days.
public static class ReportsBuilders
{
    /// A point opened on a day in the commune that held the code that day, placed by PointPlaces and then carried along
    /// every change of its commune up to today by the app's own rule (PointPlaces.FollowSuccessionsAsync), as the seeder
    /// does for the demo network.
    public static ServicePoint AddPointSince(this BookpostApp app, string communeCode, DateOnly opened,
        string name = "Điểm BĐVHX Thử nghiệm") => app.WithDb(db =>
    {
        var now = app.UtcNow;
        var commune = db.AdminUnits.Where(AdminUnit.ValidOn(opened))
            .Single(u => u.Code == communeCode && u.Level == AdminLevel.Commune);
        var point = new ServicePoint { CreatedAt = now };
        NetworkBuilders.Point(communeCode, name: name).ApplyTo(point, now, "test");
        point.OpenedOn = opened;
        PointPlaces.Place(point, commune, opened);
        db.ServicePoints.Add(point);
        db.SaveChanges();
        var today = app.Today;
        while (true)
        {
            var open = db.PointCommunes.Single(l => l.ServicePointId == point.Id && l.ValidTo == null);
            var day = open.ValidFrom ?? opened;
            var version = db.AdminUnits.Where(AdminUnit.ValidOn(day))
                .Single(u => u.Code == open.CommuneCode && u.Level == AdminLevel.Commune);
            if (version.ValidTo is not { } ended || ended > today) break;
            var followed = PointPlaces.FollowSuccessionsAsync(db, ended, CancellationToken.None).GetAwaiter().GetResult();
            db.SaveChanges();
            if (!followed.Any(f => f.PointCode == point.Code && f.From != f.To)) break;
        }
        return db.ServicePoints.Single(p => p.Id == point.Id);
    });

    /// Visits counted at a point on a day (a tally, as the desk records them).
    public static void Visits(this BookpostApp app, int pointId, DateOnly day, int count) => app.WithDb(db =>
    {
        db.TallyEvents.Add(new TallyEvent
        {
            PointId = pointId, Day = day, Kind = TallyKind.Visit, Sex = Sex.Female, AgeBand = AgeBand.Adult, Delta = count,
            RecordedAt = app.UtcNow, RecordedBy = "test",
        });
        return db.SaveChanges();
    });

    /// Loans made at a point on a day to one reader, returned a week later.
    public static void Loans(this BookpostApp app, int pointId, int readerId, DateOnly day, int count)
    {
        var barcodes = app.Copies(count, pointId);
        app.WithDb(db =>
        {
            var items = db.Items.Where(i => barcodes.Contains(i.Barcode)).Select(i => i.Id).ToList();
            var at = day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            foreach (var item in items)
            {
                var loan = Loan.Lend(item, readerId, pointId, at, day.AddDays(14), "test");
                loan.Return(at.AddDays(7), pointId, "test");
                db.Loans.Add(loan);
            }
            return db.SaveChanges();
        });
    }
}
