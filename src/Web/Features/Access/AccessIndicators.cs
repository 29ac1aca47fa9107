using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;

namespace Bookpost.Web.Features.Access;

/// Public computers and Internet: who is served and for what, whether the equipment works, and the trainings.
/// Users are counted per session (a person coming twice counts twice): sessions carry no identity by design.
public sealed class AccessIndicators(AppDbContext db, TimeProvider clock) : IIndicatorSource
{
    public const string Sessions = "access.sessions";
    public const string Hours = "access.hours";
    public const string FirstTime = "access.first_time_users";
    public const string BySex = "access.users_by_sex";
    public const string ByAge = "access.users_by_age";
    public const string Minority = "access.users_minority";
    public const string Poor = "access.users_poor";
    public const string ByOccupation = "access.users_by_occupation";
    public const string Purposes = "access.purposes";
    public const string Computers = "access.computers";
    public const string WorkingShare = "access.computers_working_pct";
    public const string RepairHours = "access.repair_hours_avg";
    public const string OutageHours = "access.outage_hours";
    public const string TrainingCount = "access.trainings";
    public const string Participants = "access.training_participants";
    public const string ParticipantsFemale = "access.training_female";
    public const string ParticipantsMinority = "access.training_minority";
    public const string ParticipantsPoor = "access.training_poor";
    public const string OpenHours = "access.open_hours";
    public const string UseRate = "access.use_rate";
    public const string StaffTrained = "access.staff_trained";

