using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Network.Seed;

namespace Bookpost.Web.Features.Access;

/// Demonstration data for public computers: the demo point's five BMGF-VN computers and printer (one broken and
/// reported), its VNPT line with one outage, three weeks of sessions and a training class; the provincial library's
/// computer room. Deterministic, and runs once.
public sealed class DemoAccessSeeder(AppDbContext db)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var pointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        if (pointId is null || await db.Computers.AnyAsync(c => c.SiteId == pointId, ct)) return;
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
}
