using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Tests.Features.Network;

/// Test data of the network, with defaults, so each test makes and finds its own rows.
public static class NetworkBuilders
{
    private static int s_next;

    /// A code no other test uses (points are unique by code in a database shared by a class).
    public static string UniqueCode(string prefix = "T") => $"{prefix}-{Interlocked.Increment(ref s_next):D4}-{Guid.NewGuid():N}"[..20];

    /// The body of a point for the API, with defaults for everything but its code and commune.
    public static PointInput Point(string communeCode, string? code = null, string name = "Điểm BĐVHX Thử nghiệm") => new()
    {
        Code = code ?? UniqueCode(),
        Name = name,
        Kind = ServicePointKind.PostCulturePoint,
        Status = ServicePointStatus.Active,
        CommuneCode = communeCode,
        Address = "Thôn Đông",
        Phone = "0237 3123 456",
        HasComputers = true,
        HasInternet = true,
    };

    /// A point stored straight in the database (no API, no scope check): for tests about reading and grouping. It gets a
    /// commune history like every point: placed with <see cref="PointPlaces.Place"/> in the version of the code valid on
    /// <paramref name="on"/> (by default today's, or the code's last version when it no longer exists), from the day that
    /// version's run of the code began; a commune that has ended since takes the point along its successions (a divided
    /// one flags it for review), as the reform did to the demo points.
    public static ServicePoint AddPoint(this BookpostApp app, string communeCode, string? code = null,
        string name = "Điểm BĐVHX Thử nghiệm", DateOnly? on = null, double? latitude = null, double? longitude = null) =>
        app.WithDb(db =>
        {
            var now = app.UtcNow;
            // Ordered here: PostgreSQL sorts a null start (since before our records) last, SQLite first.
            var versions = db.AdminUnits.Where(u => u.Code == communeCode && u.Level == AdminLevel.Commune).ToList()
                .OrderBy(u => u.ValidFrom ?? DateOnly.MinValue).ToList();
            var day = on ?? app.Today;
            var chosen = versions.FirstOrDefault(u => u.IsValidOn(day)) ?? (on is null ? versions.LastOrDefault() : null)
                ?? throw new InvalidOperationException($"No commune {communeCode} on {day}.");
            // The point stood in the code since the first version of an unbroken run (a commune that changed district
            // keeps its code and its points).
            var first = chosen;
            for (var i = versions.IndexOf(chosen) - 1; i >= 0 && versions[i].ValidTo is { } end && end == first.ValidFrom; i--) first = versions[i];
            var point = new ServicePoint { CreatedAt = now };
            (Point(communeCode, code, name) with { Latitude = latitude, Longitude = longitude, OpenedOn = on })
                .ApplyTo(point, now, "test");
            PointPlaces.Place(point, first, on);
            db.ServicePoints.Add(point);
            db.SaveChanges();
            for (var ended = chosen.ValidTo; ended is { } end && end <= app.Today; )
            {
                PointPlaces.FollowSuccessionsAsync(db, end, CancellationToken.None).GetAwaiter().GetResult();
                db.SaveChanges();
                var next = db.PointCommunes.Single(l => l.ServicePointId == point.Id && l.ValidTo == null);
                ended = next.ValidFrom == end
                    ? db.AdminUnits.Where(AdminUnit.ValidOn(end)).Where(u => u.Code == next.CommuneCode).Select(u => u.ValidTo).Single()
                    : null;
            }
            db.Entry(point).Reload();
            return point;
        });

    /// The code of a commune under a district on a past day (the n-th by code), for tests that place points in history.
    public static string CommuneIn(this BookpostApp app, string districtCode, int skip, DateOnly on) => app.WithDb(db =>
        db.AdminUnits.Where(AdminUnit.ValidOn(on)).Where(u => u.Level == AdminLevel.Commune && u.ParentCode == districtCode)
            .OrderBy(u => u.Code).Skip(skip).Select(u => u.Code).First());

    /// The code of one of today's communes in a former district's area (the n-th by code) that lies in no other area, so
    /// a point there is inside this area's scope and outside every other's.
    public static string CommuneIn(this BookpostApp app, string districtCode, int skip = 0) => app.WithDb(db =>
    {
        var today = app.Today;
        var others = db.AdminUnitSuccessions.Where(s => s.EffectiveOn == AdminUnit.TwoTierSince && s.Predecessor.Level == AdminLevel.Commune
            && s.Predecessor.ParentCode != districtCode).Select(s => s.SuccessorId);
        return db.CommunesOfArea(districtCode, today).Where(u => !others.Contains(u.Id))
            .OrderBy(u => u.Code).Skip(skip).Select(u => u.Code).First();
    });

    /// One of today's communes outside a former district's area (the n-th by code).
    public static string CommuneOutside(this BookpostApp app, string districtCode, int skip = 0) => app.WithDb(db =>
    {
        var today = app.Today;
        var area = db.CommunesOfArea(districtCode, today).Select(u => u.Id);
        return db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune && !area.Contains(u.Id))
            .OrderBy(u => u.Code).Skip(skip).Select(u => u.Code).First();
    });

    /// The former district the demo-district account follows.
    public static string DemoDistrict(this BookpostApp app) =>
        app.WithDb(db => db.Users.Where(u => u.UserName == "demo-district").Select(u => u.ScopeAreaCode!).Single());
}