    public IReadOnlyList<Indicator> Indicators { get; } =
    [
        new(Sessions, "Access", "Lượt sử dụng máy tính", "Computer sessions", "lượt", "sessions", Aggregation.Sum, "Cách ghi", "Origin",
            nameof(SessionOrigin)),
        new(Hours, "Access", "Số giờ sử dụng máy tính", "Computer hours used", "giờ", "hours", Aggregation.Sum),
        new(FirstTime, "Access", "Lượt người lần đầu dùng máy tính", "First-time users", "lượt", "sessions", Aggregation.Sum),
        new(BySex, "Access", "Lượt người dùng theo giới tính", "Users by sex", "lượt", "sessions", Aggregation.Sum, "Giới tính", "Sex",
            nameof(Sex)),
        new(ByAge, "Access", "Lượt người dùng theo độ tuổi", "Users by age band", "lượt", "sessions", Aggregation.Sum, "Độ tuổi",
            "Age band", nameof(AgeBand)),
        new(Minority, "Access", "Lượt người dân tộc thiểu số", "Ethnic-minority users", "lượt", "sessions", Aggregation.Sum),
        new(Poor, "Access", "Lượt người thuộc hộ nghèo", "Poor-household users", "lượt", "sessions", Aggregation.Sum),
        new(ByOccupation, "Access", "Lượt người dùng theo nghề nghiệp", "Users by occupation", "lượt", "sessions", Aggregation.Sum,
            "Nghề nghiệp", "Occupation", nameof(Occupation)),
        new(Purposes, "Access", "Mục đích sử dụng (một lượt có thể nhiều mục đích)", "Purposes (a session may have several)", "lượt",
            "mentions", Aggregation.Sum,
            "Mục đích", "Purpose", nameof(AccessPurpose)),
        new(Computers, "Access", "Số máy tính công cộng cuối kỳ", "Public computers at the period's end", "máy", "computers",
            Aggregation.Sum) { Stock = true },
        new(WorkingShare, "Access", "Tỷ lệ máy tính hoạt động tốt cuối kỳ", "Share of computers working at the period's end", "%", "%",
            Aggregation.Percent),
        new(RepairHours, "Access", "Thời gian sửa chữa trung bình", "Average time to repair", "giờ", "hours", Aggregation.Mean),
        new(OutageHours, "Access", "Số giờ mất kết nối Internet", "Internet outage hours", "giờ", "hours", Aggregation.Sum),
        new(TrainingCount, "Access", "Số lớp tập huấn", "Training classes", "lớp", "classes", Aggregation.Sum, "Đối tượng", "Audience",
            nameof(TrainingAudience)),
        new(Participants, "Access", "Số người tham gia tập huấn", "Training participants", "người", "people", Aggregation.Sum, "Đối tượng",
            "Audience", nameof(TrainingAudience)),
        new(ParticipantsFemale, "Access", "Số nữ tham gia tập huấn", "Female participants", "người", "people", Aggregation.Sum),
        new(ParticipantsMinority, "Access", "Số người dân tộc thiểu số tham gia tập huấn", "Ethnic-minority participants", "người",
            "people", Aggregation.Sum),
        new(ParticipantsPoor, "Access", "Số người hộ nghèo tham gia tập huấn", "Poor-household participants", "người", "people",
            Aggregation.Sum),
        // Global Libraries common performance metrics: hours the working public computers were open, and the workstation
        // use rate, hours used over those hours (docs/architecture.md, "one figure per point and period").
        new(OpenHours, "Access", "Số giờ máy tính hoạt động mở cửa phục vụ", "Hours the working computers were open", "giờ", "hours",
            Aggregation.Sum),
        new(UseRate, "Access", "Tỷ lệ sử dụng máy tính (giờ sử dụng / giờ mở cửa)", "Workstation use rate (hours used / hours open)",
            "%", "%", Aggregation.Percent) { Of = new RatioOf(Hours, OpenHours) },
        new(StaffTrained, "Access", "Số cán bộ điểm được tập huấn", "Point staff trained", "người", "people", Aggregation.Sum),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorRequest request, CancellationToken ct)
    {
        var acc = new IndicatorAccumulator(request);
        var p = request.Period;
        var (from, to) = (p.FromUtc, p.ToUtcExclusive);
        var now = clock.GetUtcNow().UtcDateTime;
        var asAt = to < now ? to : now;

        string[] sessionCodes = [Sessions, Hours, FirstTime, BySex, ByAge, Minority, Poor, ByOccupation, Purposes];
        if (sessionCodes.Any(acc.Wants))
        {
            // Finished sessions from the daily counters; sessions still open (a handful) from the sessions themselves.
            var totals = await AccessDays.SumAsync(db, p.From, p.To, ct);
            // Asking for the open ones alone lets the database read only its partial index of open sessions; asking by
            // date as well made SQLite walk the whole period's sessions (7 s for a year at 5 million).
            var open = await db.AccessSessions.AsNoTracking().Where(s => s.EndedAt == null).ToListAsync(ct);
            foreach (var s in open.Where(s => s.StartedAt >= from && s.StartedAt < to)) totals.Add((s.SiteId, AccessDays.Of(s)));
            foreach (var (site, v) in totals) AddSessions(acc, site, v);
        }

        if (acc.Wants(Computers) || acc.Wants(WorkingShare))
        {
            // Each computer's status as it stood at the period's end, from its history.
            var changes = await db.EquipmentStatusChanges.Where(h => h.ChangedAt < asAt)
                .Join(db.Computers.Where(Computer.PublicComputer), h => h.ComputerId, c => c.Id,
                    (h, c) => new { h.ComputerId, c.SiteId, h.ChangedAt, h.Id, h.To })
                .ToListAsync(ct);
            foreach (var site in changes.GroupBy(h => h.ComputerId).Select(g => g.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Last())
                         .Where(h => h.To != EquipmentStatus.Retired).GroupBy(h => h.SiteId))
            {
                var total = site.Count();
                acc.Add(Computers, site.Key, total);
                acc.AddRatio(WorkingShare, site.Key, site.Count(h => h.To == EquipmentStatus.Working), total);
            }
        }

        if (acc.Wants(RepairHours))
            foreach (var t in await db.RepairTickets
                         .Where(t => t.ResolvedAt >= from && t.ResolvedAt < to)
                         .Where(t => t.Status == TicketStatus.Fixed || t.Status == TicketStatus.Replaced)
                         .Select(t => new { t.SiteId, t.Status, t.ReportedAt, t.ResolvedAt }).ToListAsync(ct))
                acc.Add(RepairHours, t.SiteId, (decimal)TicketStates.HoursToRepair(t.Status, t.ReportedAt, t.ResolvedAt)!.Value);

        if (acc.Wants(OutageHours))
            foreach (var o in await db.InternetOutages.Where(o => o.StartedAt < to && (o.EndedAt == null || o.EndedAt > from))
                         .Select(o => new { o.SiteId, o.StartedAt, o.EndedAt }).ToListAsync(ct))
            {
                var start = o.StartedAt > from ? o.StartedAt : from;
                var end = o.EndedAt ?? now;
                if (end > to) end = to;
                if (end > start) acc.Add(OutageHours, o.SiteId, Math.Round((decimal)(end - start).TotalHours, 2));
            }

        if (acc.Wants(OpenHours)) await AddOpenHoursAsync(acc, request, ct);

        string[] trainingCodes = [TrainingCount, Participants, ParticipantsFemale, ParticipantsMinority, ParticipantsPoor, StaffTrained];
        if (trainingCodes.Any(acc.Wants))
            foreach (var t in await db.Trainings.Where(t => t.HeldOn >= p.From && t.HeldOn <= p.To).GroupBy(t => new { t.SiteId,
                t.Audience })
                         .Select(g => new { g.Key.SiteId, g.Key.Audience, Count = g.Count(), People = g.Sum(t => t.Participants),
                             Female = g.Sum(t => t.Female),
                             Minority = g.Sum(t => t.EthnicMinority), Poor = g.Sum(t => t.PoorHousehold) }).ToListAsync(ct))
            {
                acc.Add(TrainingCount, t.SiteId, t.Count, t.Audience.ToString());
                acc.Add(Participants, t.SiteId, t.People, t.Audience.ToString());
                acc.Add(ParticipantsFemale, t.SiteId, t.Female);
                acc.Add(ParticipantsMinority, t.SiteId, t.Minority);
                acc.Add(ParticipantsPoor, t.SiteId, t.Poor);
                if (t.Audience == TrainingAudience.Staff) acc.Add(StaffTrained, t.SiteId, t.People);
            }
        return acc.Results(Indicators);
    }

