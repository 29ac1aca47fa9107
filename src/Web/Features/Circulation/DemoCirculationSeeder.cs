using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Rotation.Seed;

namespace Bookpost.Web.Features.Circulation;

/// Demonstration data for the demo point's desk: the provincial default loan rules, demo set BLC-005 delivered to the
/// point a month ago by rotation's own demo (so there are books to lend), three readers and the newspapers it receives.
/// Runs once.
public sealed class DemoCirculationSeeder(AppDbContext db, DemoRotationSeeder rotation, ReaderPurpose purpose)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.LoanRules.AnyAsync(r => r.PointId == null, ct))
        {
            db.LoanRules.Add(new LoanRule { PointId = null, LoanDays = 14, MaxItems = 5, MaxRenewals = 2, ClosedDays = "0" });
            await db.SaveChangesAsync(ct);
        }
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        if (pointId is null || await db.Readers.AnyAsync(r => r.PointId == pointId, ct)) return;
        var now = db.UtcNow;
        var today = DateOnly.FromDateTime(now.AddHours(7));

        await rotation.DeliverToDemoPointAsync(pointId.Value, ct);

        (string Name, int Year, Sex Sex, ReaderCategory Category, bool Minority, bool Poor, string Village)[] readers =
        [
            ("Lò Thị Mai", 1988, Sex.Female, ReaderCategory.Farmer, true, true, "Bản Khằm"),
            ("Nguyễn Văn Hùng", 2010, Sex.Male, ReaderCategory.Pupil, false, false, "Thôn Đông"),
            ("Hà Văn Sơn", 1957, Sex.Male, ReaderCategory.Retired, true, false, "Bản Na"),
        ];
        var code = await db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.Code).SingleAsync(ct);
        for (var i = 0; i < readers.Length; i++)
        {
            var r = readers[i];
            var reader = new Reader
            {
                PointId = pointId.Value, CardNumber = $"{code}-{i + 1:D4}", FullName = r.Name, BirthYear = r.Year, Sex = r.Sex,
                Category = r.Category, EthnicMinority = r.Minority, PoorHousehold = r.Poor, Village = r.Village,
                ConsentOn = today.AddDays(-20), RegisteredOn = today.AddDays(-20), CreatedAt = now, UpdatedAt = now,
                ConsentPurposeKey = ReaderPurpose.Version, ConsentPurpose = purpose.Current,
            };
            reader.RefreshSearchText();
            db.Readers.Add(reader);
        }
        (string Title, PeriodicalFrequency Frequency)[] periodicals =
        [
            ("Nhân Dân", PeriodicalFrequency.Daily),
            ("Báo Thanh Hóa", PeriodicalFrequency.Daily),
            ("Nông thôn Ngày nay", PeriodicalFrequency.Daily),
            ("Tạp chí Văn hóa Thanh Hóa", PeriodicalFrequency.Monthly),
        ];
        foreach (var (title, frequency) in periodicals)
            db.Periodicals.Add(new Periodical { PointId = pointId.Value, Title = title, Frequency = frequency, CopiesExpected = 1 });
        await db.SaveChangesAsync(ct);
    }
}
