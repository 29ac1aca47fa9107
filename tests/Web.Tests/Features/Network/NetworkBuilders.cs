using Bookpost.Web.Data;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Tests.Infrastructure;

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

    /// A point stored straight in the database (no API, no scope check): for tests about reading and grouping.
    public static ServicePoint AddPoint(this BookpostApp app, string communeCode, string? code = null,
        string name = "Điểm BĐVHX Thử nghiệm") =>
        app.WithDb(db =>
        {
            var now = app.UtcNow;
            var point = new ServicePoint { CreatedAt = now };
            Point(communeCode, code, name).ApplyTo(point, now, "test");
            db.ServicePoints.Add(point);
            db.SaveChanges();
            return point;
        });

    /// The code of a commune valid on a day under a district (the n-th by code), for tests that place points.
    public static string CommuneIn(this BookpostApp app, string districtCode, int skip = 0, DateOnly? on = null) => app.WithDb(db =>
    {
        var day = on ?? app.Today;
        return db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => u.Level == AdminLevel.Commune && u.ParentCode == districtCode)
            .OrderBy(u => u.Code).Skip(skip).Select(u => u.Code).First();
    });
}