    /// Hours the working public computers were open: on each day of the period up to today that the point opens by its
    /// published hours (<see cref="OpeningSchedule"/>), its opening hours for each public computer working at noon that day.
    private async Task AddOpenHoursAsync(IndicatorAccumulator acc, IndicatorRequest request, CancellationToken ct)
    {
        var p = request.Period;
        var today = clock.Today();
        var last = p.To < today ? p.To : today;
        if (last < p.From) return;
        var computers = await db.Computers.Where(Computer.PublicComputer)
            .Select(c => new { c.Id, c.SiteId, c.Site.OpeningHours }).ToListAsync(ct);
        computers = computers.Where(c => request.GroupsOf.ContainsKey(c.SiteId)).ToList();
        if (computers.Count == 0) return;
        var before = VnTime.StartOfDayUtc(last.AddDays(1));
        var changes = (await db.EquipmentStatusChanges.Where(h => h.ChangedAt < before)
                .Join(db.Computers.Where(Computer.PublicComputer), h => h.ComputerId, c => c.Id,
                    (h, c) => new { h.ComputerId, h.ChangedAt, h.Id, h.To })
                .ToListAsync(ct))
            .GroupBy(h => h.ComputerId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).ToList());
        var schedules = new Dictionary<int, OpeningSchedule>();
        foreach (var c in computers)
        {
            if (!changes.TryGetValue(c.Id, out var history)) continue;
            if (!schedules.TryGetValue(c.SiteId, out var schedule)) schedules[c.SiteId] = schedule = OpeningSchedule.Read(c.OpeningHours);
            var hours = 0m;
            var next = 0;
            EquipmentStatus? status = null;
            for (var day = p.From; day <= last; day = day.AddDays(1))
            {
                var noon = VnTime.StartOfDayUtc(day).AddHours(12);
                while (next < history.Count && history[next].ChangedAt <= noon) status = history[next++].To;
                if (status == EquipmentStatus.Working && schedule.OpensOn(day)) hours += schedule.HoursPerDay;
            }
            if (hours > 0) acc.Add(OpenHours, c.SiteId, hours);
        }
    }

    private static void AddSessions(IndicatorAccumulator acc, int site, long[] v)
    {
        long At(string counter) => v[AccessDays.IndexOf(counter)];
        void Each<T>(string code, string prefix, IEnumerable<T> values)
        {
            foreach (var value in values)
                if (At(prefix + value) is var n and > 0) acc.Add(code, site, n, value!.ToString());
        }
        if (At("Sessions") == 0) return;
        Each(Sessions, "Origin", Enum.GetValues<SessionOrigin>());
        acc.Add(Hours, site, Math.Round(At("Minutes") / 60m, 2));
        acc.Add(FirstTime, site, At("FirstTime"));
        acc.Add(Minority, site, At("Minority"));
        acc.Add(Poor, site, At("Poor"));
        Each(BySex, "Sex", Enum.GetValues<Sex>());
        Each(ByAge, "Age", Enum.GetValues<AgeBand>());
        Each(ByOccupation, "Occupation", Enum.GetValues<Occupation>());
        Each(Purposes, "Purpose", Enum.GetValues<AccessPurpose>().Where(x => x != AccessPurpose.None));
    }
}
