using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Features.Planning.Meetings;
using Bookpost.Web.Features.Planning.Plans;
using Bookpost.Web.Features.Planning.Targets;
using Bookpost.Web.Features.Planning.Tasks;
using Bookpost.Web.Features.Planning.Units;
using Bookpost.Web.Features.Reports;
using TaskStatus = Bookpost.Web.Features.Planning.Tasks.TaskStatus;

namespace Bookpost.Web.Features.Planning.Reminders;

/// <summary>
/// The demo's follow-up work, as the issue tells it: the conference of 20/9/2017 held by the department (Sở TT&amp;TT), its
/// conclusions and the tasks they became (all finished by now, some late); the BMGF-VN sustainability plan 2017–2020 the
/// province issued after it, with yearly targets on figures the demo history (2013–2024) fills; and a plan for the current
/// year whose tasks sit with the provincial library, the post office, the area and commune offices of the demo accounts and
/// the demo point: some overdue, some due within three days, some done. Demo accounts get e-mail addresses
/// (demo-…@bookpost.example) so the digest has somewhere to go. Rows are made directly (the APIs are not needed to tell a
/// story that already happened); each part runs once, the current year's plan once a year.
/// </summary>
public sealed class DemoPlanningSeeder(AppDbContext db, PlanningUnits units, TimeProvider clock, ILogger<DemoPlanningSeeder> logger)
{
    /// Who made the demo plans, meetings and tasks: marks them, so they are added once.
    public const string By = "demo-planning";
    public static readonly DateOnly ConferenceDay = new(2017, 9, 20);
    public const string SustainabilityNumber = "4215/QĐ-UBND";
    public const string EmailDomain = "bookpost.example";

    /// The indicators the targets are set on (Features/Access/AccessIndicators.cs, Features/Circulation): Planning may not
    /// reference those features, so their codes are repeated here; IndicatorCodesTests-style checks live in the tests.
    public const string WorkingShare = "access.computers_working_pct";
    public const string Sessions = "access.sessions";
    public const string Loans = "circulation.loans";

