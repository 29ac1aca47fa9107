using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;

namespace Bookpost.Web.Features.Access;

/// Demonstration data for public computers: the demo point's five BMGF-VN computers and printer (one broken and
/// reported), its VNPT line with one outage, three weeks of sessions and a training class; the provincial library's
/// computer room. Beside it, a history from January 2025 at the points of <see cref="DemoSpread"/> that have computers
/// (issue 16): two computers each, sessions every month and a class a quarter. Deterministic; each part runs once.
public sealed class DemoAccessSeeder(AppDbContext db, ILogger<DemoAccessSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        if (pointId is null) return;
        await SeedDemoPointAsync(pointId, ct);
        await SeedHistoryAsync(pointId.Value, ct);
    }

    private async Task SeedDemoPointAsync(int? pointId, CancellationToken ct)
    {
        if (pointId is null) return;
        if (await db.Computers.AnyAsync(c => c.SiteId == pointId, ct)) return;
        var library = await db.ServicePoints.Where(p => p.Code == DemoNetworkSeeder.ProvincialLibraryCode).Select(p => p.Id)
            .SingleAsync(ct);
        var code = await db.ServicePoints.Where(p => p.Id == pointId).Select(p => p.Code).SingleAsync(ct);
        var now = db.UtcNow;
        var received = new DateTime(2012, 3, 15, 2, 0, 0, DateTimeKind.Utc);

        Computer Add(int site, string tag, EquipmentKind kind, EquipmentSource source, int year, string specs)
        {
            var c = new Computer { SiteId = site, AssetTag = tag, Kind = kind, Source = source, YearReceived = year, Specs = specs,
                CreatedAt = received, UpdatedAt = received };
            c.ChangeStatus(EquipmentStatus.Working, received, "system", "Nhận từ dự án");
            db.Computers.Add(c);
            return c;
        }

        var pcs = Enumerable.Range(1, 5).Select(i => Add(pointId.Value, $"{code}-MT{i:D2}", EquipmentKind.Desktop, EquipmentSource.BmgfVn,
            2012, "Core i3, RAM 4 GB, Windows 10")).ToList();
        Add(pointId.Value, $"{code}-MI01", EquipmentKind.Printer, EquipmentSource.BmgfVn, 2012, "Máy in laser A4");
        for (var i = 1; i <= 12; i++)
            Add(library, $"TVT-MT{i:D2}", i <= 10 ? EquipmentKind.Desktop : EquipmentKind.Laptop,
                i <= 8 ? EquipmentSource.BmgfVn : EquipmentSource.Province, i <= 8 ? 2012 : 2021, "Core i5, RAM 8 GB");
        db.InternetConnections.Add(new InternetConnection { SiteId = pointId.Value, Provider = "VNPT Thanh Hóa", BandwidthMbps = 30,
            MonthlyCostVnd = 240_000, Since = new DateOnly(2012, 3, 1) });
        db.InternetConnections.Add(new InternetConnection { SiteId = library, Provider = "Viettel", BandwidthMbps = 200,
            MonthlyCostVnd = 1_100_000, Since = new DateOnly(2015, 1, 1) });
        db.InternetOutages.Add(new InternetOutage { SiteId = pointId.Value, StartedAt = now.AddDays(-9).Date.AddHours(1),
            EndedAt = now.AddDays(-9).Date.AddHours(6), Note = "Đứt cáp quang do mưa bão", RecordedBy = "system" });
        await db.SaveChangesAsync(ct);

        // Three weeks of sessions, two to five a day, with a fixed pattern of profiles and purposes.
        (Sex Sex, AgeBand Age, bool Minority, bool Poor, Occupation Job, AccessPurpose Purposes)[] people =
        [
            (Sex.Female, AgeBand.Adult, true, true, Occupation.Farmer, AccessPurpose.Agriculture | AccessPurpose.InformationSearch),
            (Sex.Male, AgeBand.Youth, false, false, Occupation.Student, AccessPurpose.Learning | AccessPurpose.Communication),
            (Sex.Male, AgeBand.Adult, true, false, Occupation.Farmer, AccessPurpose.EGovernment),
            (Sex.Female, AgeBand.Youth, false, true, Occupation.Unemployed, AccessPurpose.JobSearch | AccessPurpose.Communication),
            (Sex.Female, AgeBand.Senior, false, false, Occupation.Retired, AccessPurpose.Health | AccessPurpose.InformationSearch),
            (Sex.Male, AgeBand.Child, true, true, Occupation.Pupil, AccessPurpose.Learning | AccessPurpose.Entertainment),
        ];
        var n = 0;
        for (var day = 21; day >= 1; day--)
        {
            var morning = now.Date.AddDays(-day).AddHours(1); // 08:00 in Vietnam
            for (var k = 0; k < 2 + day % 4; k++, n++)
            {
                var p = people[n % people.Length];
                var start = morning.AddMinutes(k * 75 + (n * 7) % 30);
                var minutes = 20 + (n * 13) % 70;
                db.AccessSessions.Add(new AccessSession
                {
                    ComputerId = pcs[k % 4].Id, SiteId = pointId.Value, StartedAt = start, EndedAt = start.AddMinutes(minutes),
                        Minutes = minutes,
                    Sex = p.Sex, AgeBand = p.Age, EthnicMinority = p.Minority, PoorHousehold = p.Poor, Occupation = p.Job,
                        FirstTime = n % 5 == 0,
                    Purposes = p.Purposes, Origin = n % 3 == 0 ? SessionOrigin.Entered : SessionOrigin.Desk, StartedBy = "demo-point",
                        EndedBy = "demo-point",
                });
            }
        }

        // The fifth computer broke two days ago and is waiting for the technician.
        var broken = pcs[4];
        var reportedAt = now.AddDays(-2);
        var ticket = new RepairTicket
        {
            ComputerId = broken.Id, SiteId = pointId.Value, Problem = "Không lên màn hình, quạt kêu to", ReportedAt = reportedAt,
                ReportedBy = "demo-point",
        };
        db.RepairTickets.Add(ticket);
        broken.ChangeStatus(EquipmentStatus.Broken, reportedAt, "demo-point", ticket.Problem, ticket);

        var training = new Training
        {
            SiteId = pointId.Value, Topic = "Sử dụng dịch vụ công trực tuyến và tra cứu thông tin nông nghiệp",
                Audience = TrainingAudience.Public,
            HeldOn = VnTime.DayOf(now).AddDays(-12), Hours = 3, Trainer = "Lê Thị Hằng (Thư viện tỉnh)",
            Participants = 3, Female = 2, EthnicMinority = 2, PoorHousehold = 1, CreatedAt = now,
        };
        training.Attendees.Add(new TrainingAttendee { FullName = "Lò Thị Mai", Sex = Sex.Female, BirthYear = 1988, EthnicMinority = true,
            PoorHousehold = true });
        training.Attendees.Add(new TrainingAttendee { FullName = "Hà Thị Lan", Sex = Sex.Female, BirthYear = 1975, EthnicMinority = true });
        training.Attendees.Add(new TrainingAttendee { FullName = "Nguyễn Văn Bình", Sex = Sex.Male, BirthYear = 1969 });
        db.Trainings.Add(training);
        await db.SaveChangesAsync(ct);
    }

    /// Who recorded the history: marks it, so it is added once (also to a demo database made before it existed).
    public const string HistoryBy = "demo-history";

    /// Two BMGF-VN computers at each point of <see cref="DemoSpread"/> that has computers, five to ten sessions a month
    /// from January 2025 to yesterday with anonymous profiles, and one class a quarter (counts only: no attendee list).
    private async Task SeedHistoryAsync(int demoPointId, CancellationToken ct)
    {
        if (await db.AccessSessions.AnyAsync(x => x.StartedBy == HistoryBy, ct)) return;
        await DemoSpread.WriteHistoryAsync(db, logger, () => WriteHistoryAsync(demoPointId, ct));
    }

    private async Task<int> WriteHistoryAsync(int demoPointId, CancellationToken ct)
    {
        var points = (await DemoSpread.PointsAsync(db, demoPointId, ct)).Where(p => p.HasComputers).ToList();
        var now = db.UtcNow;
        var yesterday = VnTime.DayOf(now).AddDays(-1);
        var received = new DateTime(2014, 6, 2, 2, 0, 0, DateTimeKind.Utc);
        var random = new Random(16_0701);
        var computers = new List<(Computer Computer, ServicePoint Point)>();
        foreach (var point in points)
            for (var i = 1; i <= 2; i++)
            {
                var c = new Computer { SiteId = point.Id, AssetTag = $"{point.Code}-MT{i:D2}", Kind = EquipmentKind.Desktop,
                    Source = EquipmentSource.BmgfVn, YearReceived = 2014, Specs = "Core i3, RAM 4 GB, Windows 10",
                    CreatedAt = received, UpdatedAt = received };
                c.ChangeStatus(EquipmentStatus.Working, received, "system", "Nhận từ dự án");
                computers.Add((c, point));
            }
        db.Computers.AddRange(computers.Select(c => c.Computer));
        await db.SaveChangesAsync(ct);

        var sexes = new[] { Sex.Female, Sex.Male };
        var ages = new[] { AgeBand.Child, AgeBand.Youth, AgeBand.Youth, AgeBand.Adult, AgeBand.Adult, AgeBand.Senior };
        var jobs = new[] { Occupation.Farmer, Occupation.Farmer, Occupation.Pupil, Occupation.Student, Occupation.Worker,
            Occupation.Unemployed, Occupation.Retired, Occupation.Business };
        var purposes = Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None).ToArray();
        string[] topics = ["Sử dụng dịch vụ công trực tuyến", "Tra cứu thông tin nông nghiệp",
            "An toàn khi dùng mạng xã hội",
            "Tìm việc làm trên mạng", "Thanh toán không dùng tiền mặt"];
        var sessions = new List<AccessSession>();
        var trainings = new List<Training>();
        foreach (var point in points)
        {
            var pcs = computers.Where(c => c.Point == point).Select(c => c.Computer).ToList();
            for (var month = DemoSpread.HistoryFrom; month <= yesterday; month = month.AddMonths(1))
            {
                var days = Math.Min(DateTime.DaysInMonth(month.Year, month.Month), yesterday.DayNumber - month.DayNumber + 1);
                for (var k = 5 + random.Next(6); k > 0; k--)
                {
                    var start = month.AddDays(random.Next(days)).ToDateTime(new TimeOnly(1 + random.Next(8), 5 * random.Next(12)),
                        DateTimeKind.Utc);
                    var minutes = 15 + random.Next(90);
                    sessions.Add(new AccessSession
                    {
                        ComputerId = pcs[random.Next(pcs.Count)].Id, SiteId = point.Id, StartedAt = start,
                        EndedAt = start.AddMinutes(minutes), Minutes = minutes, Sex = sexes[random.Next(2)],
                        AgeBand = ages[random.Next(ages.Length)], EthnicMinority = random.Next(3) == 0, PoorHousehold = random.Next(5) == 0,
                        Occupation = jobs[random.Next(jobs.Length)], FirstTime = random.Next(6) == 0,
                        Purposes = purposes[random.Next(purposes.Length)] | purposes[random.Next(purposes.Length)],
                        Origin = random.Next(3) == 0 ? SessionOrigin.Entered : SessionOrigin.Desk,
                        StartedBy = HistoryBy, EndedBy = HistoryBy,
                    });
                }
                if (month.Month % 3 != 2) continue;
                var held = month.AddDays(random.Next(days));
                var participants = 8 + random.Next(20);
                trainings.Add(new Training
                {
                    SiteId = point.Id, Topic = topics[random.Next(topics.Length)], Audience = TrainingAudience.Public, HeldOn = held,
                    Hours = 2 + random.Next(3), Trainer = "Cán bộ Thư viện tỉnh", Participants = participants,
                    Female = participants / 2 + random.Next(participants / 2), EthnicMinority = random.Next(participants / 2),
                    PoorHousehold = random.Next(participants / 4), CreatedAt = held.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                });
            }
        }
        // Thousands of sessions that nothing reads back here: one multi-row INSERT per 200, in one transaction.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Trainings.AddRange(trainings);
            await db.SaveChangesAsync(ct);
            await Data.MultiRowInsert.AppendAsync<AccessSession, AccessSession>(db, s_sessionColumns, sessions, (x, v, i) =>
            {
                (v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]) = (x.ComputerId, x.SiteId, x.StartedAt, x.EndedAt, x.Minutes);
                (v[i + 5], v[i + 6], v[i + 7], v[i + 8]) = (x.Sex.ToString(), x.AgeBand.ToString(), x.EthnicMinority, x.PoorHousehold);
                (v[i + 9], v[i + 10], v[i + 11], v[i + 12]) = (x.Occupation.ToString(), x.FirstTime, (int)x.Purposes, x.Origin.ToString());
                (v[i + 13], v[i + 14]) = (x.StartedBy, x.EndedBy);
            }, ct);
            await transaction.CommitAsync(ct);
        }
        return computers.Count + sessions.Count + trainings.Count;
    }

    private static readonly string[] s_sessionColumns =
    [
        nameof(AccessSession.ComputerId), nameof(AccessSession.SiteId), nameof(AccessSession.StartedAt), nameof(AccessSession.EndedAt),
        nameof(AccessSession.Minutes), nameof(AccessSession.Sex), nameof(AccessSession.AgeBand), nameof(AccessSession.EthnicMinority),
        nameof(AccessSession.PoorHousehold), nameof(AccessSession.Occupation), nameof(AccessSession.FirstTime),
        nameof(AccessSession.Purposes), nameof(AccessSession.Origin), nameof(AccessSession.StartedBy), nameof(AccessSession.EndedBy),
    ];
}
