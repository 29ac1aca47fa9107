using Bookpost.Web.Features.Evaluation.Returns;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Network.Seed;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.History;

/// <summary>
/// The programme's story in the demo, told point by point as the department would have it: yearly returns imported from
/// the paper years 2013–2016, monthly returns entered and accepted from January 2017 until the month before the demo's
/// recorded activity starts, and, for the last ended quarter, monthly returns waiting for the office (most on time, some
/// late, some missing). A report from 01/01/2013 to 20/09/2017 sums, from these point-level figures, what the
/// department told its conference of 20/9/2017: <see cref="PointsReceiving"/> points received rotating books,
/// <see cref="TitlesReceived"/> titles in all. Deterministic (seeded); runs once.
/// </summary>
/// <remarks>
/// Accepted returns stop before the first recorded demo activity (<see cref="FirstRecordedDay"/>): reports use an
/// accepted return instead of what was recorded in its period, so an overlap would hide the recorded demo work (and the
/// tests that record a loan and watch a figure move). The demo point's own last ended month has no return, so a person
/// (or a browser test) can make it.
/// </remarks>
public sealed class DemoHistorySeeder(AppDbContext db, IOptions<ReportsOptions> reports, IOptions<EvaluationOptions> evaluation,
    ILogger<DemoHistorySeeder> logger)
{
    /// Who made the demo returns: marks them, so they are added once.
    public const string By = "demo-history";
    public const int PointsReceiving = 112;
    public const int TitlesReceived = 12_395;
    public static readonly DateOnly ConferenceDay = new(2017, 9, 20);
    public const int LastHistoryYear = 2016;
    public const int FirstMonthlyYear = 2017;

    private int Cutoff => reports.Value.CutoffDay;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.PointReturns.AnyAsync(r => r.CreatedBy == By, ct)) return;
        var kinds = ReturnForms.Yearly.SentBy.ToList();
        var points = await db.ServicePoints.Where(p => kinds.Contains(p.Kind)).OrderBy(p => p.Code)
            .Select(p => new DemoPoint(p.Id, p.Code, p.HasComputers, p.Status)).ToListAsync(ct);
        if (points.Count == 0) return;
        var demoPointId = await db.Users.Where(u => u.UserName == "demo-point").Select(u => u.ScopePointId).SingleOrDefaultAsync(ct);
        var firstActivity = FirstRecordedDay();
        await DemoSpread.WriteHistoryAsync(db, logger, () => WriteAsync(points, demoPointId, firstActivity, ct));
    }

    /// The first day of recorded demo activity: the demo seeders of circulation and public computers record from
    /// <see cref="DemoSpread.HistoryFrom"/>, the rest (the demo point's days, rotation) in the last weeks. Read from the
    /// network's constant, since evaluation may not reach into those features (DependencyTests); a test checks it
    /// against the recorded rows.
    public DateOnly FirstRecordedDay()
    {
        var today = VnTime.DayOf(db.UtcNow);
        return DemoSpread.HistoryFrom < today ? DemoSpread.HistoryFrom : today;
    }

    /// The last month with accepted demo returns: the one before the month of the first recorded activity, and before the
    /// last ended quarter (which gets returns still waiting for the office).
    public (int Year, int Month) LastAcceptedMonth(DateOnly firstActivity, DateOnly today)
    {
        var (ay, am) = ReportingPeriods.Containing(PeriodKind.Month, firstActivity, calendar: false, Cutoff);
        var (qy, qn) = LastEndedQuarter(today);
        var (by, bm) = Previous(qy, qn * 3 - 2);
        var (ly, lm) = Previous(ay, am);
        return ly * 12 + lm <= by * 12 + bm ? (ly, lm) : (by, bm);
    }

    public (int Year, int Number) LastEndedQuarter(DateOnly today)
    {
        var (y, q) = ReportingPeriods.Containing(PeriodKind.Quarter, today, calendar: false, Cutoff);
        return q == 1 ? (y - 1, 4) : (y, q - 1);
    }

    public (int Year, int Month) LastEndedMonth(DateOnly today) =>
        Previous(ReportingPeriods.Containing(PeriodKind.Month, today, calendar: false, Cutoff));

    private static (int Year, int Month) Previous((int Year, int Month) m) => m.Month == 1 ? (m.Year - 1, 12) : (m.Year, m.Month - 1);
    private static (int Year, int Month) Previous(int year, int month) => Previous((year, month));

    private sealed record DemoPoint(int Id, string Code, bool HasComputers, ServicePointStatus Status);

    private sealed class DemoReturn(int pointId, ReturnForm form, int year, int number, Period period)
    {
        public int PointId { get; } = pointId;
        public ReturnForm Form { get; } = form;
        public int Year { get; } = year;
        public int Number { get; } = number;
        public Period Period { get; } = period;
        public ReturnStatus Status { get; set; } = ReturnStatus.Accepted;
        public ReturnOrigin Origin { get; set; } = ReturnOrigin.Entered;
        public DateTime SubmittedAt { get; set; }
        public DateTime? DecidedAt { get; set; }
        public Dictionary<string, decimal> Figures { get; } = [];
    }

    /// A point's habits, drawn once: how busy it is, when its rotation batches come, its computers and their users.
    private sealed record Profile(int Visits, int Population, int Stock, int JoinYear, int BatchMonth, int Computers, int ComputersFrom,
        int Sessions, double Minority, double Poor);

    private async Task<int> WriteAsync(List<DemoPoint> points, int? demoPointId, DateOnly firstActivity, CancellationToken ct)
    {
        var now = db.UtcNow;
        var today = VnTime.DayOf(now);
        var random = new Random(18_2013);
        var receiving = Math.Min(PointsReceiving, points.Count);
        // The points that joined the rotation only after the conference (never the demo point, whose page should show it).
        var late = points.Where(p => p.Id != demoPointId).OrderBy(_ => random.Next()).Take(points.Count - receiving)
            .Select(p => p.Id).ToHashSet();
        var profiles = points.ToDictionary(p => p.Id, p => new Profile(
            Visits: 60 + random.Next(160), Population: 4_000 + random.Next(12_000), Stock: 400 + random.Next(1_100),
            JoinYear: late.Contains(p.Id) ? 2018 : random.NextDouble() switch { < 0.6 => 2013, < 0.85 => 2014, < 0.95 => 2015, _ => 2017 },
            BatchMonth: 1 + random.Next(6), Computers: p.HasComputers ? 2 + random.Next(4) : 0, ComputersFrom: 2012 + random.Next(3),
            Sessions: 40 + random.Next(140), Minority: 0.05 + random.NextDouble() * 0.55, Poor: 0.05 + random.NextDouble() * 0.2));

        var all = new List<DemoReturn>();
        var imported = new DateTime(2016, 12, 28, 3, 0, 0, DateTimeKind.Utc);
        foreach (var p in points)
        {
            var profile = profiles[p.Id];
            var stock = profile.Stock;
            for (var year = HistoryPeriods.FirstYear; year <= LastHistoryYear; year++)
            {
                var r = new DemoReturn(p.Id, ReturnForms.Yearly, year, 1, HistoryPeriods.Year(year, Cutoff))
                    { Origin = ReturnOrigin.Imported, SubmittedAt = imported, DecidedAt = imported };
                var months = Enumerable.Range(1, 12).Select(m => Month(random, profile, year, m)).ToList();
                foreach (var key in months[0].Keys) r.Figures[key] = months.Sum(m => m[key]);
                r.Figures.Remove("access.trainings");
                var acquired = 20 + random.Next(100);
                var lost = r.Figures["rotation.titles_received"] > 0 ? random.Next(5) : 0;
                var damaged = r.Figures["rotation.titles_received"] > 0 ? random.Next(6) : 0;
                stock += acquired - lost - damaged;
                r.Figures["library.copies_held"] = stock;
                r.Figures["library.items_acquired"] = acquired;
                r.Figures["point.population"] = (int)(profile.Population * Math.Pow(1.01, year - HistoryPeriods.FirstYear));
                r.Figures["rotation.items_lost"] = lost;
                r.Figures["rotation.items_damaged"] = damaged;
                if (HasComputers(profile, year))
                {
                    r.Figures["access.computers"] = profile.Computers;
                    r.Figures["access.staff_trained"] = year == profile.ComputersFrom ? 1 + random.Next(2) : random.Next(2);
                }
                all.Add(r);
            }
        }

        var (lastYear, lastMonth) = LastAcceptedMonth(firstActivity, today);
        foreach (var p in points)
            for (var (year, month) = (FirstMonthlyYear, 1); year * 12 + month <= lastYear * 12 + lastMonth;
                 (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1))
            {
                var period = HistoryPeriods.Month(year, month, Cutoff);
                var r = new DemoReturn(p.Id, ReturnForms.Monthly, year, month, period)
                    { SubmittedAt = At(period.To.AddDays(1 + random.Next(4)), random) };
                r.DecidedAt = r.SubmittedAt.AddDays(1 + random.Next(4)).AddHours(random.Next(5));
                foreach (var (key, value) in Month(random, profiles[p.Id], year, month)) r.Figures[key] = value;
                all.Add(r);
            }

        MatchConference(all, random);
        AddLastQuarter(all, points, profiles, demoPointId, now, today);

        // Copies follow the titles (one to one and a half copies a title), once the titles are final.
        foreach (var r in all)
        {
            var titles = (int)r.Figures["rotation.titles_received"];
            r.Figures["rotation.copies_rotated"] = titles + (titles == 0 ? 0 : random.Next(titles / 2 + 1));
        }
        return await InsertAsync(all, now, ct);
    }

    private static bool HasComputers(Profile p, int year) => p.Computers > 0 && year >= p.ComputersFrom;

    /// One month of a point's work, with the month's seasonal swing (Tết and the summer holidays are busier).
    private static Dictionary<string, decimal> Month(Random random, Profile p, int year, int month)
    {
        var season = month is 1 or 2 or 6 or 7 ? 1.2 : month is 9 or 10 ? 0.85 : 1.0;
        int Around(double mean) => (int)Math.Round(mean * season * (0.8 + random.NextDouble() * 0.4));
        var visits = Around(p.Visits);
        var batch = year >= p.JoinYear && (month == p.BatchMonth || month == p.BatchMonth + 6);
        var f = new Dictionary<string, decimal>
        {
            ["circulation.visits"] = visits,
            ["circulation.loans"] = (int)(visits * (0.4 + random.NextDouble() * 0.2)),
            ["circulation.onsite_readings"] = (int)(visits * (0.5 + random.NextDouble() * 0.3)),
            ["circulation.periodical_readings"] = (int)(visits * (0.6 + random.NextDouble() * 0.4)),
            ["circulation.readers_new"] = random.Next(7),
            ["rotation.reader_requests"] = random.Next(5),
            ["rotation.titles_received"] = batch ? 8 + random.Next(10) : 0,
            ["rotation.copies_rotated"] = 0,
            ["point.days_closed"] = random.Next(10) == 0 ? 3 + random.Next(3) : random.Next(3),
        };
        if (!HasComputers(p, year)) return f;
        var sessions = Around(p.Sessions);
        var men = (int)(sessions * (0.42 + random.NextDouble() * 0.14));
        var training = month % 3 == 2;
        f["access.sessions"] = sessions;
        f["access.users_by_sex/Male"] = men;
        f["access.users_by_sex/Female"] = sessions - men;
        f["access.users_minority"] = (int)(sessions * p.Minority);
        f["access.users_poor"] = (int)(sessions * p.Poor);
        f["access.hours"] = Math.Round((decimal)(sessions * (0.6 + random.NextDouble() * 0.5)) * 2) / 2;
        f["access.open_hours"] = p.Computers * (150 + random.Next(31));
        f["access.trainings"] = training ? 1 : 0;
        f["access.training_participants"] = training ? 8 + random.Next(18) : 0;
        return f;
    }

    /// The conference's totals, exactly: the titles of the returns inside 01/01/2013–20/09/2017 are scaled to
    /// <see cref="TitlesReceived"/> (each receiving point keeps at least one title a batch), the rounding spread one title
    /// at a time over the batches, in a seeded order.
    private void MatchConference(List<DemoReturn> all, Random random)
    {
        const string key = "rotation.titles_received";
        var inside = all.Where(r => r.Period.From >= HistoryPeriods.ProgrammeStart && r.Period.To <= ConferenceDay
            && r.Figures[key] > 0).ToList();
        if (inside.Count == 0) return;
        var raw = inside.Sum(r => r.Figures[key]);
        foreach (var r in inside) r.Figures[key] = Math.Max(1, Math.Round(r.Figures[key] * TitlesReceived / raw));
        var left = TitlesReceived - (int)inside.Sum(r => r.Figures[key]);
        while (left != 0)
        {
            var r = inside[random.Next(inside.Count)];
            if (left < 0 && r.Figures[key] <= 1) continue;
            r.Figures[key] += Math.Sign(left);
            left -= Math.Sign(left);
        }
        // A yearly return's figures are its months' sums; the copies are set from the final titles afterwards.
    }

    /// The last ended quarter: monthly returns submitted and waiting for the office, on time at most points, late at some
    /// (after the deadline of <see cref="EvaluationOptions.ReturnDeadlineDays"/> days), none at others. The demo point
    /// submits on time, but has no return for the last ended month.
    private void AddLastQuarter(List<DemoReturn> all, List<DemoPoint> points, Dictionary<int, Profile> profiles, int? demoPointId,
        DateTime now, DateOnly today)
    {
        var random = new Random(18_0930);
        var (qy, qn) = LastEndedQuarter(today);
        var lastMonth = LastEndedMonth(today);
        var kinds = new Dictionary<int, QuarterKind>();
        foreach (var p in points)
            kinds[p.Id] = p.Id == demoPointId ? QuarterKind.OnTime
                : p.Status != ServicePointStatus.Active ? QuarterKind.Missing
                : random.NextDouble() switch { < 0.12 => QuarterKind.Late, < 0.22 => QuarterKind.Missing, _ => QuarterKind.OnTime };
        // Some of each, whatever the draw.
        var others = points.Where(p => p.Id != demoPointId && p.Status == ServicePointStatus.Active).ToList();
        foreach (var (kind, index) in new[] { (QuarterKind.Late, 0), (QuarterKind.Late, 1),
            (QuarterKind.Missing, 2), (QuarterKind.Missing, 3) })
            if (others.Count > index && kinds.Values.Count(k => k == kind) < 2) kinds[others[index].Id] = kind;

        var deadlineDays = evaluation.Value.ReturnDeadlineDays;
        for (var month = qn * 3 - 2; month <= qn * 3; month++)
        {
            var period = HistoryPeriods.Month(qy, month, Cutoff);
            var due = VnTime.StartOfDayUtc(period.To.AddDays(deadlineDays + 1)); // the first instant that is late
            foreach (var p in points)
            {
                var kind = kinds[p.Id];
                if (kind == QuarterKind.Missing || (p.Id == demoPointId && (qy, month) == lastMonth)) continue;
                var at = kind == QuarterKind.OnTime
                    ? VnTime.StartOfDayUtc(period.To.AddDays(Math.Min(deadlineDays, 1))).AddHours(9 + random.Next(8))
                    : due.AddDays(2 + random.Next(8)).AddHours(9 + random.Next(8));
                if (at >= now) at = now.AddMinutes(-5);
                if (kind == QuarterKind.Late && at < due) continue; // too soon after the period to be late: missing
                var r = new DemoReturn(p.Id, ReturnForms.Monthly, qy, month, period)
                    { Status = ReturnStatus.Submitted, SubmittedAt = at };
                foreach (var (key, value) in Month(random, profiles[p.Id], qy, month)) r.Figures[key] = value;
                all.Add(r);
            }
        }
    }

    private enum QuarterKind { OnTime, Late, Missing }

    private static DateTime At(DateOnly day, Random random) => VnTime.StartOfDayUtc(day).AddHours(8 + random.Next(9));

    private async Task<int> InsertAsync(List<DemoReturn> all, DateTime now, CancellationToken ct)
    {
        var fields = ReturnForms.All.ToDictionary(f => f.Code, f => f.Fields.ToDictionary(x => x.Key));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sql = new Literals(db.IsSqlite);
        await BulkInsert.RunAsync(db, typeof(PointReturn), s_returnColumns, all.Select(x =>
        {
            var created = x.Origin == ReturnOrigin.Imported ? x.SubmittedAt : x.SubmittedAt.AddMinutes(-40);
            return string.Join(", ", sql.Of(x.PointId), sql.Of(x.Form.Code), sql.Of(x.Year), sql.Of(x.Number), sql.Of(x.Period.From),
                sql.Of(x.Period.To), "1", sql.Of(x.Status.ToString()), sql.Of(x.Origin.ToString()), sql.Of(created), sql.Of(By),
                sql.Of(x.DecidedAt ?? x.SubmittedAt), sql.Of(x.SubmittedAt), sql.Of(By), sql.Of(x.DecidedAt),
                sql.Of(x.DecidedAt is null ? null : By), "1");
        }), ct);
        var ids = (await db.PointReturns.Where(r => r.CreatedBy == By)
                .Select(r => new { r.Id, r.PointId, r.Form, r.Year, r.Number }).ToListAsync(ct))
            .ToDictionary(r => (r.PointId, r.Form, r.Year, r.Number), r => r.Id);
        var figures = 0;
        await BulkInsert.RunAsync(db, typeof(ReturnFigure), s_figureColumns, all.SelectMany(r =>
        {
            var id = ids[(r.PointId, r.Form.Code, r.Year, r.Number)];
            var form = fields[r.Form.Code];
            // An accepted past return leaves its zeros out, as the paper forms left them blank: a fifth of the rows fewer to
            // write at every demo start. One waiting for the office keeps every field, as the form shows them.
            return r.Figures.Where(f => form.ContainsKey(f.Key) && (f.Value != 0 || r.Status != ReturnStatus.Accepted)).Select(f =>
            {
                figures++;
                var field = form[f.Key];
                return string.Join(", ", sql.Of(id), sql.Of(field.Code), sql.Of(field.Breakdown ?? ""), sql.Of(f.Value));
            });
        }), ct);
        await transaction.CommitAsync(ct);
        return all.Count + figures;
    }

    private static readonly string[] s_returnColumns =
    [
        nameof(PointReturn.PointId), nameof(PointReturn.Form), nameof(PointReturn.Year), nameof(PointReturn.Number),
        nameof(PointReturn.PeriodFrom), nameof(PointReturn.PeriodTo), nameof(PointReturn.Revision), nameof(PointReturn.Status),
        nameof(PointReturn.Origin), nameof(PointReturn.CreatedAt), nameof(PointReturn.CreatedBy), nameof(PointReturn.UpdatedAt),
        nameof(PointReturn.SubmittedAt), nameof(PointReturn.SubmittedBy), nameof(PointReturn.DecidedAt), nameof(PointReturn.DecidedBy),
        nameof(PointReturn.Version),
    ];

    private static readonly string[] s_figureColumns =
        [nameof(ReturnFigure.ReturnId), nameof(ReturnFigure.Code), nameof(ReturnFigure.Breakdown), nameof(ReturnFigure.Value)];
}