    private const string Department = "Sở Thông tin và Truyền thông";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Code == PlanningUnits.DepartmentCode, ct)) return;
        await SeedEmailsAsync(ct);
        await SeedConferenceAsync(ct);
        await SeedCurrentYearAsync(ct);
    }

    /// demo-admin → demo-admin@bookpost.example, for the accounts that have no address yet.
    private async Task SeedEmailsAsync(CancellationToken ct)
    {
        var users = await db.Users.Where(u => u.UserName!.StartsWith("demo-") && (u.Email == null || u.Email == "")).ToListAsync(ct);
        foreach (var user in users)
        {
            user.Email = $"{user.UserName}@{EmailDomain}";
            user.NormalizedEmail = user.Email.ToUpperInvariant();
            user.EmailConfirmed = true;
        }
        if (users.Count > 0) await db.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<string, int>> OrgsAsync(CancellationToken ct) =>
        await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, ct);

    private static DateTime At(DateOnly day, int hour = 9) => VnTime.StartOfDayUtc(day).AddHours(hour);

    // ---- 2017: the conference and the sustainability plan -------------------------------------------------------------

    private async Task SeedConferenceAsync(CancellationToken ct)
    {
        if (await db.Meetings.AnyAsync(m => m.CreatedBy == By && m.Date == ConferenceDay, ct)) return;
        var orgs = await OrgsAsync(ct);
        if (!orgs.TryGetValue("STTTT", out var sttt) || !orgs.TryGetValue("UBND-TINH", out var ubnd)) return;
        int? Org(string code) => orgs.TryGetValue(code, out var id) ? id : null;
        var districts = await DistrictOfficesAsync(ConferenceDay, 4, ct);

        var plan = new Plan
        {
            Kind = PlanKind.Plan,
            Title = "Kế hoạch duy trì bền vững kết quả Dự án “Nâng cao khả năng sử dụng máy tính và truy nhập Internet công cộng tại "
                + "Việt Nam” (BMGF-VN) trên địa bàn tỉnh Thanh Hóa giai đoạn 2017–2020",
            FromYear = 2017, ToYear = 2020, AreaCode = ReferenceDataSeeder.ProvinceCode,
            DraftingOrganizationId = sttt, IssuingOrganizationId = ubnd,
            Purpose = "Duy trì hoạt động của các điểm truy nhập Internet công cộng, điểm Bưu điện – Văn hóa xã và thư viện được Dự án "
                + "BMGF-VN trang bị sau khi Dự án kết thúc; bảo đảm máy tính hoạt động tốt, sách được luân chuyển đều đặn và người dân, "
                + "nhất là ở vùng nông thôn, miền núi, được phục vụ thường xuyên.",
            Content = "1. Duy trì tỷ lệ máy tính hoạt động tốt tại các điểm từ 90% trở lên; sửa chữa, thay thế kịp thời máy hỏng.\n"
                + "2. Bảo đảm mỗi điểm được luân chuyển sách ít nhất hai đợt mỗi năm từ Thư viện tỉnh.\n"
                + "3. Duy trì số lượt người sử dụng máy tính và lượt mượn sách hằng năm.\n"
                + "4. Tập huấn nghiệp vụ cho cán bộ các điểm; kiểm tra định kỳ hoạt động các điểm.",
            Implementation = "Sở Thông tin và Truyền thông chủ trì, theo dõi, tổng hợp báo cáo UBND tỉnh hằng năm. Sở Văn hóa, Thể thao "
                + "và Du lịch chỉ đạo Thư viện tỉnh luân chuyển sách, hướng dẫn nghiệp vụ. Bưu điện tỉnh duy trì hoạt động các điểm "
                + "Bưu điện – Văn hóa xã. UBND các huyện, thị xã, thành phố chỉ đạo Phòng Văn hóa và Thông tin kiểm tra các điểm trên "
                + "địa bàn.",
            // Left issued (not closed) so its page still reads as the province's plan in force while the department reviews it.
            Status = PlanStatus.Issued, IssuedNumber = SustainabilityNumber, IssuedOn = new DateOnly(2017, 11, 8),
            CreatedAt = At(new DateOnly(2017, 10, 2)), CreatedBy = By, UpdatedAt = At(new DateOnly(2017, 11, 8)), Version = 1,
        };
        plan.Bases.Add(new PlanBasis { Order = 1, Number = "77/2015/QH13", Date = new DateOnly(2015, 6, 19), Issuer = "Quốc hội",
            Title = "Luật Tổ chức chính quyền địa phương" });
        plan.Bases.Add(new PlanBasis { Order = 2, Number = "125/TB-STTTT", Date = new DateOnly(2017, 9, 25), Issuer = Department,
            Title = "Thông báo kết luận Hội nghị tổng kết Dự án BMGF-VN trên địa bàn tỉnh ngày 20/9/2017" });
        plan.Bases.Add(new PlanBasis { Order = 3, Number = "88/TTr-STTTT", Date = new DateOnly(2017, 10, 20), Issuer = Department,
            Title = "Tờ trình đề nghị ban hành Kế hoạch duy trì bền vững kết quả Dự án BMGF-VN giai đoạn 2017–2020" });
        AddStep(plan, null, PlanStatus.Draft, new DateOnly(2017, 10, 2), "Phòng Bưu chính, Viễn thông – Sở TT&TT", "Dự thảo lần 1");
        AddStep(plan, PlanStatus.Draft, PlanStatus.Submitted, new DateOnly(2017, 10, 20), "Phó Giám đốc Sở TT&TT",
            "Tờ trình số 88/TTr-STTTT");
        AddStep(plan, PlanStatus.Submitted, PlanStatus.Issued, new DateOnly(2017, 11, 8), "Văn phòng UBND tỉnh",
            $"Quyết định số {SustainabilityNumber}");
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);

        // Yearly targets, province-wide: the history's accepted returns and the equipment records give the actual values.
        for (var year = 2017; year <= 2020; year++)
        {
            AddTarget(plan.Id, WorkingShare, year, 90, "Tỷ lệ máy tính hoạt động tốt từ 90% trở lên");
            AddTarget(plan.Id, Sessions, year, 60_000 + (year - 2017) * 5_000, "Lượt người sử dụng máy tính trong năm");
            AddTarget(plan.Id, Loans, year, 90_000 + (year - 2017) * 10_000, "Lượt sách cho mượn về nhà trong năm");
        }

        var meeting = new Meeting
        {
            Date = ConferenceDay,
            Title = "Hội nghị tổng kết Dự án BMGF-VN và triển khai duy trì bền vững kết quả Dự án trên địa bàn tỉnh",
            Place = "Hội trường Sở Thông tin và Truyền thông, TP Thanh Hóa", OrganizationId = sttt,
            ChairName = "Lê Văn Thành", ChairPosition = "Phó Giám đốc Sở Thông tin và Truyền thông",
            Agenda = "1. Báo cáo kết quả thực hiện Dự án BMGF-VN trên địa bàn tỉnh.\n2. Ý kiến của các đơn vị tham dự.\n"
                + "3. Triển khai xây dựng Kế hoạch duy trì bền vững giai đoạn 2017–2020.\n4. Giao nhiệm vụ quý IV/2017.",
            // The figures are those of the demo history up to the conference (DemoHistorySeeder: 112 points, 12,395 titles).
            Minutes = "Sở Thông tin và Truyền thông báo cáo: đến ngày 20/9/2017, 112 điểm đã nhận sách luân chuyển với tổng số 12.395 "
                + "đầu sách; các điểm được trang bị máy tính và kết nối Internet phục vụ người dân. Thư viện tỉnh, Bưu điện tỉnh và "
                + "các Phòng Văn hóa và Thông tin phát biểu về khó khăn: máy tính xuống cấp, kinh phí duy trì đường truyền, cán bộ "
                + "điểm thay đổi. Đồng chí Phó Giám đốc Sở kết luận và giao nhiệm vụ cho các đơn vị.",
            NoticeNumber = "125/TB-STTTT", NoticeDate = new DateOnly(2017, 9, 25), PlanId = plan.Id,
            CreatedAt = At(ConferenceDay, 15), CreatedBy = By, UpdatedAt = At(new DateOnly(2017, 9, 25)), Version = 1,
        };
        void Present(string code, string attendees)
        {
            if (Org(code) is { } id) meeting.Units.Add(new MeetingUnit { OrganizationId = id, Attendees = attendees });
        }
        Present("STTTT", "Lê Văn Thành – Phó Giám đốc; Trịnh Thị Hoa – Trưởng phòng Bưu chính, Viễn thông");
        Present("SVHTTDL", "Nguyễn Đức Minh – Phó Trưởng phòng Quản lý văn hóa");
        Present("BD-TINH", "Phạm Văn Long – Phó Giám đốc Bưu điện tỉnh");
        Present("TV-TINH", "Hoàng Thị Lan – Giám đốc Thư viện tỉnh");
        foreach (var (id, _, _) in districts) meeting.Units.Add(new MeetingUnit { OrganizationId = id, Attendees = "Trưởng phòng" });
        string[] conclusions =
        [
            "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp Sở Văn hóa, Thể thao và Du lịch, Thư viện tỉnh, Bưu điện tỉnh xây "
                + "dựng Kế hoạch duy trì bền vững kết quả Dự án BMGF-VN giai đoạn 2017–2020, trình Chủ tịch UBND tỉnh trước ngày "
                + "31/10/2017.",
            "Thư viện tỉnh tiếp tục luân chuyển sách tới các điểm; hoàn thành đợt luân chuyển quý IV/2017 trước ngày 15/12/2017.",
            "Bưu điện tỉnh rà soát, sửa chữa máy tính hỏng tại các điểm Bưu điện – Văn hóa xã; báo cáo kết quả trước ngày 30/11/2017.",
            "Các Phòng Văn hóa và Thông tin kiểm tra hoạt động các điểm trên địa bàn, báo cáo Sở trước ngày 15/12/2017.",
            "Sở Văn hóa, Thể thao và Du lịch chỉ đạo tập huấn nghiệp vụ thư viện cho cán bộ các điểm trong quý IV/2017.",
        ];
        for (var i = 0; i < conclusions.Length; i++)
            meeting.Conclusions.Add(new MeetingConclusion { Number = i + 1, Text = conclusions[i] });
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        var c = meeting.Conclusions.OrderBy(x => x.Number).ToList();

        // The tasks the conclusions became: all finished by now; the library's rotation and one district came in late.
        var assigned = new DateOnly(2017, 9, 25);
        var made = new List<PlanTask>
        {
            Done(Task("Xây dựng Kế hoạch duy trì bền vững Dự án BMGF-VN giai đoạn 2017–2020, trình UBND tỉnh", sttt, null,
                new DateOnly(2017, 10, 31), assigned, plan.Id, meeting.Id, c[0].Id, [Org("SVHTTDL"), Org("TV-TINH"), Org("BD-TINH")]),
                new DateOnly(2017, 10, 20), "Đã trình UBND tỉnh tại Tờ trình số 88/TTr-STTTT.",
                (new DateOnly(2017, 10, 5), 40, "Đã xong dự thảo, gửi xin ý kiến các đơn vị.")),
            Done(Task("Hoàn thành đợt luân chuyển sách quý IV/2017 tới các điểm", Org("TV-TINH"), null, new DateOnly(2017, 12, 15),
                assigned, plan.Id, meeting.Id, c[1].Id, [Org("BD-TINH")]),
                new DateOnly(2017, 12, 28), "Hoàn thành chậm 13 ngày do sách bổ sung về muộn.",
                (new DateOnly(2017, 11, 10), 50, "Đã đóng gói 20 bộ sách, chờ Bưu điện vận chuyển.")),
            Done(Task("Rà soát, sửa chữa máy tính hỏng tại các điểm Bưu điện – Văn hóa xã", Org("BD-TINH"), null,
                new DateOnly(2017, 11, 30), assigned, plan.Id, meeting.Id, c[2].Id, []),
                new DateOnly(2017, 11, 24), "Đã sửa 14 máy, thay 3 máy; báo cáo gửi Sở.",
                (new DateOnly(2017, 10, 30), 60, "Đã rà soát xong, 17 máy cần sửa.")),
            Done(Task("Hướng dẫn, tập huấn nghiệp vụ thư viện cho cán bộ các điểm", Org("SVHTTDL"), null, new DateOnly(2017, 12, 31),
                assigned, plan.Id, meeting.Id, c[4].Id, [Org("TV-TINH")]),
                new DateOnly(2017, 12, 12), "Đã tổ chức 2 lớp cho 86 cán bộ điểm."),
        };
        var late = true;
        foreach (var (id, _, _) in districts)
        {
            var task = Task("Kiểm tra hoạt động các điểm trên địa bàn, báo cáo Sở", id, null, new DateOnly(2017, 12, 15), assigned,
                plan.Id, meeting.Id, c[3].Id, []);
            made.Add(late ? Done(task, new DateOnly(2018, 1, 8), "Báo cáo chậm; đã kiểm tra đủ các điểm.")
                : Done(task, new DateOnly(2017, 12, 11), "Đã kiểm tra, báo cáo Sở."));
            late = false;
        }
        db.PlanTasks.AddRange(made.Where(t => t.LeadOrganizationId is not null));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the 20/9/2017 conference, {Tasks} tasks and the 2017–2020 sustainability plan", made.Count);
    }

    /// The former districts' culture offices valid on a day: the demo area user's first, then others by code.
    private async Task<List<(int Id, string Code, string Name)>> DistrictOfficesAsync(DateOnly day, int count, CancellationToken ct)
    {
        var area = await db.Users.Where(u => u.UserName == "demo-district").Select(u => u.ScopeAreaCode).FirstOrDefaultAsync(ct);
        var offices = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.CultureOffice && o.Code.StartsWith("PVHTT-")
                && (o.ValidFrom == null || o.ValidFrom <= day) && (o.ValidTo == null || o.ValidTo > day))
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Code, o.Name, o.AreaCode }).ToListAsync(ct);
        return offices.OrderBy(o => o.AreaCode == area ? 0 : 1).ThenBy(o => o.Code, StringComparer.Ordinal).Take(count)
            .Select(o => (o.Id, o.Code, o.Name)).ToList();
    }

    // ---- The current year ----------------------------------------------------------------------------------------------

    private async Task SeedCurrentYearAsync(CancellationToken ct)
    {
        var today = clock.Today();
        if (await db.Plans.AnyAsync(p => p.CreatedBy == By && p.FromYear == today.Year && p.ToYear == today.Year, ct)) return;
        var orgs = await OrgsAsync(ct);
        if (!orgs.TryGetValue("UBND-TINH", out var ubnd) || await units.DepartmentAsync(today, ct) is not { } department) return;
        int? Org(string code) => orgs.TryGetValue(code, out var id) ? id : null;
        var year = today.Year;
        var issued = new DateOnly(year, 1, 15) < today ? new DateOnly(year, 1, 15) : today;
        var drafted = issued.AddDays(-20);
        var plan = new Plan
        {
            Kind = PlanKind.Plan,
            Title = $"Kế hoạch duy trì, nâng cao hiệu quả hoạt động các điểm Bưu điện – Văn hóa xã, thư viện cơ sở và điểm truy nhập "
                + $"Internet công cộng năm {year}",
            FromYear = year, ToYear = year, AreaCode = ReferenceDataSeeder.ProvinceCode,
            DraftingOrganizationId = department, IssuingOrganizationId = ubnd,
            Purpose = "Duy trì hoạt động thường xuyên của các điểm phục vụ đọc sách và truy nhập Internet công cộng; theo dõi kết quả "
                + "bằng số liệu các điểm báo cáo trên Bookpost.",
            Content = "1. Luân chuyển sách tới các điểm theo kế hoạch của Thư viện tỉnh.\n2. Bảo đảm máy tính, đường truyền Internet "
                + "tại các điểm hoạt động tốt.\n3. Kiểm tra hoạt động các điểm ít nhất mỗi quý một lần.\n4. Báo cáo định kỳ đúng hạn.",
            Implementation = "Sở chủ trì theo dõi; Thư viện tỉnh, Bưu điện tỉnh, Phòng Văn hóa – Xã hội các xã, phường và các điểm "
                + "thực hiện nhiệm vụ được giao, cập nhật tiến độ trên Bookpost.",
            Status = PlanStatus.Issued, IssuedNumber = $"{215 + year % 100}/QĐ-UBND", IssuedOn = issued,
            CreatedAt = At(drafted), CreatedBy = By, UpdatedAt = At(issued), Version = 1,
        };
        plan.Bases.Add(new PlanBasis { Order = 1, Number = SustainabilityNumber, Date = new DateOnly(2017, 11, 8),
            Issuer = "Ủy ban nhân dân tỉnh Thanh Hóa", Title = "Kế hoạch duy trì bền vững kết quả Dự án BMGF-VN giai đoạn 2017–2020" });
        AddStep(plan, null, PlanStatus.Draft, drafted, "Sở (phòng chuyên môn)", null);
        AddStep(plan, PlanStatus.Draft, PlanStatus.Submitted, drafted.AddDays(7) < issued ? drafted.AddDays(7) : issued, "Lãnh đạo Sở",
            null);
        AddStep(plan, PlanStatus.Submitted, PlanStatus.Issued, issued, "Văn phòng UBND tỉnh", $"Quyết định số {plan.IssuedNumber}");
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        AddTarget(plan.Id, WorkingShare, year, 90, "Tỷ lệ máy tính hoạt động tốt từ 90% trở lên");
        AddTarget(plan.Id, Sessions, year, 1_500, "Lượt người sử dụng máy tính trong năm (ghi trên Bookpost)");

        // The units of the demo accounts, as the inbox finds them.
        async Task<int?> OrgOf(string user)
        {
            var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.UserName == user, ct);
            if (u is null) return null;
            var scope = new UserScope(u.Id, u.UserName!, u.Role, u.ScopeKind, UserScope.AreaOf(u), u.ScopeAreaCode, u.ScopePointId);
            return (await units.UnitOfAsync(scope, ct))?.OrganizationId;
        }
        var library = Org("TV-TINH");
        var post = Org(PlanningUnits.PostOfficeCode);
        var area = await OrgOf("demo-district");
        var commune = await OrgOf("demo-commune");
        var point = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).FirstOrDefaultAsync(ct);
        DateOnly D(int days) => today.AddDays(days);
        var tasks = new List<PlanTask>
        {
            // Overdue (the deadline passed, still open or in progress).
            Progress(Task("Luân chuyển đợt sách quý IV tới các điểm Bưu điện – Văn hóa xã", library, null, D(-12), D(-60), plan.Id,
                null, null, [post]), (D(-20), 40, "Đã chuẩn bị 12 bộ sách; chờ xe vận chuyển của Bưu điện.")),
            Task("Tổng hợp số liệu luân chuyển sách 9 tháng gửi Sở", library, null, D(-3), D(-30), plan.Id, null, null, []),
            Progress(Task("Sửa chữa, thay thế máy tính hỏng tại các điểm Bưu điện – Văn hóa xã", post, null, D(-5), D(-40), plan.Id,
                null, null, []), (D(-15), 30, "Đã kiểm tra; chờ linh kiện thay thế.")),
            Task("Kiểm tra hoạt động các điểm trên địa bàn quý III", area, null, D(-20), D(-80), plan.Id, null, null, []),
            Task("Cập nhật sổ theo dõi sách luân chuyển, sắp xếp lại kệ sách", null, point, D(-2), D(-25), plan.Id, null, null, []),
            // Due within three days, some given this week.
            Task("Tập huấn nghiệp vụ thư viện cho cán bộ các điểm", library, null, D(2), D(-4), plan.Id, null, null, [commune]),
            Task("Kiểm tra đường truyền Internet tại các điểm sau mưa bão", post, null, D(1), D(-3), plan.Id, null, null, []),
            Task("Kiểm tra điểm Bưu điện – Văn hóa xã trên địa bàn theo bảng kiểm", commune, null, D(2), D(-5), plan.Id, null, null,
                [post]),
            Task("Nộp báo cáo tháng của điểm đúng hạn", null, point, D(1), D(-6), plan.Id, null, null, []),
            Task("Tổng hợp kết quả thực hiện kế hoạch, báo cáo UBND tỉnh", department, null, D(3), D(-2), plan.Id, null, null,
                [library, post]),
            // Later, and done.
            Task("Xây dựng kế hoạch luân chuyển sách năm sau", library, null, D(25), D(-10), plan.Id, null, null, []),
            Done(Task("Rà soát danh sách điểm đang hoạt động", area, null, D(-45), D(-75), plan.Id, null, null, []), D(-50),
                "Đã rà soát, đề nghị đóng 2 điểm không còn hoạt động."),
            Done(Task("Thay máy in hỏng tại điểm", post, null, D(-30), D(-60), plan.Id, null, null, []), D(-33), "Đã thay máy in mới."),
            Done(Task("Tiếp nhận bộ sách luân chuyển đợt III", null, point, D(-40), D(-70), plan.Id, null, null, []), D(-42),
                "Đã nhận đủ, vào sổ."),
            Done(Task("Kiểm tra điểm đọc sách tại nhà văn hóa thôn", commune, null, D(-15), D(-45), plan.Id, null, null, []), D(-16),
                "Đã kiểm tra, điểm hoạt động tốt."),
        };
        var valid = tasks.Where(t => t.LeadOrganizationId is not null || t.LeadPointId is not null).ToList();
        db.PlanTasks.AddRange(valid);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the plan for {Year} with {Tasks} tasks", year, valid.Count);
    }

    // ---- Builders ------------------------------------------------------------------------------------------------------

    private static void AddStep(Plan plan, PlanStatus? from, PlanStatus to, DateOnly day, string byName, string? note) =>
        plan.Steps.Add(new PlanStep { From = from, To = to, At = At(day, 10), By = By, ByName = byName, Note = note });

    private void AddTarget(int planId, string indicator, int year, decimal value, string note) =>
        db.PlanTargets.Add(new PlanTarget
        {
            PlanId = planId, IndicatorCode = indicator, AreaCode = ReferenceDataSeeder.ProvinceCode, PeriodKind = PeriodKind.Year,
            Year = year, Number = 1, Value = value, Direction = TargetDirection.AtLeast, Note = note, CreatedAt = db.UtcNow, CreatedBy = By,
        });

    private static PlanTask Task(string title, int? leadOrg, int? leadPoint, DateOnly deadline, DateOnly assigned, int? planId,
        int? meetingId, int? conclusionId, IEnumerable<int?> supports)
    {
        var at = At(assigned);
        var task = new PlanTask
        {
            Title = title, PlanId = planId, MeetingId = meetingId, ConclusionId = conclusionId, LeadOrganizationId = leadOrg,
            LeadPointId = leadOrg is null ? leadPoint : null, Deadline = deadline, Status = TaskStatus.Open, CreatedAt = at, CreatedBy = By,
            UpdatedAt = at, Version = 1,
        };
        foreach (var s in supports.OfType<int>().Distinct().Where(s => s != leadOrg))
            task.Supports.Add(new TaskUnit { OrganizationId = s });
        task.Updates.Add(new TaskUpdate { Kind = TaskUpdateKind.Assigned, Text = "Giao nhiệm vụ", At = at, By = By, ByName = "Sở (demo)" });
        return task;
    }

    private static PlanTask Progress(PlanTask task, params (DateOnly Day, int Percent, string Text)[] steps)
    {
        foreach (var (day, percent, text) in steps)
        {
            task.Updates.Add(new TaskUpdate { Kind = TaskUpdateKind.Progress, Text = text, Progress = percent, At = At(day, 14), By = By,
                ByName = "Đơn vị chủ trì (demo)" });
            task.Progress = percent;
            task.Status = TaskStatus.InProgress;
            task.UpdatedAt = At(day, 14);
        }
        return task;
    }

    private static PlanTask Done(PlanTask task, DateOnly day, string text, params (DateOnly Day, int Percent, string Text)[] steps)
    {
        Progress(task, steps);
        Progress(task, (day, 100, text));
        var at = At(day, 16);
        task.Updates.Add(new TaskUpdate { Kind = TaskUpdateKind.Closed, Text = "Hoàn thành", At = at, By = By, ByName = "Sở (demo)" });
        task.Status = TaskStatus.Done;
        task.ClosedAt = at;
        task.ClosedBy = By;
        task.UpdatedAt = at;
        return task;
    }
}
