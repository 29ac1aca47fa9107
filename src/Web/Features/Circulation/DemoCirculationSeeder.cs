using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Rotation.Seed;

namespace Bookpost.Web.Features.Circulation;

/// Demonstration data for the demo point's desk: the provincial default loan rules, demo set BLC-005 delivered to the
/// point a month ago by rotation's own demo (so there are books to lend), three readers and the newspapers it receives.
/// Beside it, a history from January 2025 at the points of <see cref="DemoSpread"/> (issue 16): readers, a small shelf
/// of copies lent and returned, and reading and visit tallies. Each part runs once.
public sealed class DemoCirculationSeeder(AppDbContext db, DemoRotationSeeder rotation, ReaderPurpose purpose,
    ILogger<DemoCirculationSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.LoanRules.AnyAsync(r => r.PointId == null, ct))
        {
            db.LoanRules.Add(new LoanRule { PointId = null, LoanDays = 14, MaxItems = 5, MaxRenewals = 2, ClosedDays = "0" });
            await db.SaveChangesAsync(ct);
        }
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        if (pointId is null) return;
        await SeedDemoPointAsync(pointId.Value, ct);
        await SeedHistoryAsync(pointId.Value, ct);
    }

    private async Task SeedDemoPointAsync(int? pointId, CancellationToken ct)
    {
        if (pointId is null) return;
        if (await db.Readers.AnyAsync(r => r.PointId == pointId, ct)) return;
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

    /// Who recorded the history: marks it, so it is added once (also to a demo database made before it existed).
    public const string HistoryBy = "demo-history";

    /// Readers registered over the months, copies lent and returned a few times a month, and reading and visit tallies on
    /// a few days a month, from January 2025 to yesterday. One seeded Random in a fixed order of points keeps it the same
    /// at every first start. Readers are personal data: each stays at its point, like every reader.
    private async Task SeedHistoryAsync(int demoPointId, CancellationToken ct)
    {
        if (await db.TallyEvents.AnyAsync(e => e.RecordedBy == HistoryBy, ct)) return;
        await DemoSpread.WriteHistoryAsync(db, logger, () => WriteHistoryAsync(demoPointId, ct));
    }

    private async Task<int> WriteHistoryAsync(int demoPointId, CancellationToken ct)
    {
        var titles = await db.Titles.OrderBy(t => t.Id).Select(t => t.Id).Take(60).ToListAsync(ct);
        if (titles.Count == 0) return 0;
        var points = await DemoSpread.PointsAsync(db, demoPointId, ct);
        var libraries = await db.ServicePoints
            .Where(p => p.Kind == ServicePointKind.DistrictLibrary || p.Kind == ServicePointKind.ProvincialLibrary)
            .Select(p => new { p.Id, p.Code, p.Kind }).ToListAsync(ct);
        var provincial = libraries.Single(l => l.Kind == ServicePointKind.ProvincialLibrary).Id;
        var areas = await Network.Points.PointAreas.AreaKeysAsync(db, VnTime.DayOf(db.UtcNow), ct);
        var now = db.UtcNow;
        var today = VnTime.DayOf(now);
        var random = new Random(16_2025);
        string[] villages =
            ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn Đông", "Thôn Tây", "Xóm Chùa", "Bản Na", "Bản Khằm", "Làng Trung"];
        var categories = Enum.GetValues<ReaderCategory>();
        var readers = new List<(Reader Reader, ServicePoint Point)>();
        var shelf = new List<(Item Item, ServicePoint Point)>();
        foreach (var point in points)
        {
            // The point's own shelf: copies the district library of its area placed there for good.
            var owner = libraries.FirstOrDefault(l => l.Code == "TV-" + areas.GetValueOrDefault(point.Id, ""))?.Id ?? provincial;
            for (var i = 1; i <= 4; i++)
            {
                var item = new Item
                {
                    Barcode = $"{point.Code}-TS{i:D2}", TitleId = titles[random.Next(titles.Count)], OwnerId = owner, LocationId = point.Id,
                    AcquiredOn = new DateOnly(2024, 12, 15), Note = "Tủ sách tại điểm", CreatedAt = now, UpdatedAt = now,
                };
                shelf.Add((item, point));
            }
            var count = 5 + random.Next(6);
            for (var i = 1; i <= count; i++)
            {
                var (name, sex) = People.DemoNames.Person(random);
                var registered = DemoSpread.HistoryFrom.AddDays(random.Next(today.DayNumber - DemoSpread.HistoryFrom.DayNumber));
                var at = registered.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
                var reader = new Reader
                {
                    PointId = point.Id, CardNumber = $"{point.Code}-{i:D4}", FullName = name, Sex = sex,
                    BirthYear = 1950 + random.Next(65), Category = categories[random.Next(categories.Length)],
                    EthnicMinority = random.Next(3) == 0, PoorHousehold = random.Next(5) == 0,
                    Village = villages[random.Next(villages.Length)],
                    ConsentOn = registered, RegisteredOn = registered, CreatedAt = at, UpdatedAt = at,
                    ConsentPurposeKey = ReaderPurpose.Version, ConsentPurpose = purpose.Current,
                };
                reader.RefreshSearchText();
                readers.Add((reader, point));
            }
        }
        db.Items.AddRange(shelf.Select(s => s.Item));
        db.Readers.AddRange(readers.Select(r => r.Reader));
        await db.SaveChangesAsync(ct);

        var loans = new List<HistoryLoan>();
        var tallies = new List<TallyEvent>();
        var yesterday = today.AddDays(-1);
        foreach (var point in points)
        {
            var theirs = readers.Where(r => r.Point == point).Select(r => r.Reader).ToList();
            var copies = shelf.Where(s => s.Point == point).Select(s => s.Item).ToList();
            var free = copies.ToDictionary(c => c.Id, _ => DemoSpread.HistoryFrom);
            for (var month = DemoSpread.HistoryFrom; month <= yesterday; month = month.AddMonths(1))
            {
                var days = Math.Min(DateTime.DaysInMonth(month.Year, month.Month), yesterday.DayNumber - month.DayNumber + 1);
                // Tallies on two days of the month: readings by sex and the visits of the day.
                for (var k = 0; k < 2; k++)
                {
                    var day = month.AddDays(random.Next(days));
                    var at = day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
                    tallies.Add(Tally(point.Id, day, TallyKind.Reading, Sex.Female, 2 + random.Next(8), at));
                    tallies.Add(Tally(point.Id, day, TallyKind.Reading, Sex.Male, 1 + random.Next(7), at));
                    tallies.Add(Tally(point.Id, day, TallyKind.Visit, Sex.Unknown, 4 + random.Next(12), at));
                }
                // Two to five loans, each to a reader already registered, of a copy that is back on the shelf.
                for (var k = 2 + random.Next(4); k > 0; k--)
                {
                    var day = month.AddDays(random.Next(days));
                    var reader = theirs.Where(r => r.RegisteredOn <= day).OrderBy(_ => random.Next()).FirstOrDefault();
                    var copy = copies.Where(c => free[c.Id] <= day).OrderBy(_ => random.Next()).FirstOrDefault();
                    var back = day.AddDays(5 + random.Next(20));
                    if (reader is null || copy is null || back > yesterday) continue;
                    loans.Add(new HistoryLoan(copy.Id, reader.Id, point.Id, day.ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc),
                        day.AddDays(14), back.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc)));
                    free[copy.Id] = back.AddDays(1);
                }
            }
        }
        // Thousands of rows that nothing reads back here: one multi-row INSERT per 200, in one transaction.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await MultiRowInsert.AppendAsync<Loan, HistoryLoan>(db, s_loanColumns, loans, (l, v, i) =>
            {
                (v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4], v[i + 5]) = (l.ItemId, l.ReaderId, l.PointId, l.LentAt, l.DueOn, 0);
                (v[i + 6], v[i + 7], v[i + 8], v[i + 9]) = (l.ReturnedAt, l.PointId, HistoryBy, HistoryBy);
            }, ct);
            await MultiRowInsert.AppendAsync<TallyEvent, TallyEvent>(db, s_tallyColumns, tallies, (t, v, i) =>
            {
                (v[i], v[i + 1], v[i + 2], v[i + 3]) = (t.PointId, t.Day, t.Kind.ToString(), t.Sex.ToString());
                (v[i + 4], v[i + 5], v[i + 6], v[i + 7]) = (t.AgeBand.ToString(), t.Delta, t.RecordedAt, t.RecordedBy);
            }, ct);
            await transaction.CommitAsync(ct);
        }
        return shelf.Count + readers.Count + loans.Count + tallies.Count;
    }

    private sealed record HistoryLoan(int ItemId, int ReaderId, int PointId, DateTime LentAt, DateOnly DueOn, DateTime ReturnedAt);

    private static readonly string[] s_loanColumns =
    [
        nameof(Loan.ItemId), nameof(Loan.ReaderId), nameof(Loan.PointId), nameof(Loan.LentAt), nameof(Loan.DueOn), nameof(Loan.Renewals),
        nameof(Loan.ReturnedAt), nameof(Loan.ReturnedAtPointId), nameof(Loan.LentBy), nameof(Loan.ReturnedBy),
    ];

    private static readonly string[] s_tallyColumns =
    [
        nameof(TallyEvent.PointId), nameof(TallyEvent.Day), nameof(TallyEvent.Kind), nameof(TallyEvent.Sex), nameof(TallyEvent.AgeBand),
        nameof(TallyEvent.Delta), nameof(TallyEvent.RecordedAt), nameof(TallyEvent.RecordedBy),
    ];

    private static TallyEvent Tally(int pointId, DateOnly day, TallyKind kind, Sex sex, int delta, DateTime at) => new()
    {
        PointId = pointId, Day = day, Kind = kind, Sex = sex, AgeBand = AgeBand.Unknown, Delta = delta, RecordedAt = at,
        RecordedBy = HistoryBy,
    };
}
