using System.Diagnostics;
using System.Globalization;
using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Catalog;
using Bookpost.Web.Features.Circulation;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.People;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Tools;

/// The command-line verb: generate-national --seed N [--points 10000] [--loans 10000000] [--sessions 5000000]
/// [--year 2025] [--monitor-password P]. Fills the configured database with a national network for measuring reports
/// at the country's scale: points spread over the communes of every province on the map of the database (start once
/// with Network:Provinces=* for the 34 provinces), their readers, copies of a shared list of titles, a Decree 09
/// reporting year of loans (every one returned) and of finished public-computer sessions, and the rollups the reports
/// read (loan and session counters), consistent with the rows. The same seed gives the same rows. Rows go in with
/// prepared multi-row inserts in large transactions (SQLite) or binary COPY (PostgreSQL), point by point, so memory
/// stays flat. With --monitor-password it adds the account national-monitor (Monitor, the whole country).
public static class GenerateNational
{
    public const string Verb = "generate-national";
    public const string Prefix = "QG";
    public const string MonitorName = "national-monitor";

    public sealed record Options(int Seed, int Points, long Loans, long Sessions, int Year, string? MonitorPassword);

    private const string Usage = "usage: generate-national --seed N [--points 10000] [--loans 10000000] [--sessions 5000000]"
        + " [--year 2025] [--monitor-password PASSWORD]";

    /// The arguments, or why not (one line, in Vietnamese and English).
    public static (Options? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--seed" or "--points" or "--loans" or "--sessions" or "--year" or "--monitor-password"))
                return (null, $"Tham số không hợp lệ / Unknown argument: {Short(name)}");
            if (i + 1 >= args.Length) return (null, $"Thiếu giá trị cho / Missing value for {name}");
            if (!values.TryAdd(name, args[++i])) return (null, $"Tham số lặp lại / Repeated argument: {name}");
        }
        if (!values.ContainsKey("--seed")) return (null, "Thiếu --seed / --seed is required");
        string? error = null;
        long Number(string name, long fallback, long min, long max)
        {
            if (!values.TryGetValue(name, out var text)) return fallback;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            error ??= $"{name}: cần một số nguyên từ {min:N0} đến {max:N0} / must be a whole number from {min:N0} to {max:N0}"
                + $" (got «{Short(text)}»)";
            return fallback;
        }
        var seed = (int)Number("--seed", 0, 0, int.MaxValue);
        var points = (int)Number("--points", 10_000, 1, 100_000);
        var loans = Number("--loans", 10_000_000, 0, 100_000_000);
        var sessions = Number("--sessions", 5_000_000, 0, 100_000_000);
        var year = (int)Number("--year", 2025, 2013, 2100);
        if (error is not null) return (null, error);
        var password = values.GetValueOrDefault("--monitor-password");
        if (password is { Length: 0 or > 128 }) return (null, "--monitor-password: 1–128 ký tự / 1–128 characters");
        return (new Options(seed, points, loans, sessions, year, password), null);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        var (options, error) = Parse(args);
        if (options is null)
        {
            output.WriteLine(error);
            output.WriteLine(Usage);
            return 2;
        }
        await services.InitializeDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var cutoff = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CutoffDay;
        if (options.MonitorPassword is { } password)
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(MonitorName) is null)
            {
                var made = await users.CreateAsync(new AppUser
                {
                    UserName = MonitorName, FullName = "Giám sát toàn quốc (dữ liệu sinh)", Role = AppRole.Monitor,
                    ScopeKind = ScopeKind.Province, ScopeAreaCode = "", CreatedAt = db.UtcNow,
                }, password);
                if (!made.Succeeded)
                {
                    output.WriteLine($"{MonitorName}: {string.Join("; ", made.Errors.Select(e => e.Description))}");
                    return 1;
                }
            }
        }
        var clock = Stopwatch.StartNew();
        var result = await GenerateAsync(db, options, cutoff, output, ct);
        if (result is { } why)
        {
            output.WriteLine(why);
            return 1;
        }
        using var self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Xong / Done in {clock.Elapsed.TotalSeconds:F1} s; peak memory {self.PeakWorkingSet64 / 1048576} MiB"));
        return 0;
    }

    private sealed record Commune(string Code, string Name, double? Lat, double? Lon);

    /// Fills the database; null when done, otherwise why nothing was written.
    public static async Task<string?> GenerateAsync(AppDbContext db, Options o, int cutoffDay, TextWriter output, CancellationToken ct)
    {
        if (await db.ServicePoints.AnyAsync(p => p.Code.StartsWith(Prefix + "-"), ct))
            return "Cơ sở dữ liệu đã có mạng lưới sinh sẵn / This database already holds a generated network";
        var year = ReportingPeriods.Resolve(PeriodKind.Year, o.Year, 1, calendar: false, cutoffDay);
        var mapDay = year.To;
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(mapDay)).Where(u => u.Level == AdminLevel.Commune)
            .OrderBy(u => u.Code).Select(u => new Commune(u.Code, u.Name, u.Latitude, u.Longitude)).ToListAsync(ct);
        if (communes.Count == 0) return "Không có xã nào trên bản đồ / No communes on the map of " + mapDay.ToString("yyyy-MM-dd",
            CultureInfo.InvariantCulture);
        var provinces = await db.AdminUnits.Where(AdminUnit.ValidOn(mapDay)).CountAsync(u => u.Level == AdminLevel.Province, ct);
        output.WriteLine($"{communes.Count} communes of {provinces} provinces on {mapDay:yyyy-MM-dd}; year {year.From:yyyy-MM-dd}"
            + $" to {year.To:yyyy-MM-dd}; seed {o.Seed}");

        var random = new Random(o.Seed);
        var now = DateTime.SpecifyKind(new DateTime(year.From.Year, year.From.Month, year.From.Day), DateTimeKind.Utc);
        var ids = new Ids(
            await NextAsync(db.ServicePoints.Select(x => x.Id), ct), await NextAsync(db.Readers.Select(x => x.Id), ct),
            await NextAsync(db.Titles.Select(x => x.Id), ct), await NextAsync(db.Items.Select(x => x.Id), ct),
            await NextAsync(db.Loans.Select(x => x.Id), ct), await NextAsync(db.Computers.Select(x => x.Id), ct),
            await NextAsync(db.AccessSessions.Select(x => (int)x.Id), ct), await NextAsync(db.PointCommunes.Select(x => x.Id), ct));

        // The share of each point in the loans and sessions: uneven, as real points are.
        var weights = Enumerable.Range(0, o.Points).Select(_ => 0.3 + random.NextDouble() * 1.4).ToArray();
        var sum = weights.Sum();
        long[] Spread(long total)
        {
            var parts = weights.Select(w => (long)(total * w / sum)).ToArray();
            for (long i = 0, left = total - parts.Sum(); i < left; i++) parts[i % parts.Length]++;
            return parts;
        }
        var loansOf = Spread(o.Loans);
        var withComputers = Enumerable.Range(0, o.Points).Select(_ => random.NextDouble() < 0.4).ToArray();
        if (o.Sessions > 0 && !withComputers.Any(x => x)) withComputers[0] = true;
        var sessionWeights = weights.Select((w, i) => withComputers[i] ? w : 0).ToArray();
        var sessionSum = sessionWeights.Sum();
        var sessionsOf = sessionWeights.Select(w => sessionSum == 0 ? 0 : (long)(o.Sessions * w / sessionSum)).ToArray();
        for (long i = 0, left = o.Sessions - sessionsOf.Sum(), k = 0; i < left; k++)
            if (withComputers[k % o.Points]) { sessionsOf[k % o.Points]++; i++; }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A batch's tables are written side by side, so a row may reach SQLite before the one it refers to. Deferring
            // the check is no cure: while a deferred violation is open, SQLite looks for children of every parent row
            // inserted, and the open-loan index on Loans.ItemId is partial, so each copy cost a scan of the loans. The
            // keys are right by construction (and checked by the tests), so they are not enforced while generating.
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF", ct);
            var watch = Stopwatch.StartNew();
            const int titles = 5_000;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await using var t = await BulkWriter.OpenAsync<Title>(db, ["Id", "TitleProper", "Authors", "Year", "Language",
                    "SortKey", "TitleWords", "AuthorWords", "SearchWords", "Version", "CreatedAt", "UpdatedAt"], ct);
                for (var i = 0; i < titles; i++)
                {
                    var name = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {i + 1}";
                    var folded = TextFolding.Fold(name);
                    await t.AddAsync(ct, ids.Title + i, name, "Tác giả " + (i % 700 + 1), 1990 + i % 35, "vie", folded, folded, "",
                        folded, 1L, now, now);
                }
                await t.CompleteAsync(ct);
                await tx.CommitAsync(ct);
            }
            output.WriteLine($"  titles: {titles:N0} in {watch.Elapsed.TotalSeconds:F1} s");

            // Points in batches: each batch's points, readers, copies, loans, sessions and counters in one transaction.
            const int batch = 250;
            long loansDone = 0, sessionsDone = 0, readersDone = 0, itemsDone = 0;
            var state = new State(ids);
            for (var start = 0; start < o.Points; start += batch)
            {
                var end = Math.Min(o.Points, start + batch);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var w = await Writers.OpenAsync(db, ct);
                for (var k = start; k < end; k++)
                {
                    var c = communes[(int)((long)k * communes.Count / o.Points
                        + random.Next(Math.Max(1, communes.Count / o.Points))) % communes.Count];
                    var (r, i, l, s) = await PointAsync(w, state, random, k, c,
                        loansOf[k], sessionsOf[k], year, cutoffDay, now, titles, ct);
                    readersDone += r;
                    itemsDone += i;
                    loansDone += l;
                    sessionsDone += s;
                }
                await w.CompleteAsync(ct);
                await tx.CommitAsync(ct);
                if (end % 2_500 == 0 || end == o.Points)
                    output.WriteLine($"  … {end:N0} points, {readersDone:N0} readers, {itemsDone:N0} copies, {loansDone:N0} loans,"
                        + $" {sessionsDone:N0} sessions; {watch.Elapsed.TotalSeconds:F1} s");
            }
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=ON; ANALYZE", ct);
            else
            {
                foreach (var (table, column) in new[] { ("ServicePoints", "Id"), ("Readers", "Id"), ("Titles", "Id"), ("Items", "Id"),
                             ("Loans", "Id"), ("Computers", "Id"), ("AccessSessions", "Id"), ("PointCommunes", "Id") })
                {
                    // Table and column names are constants above, not input.
#pragma warning disable EF1002
                    var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                        + $"(SELECT MAX(\"{column}\") FROM \"{table}\"))";
                    await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
                }
                await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            }
            output.WriteLine($"  indexes analysed; {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return null;
    }

    private static readonly string[] Words =
    [
        "Kỹ thuật", "trồng lúa", "chăn nuôi", "Lịch sử", "Việt Nam", "Truyện", "thiếu nhi", "Sức khỏe", "gia đình", "Pháp luật",
        "đời sống", "Tin học", "cơ bản", "Văn học", "dân gian", "Nông nghiệp", "sạch", "Cẩm nang", "an toàn", "Địa lý",
    ];

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Lò", "Lương"];
    private static readonly string[] Given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Sơn", "Thảo"];

    private sealed record Ids(int Point, int Reader, int Title, int Item, int Loan, int Computer, int Session, int PointCommune);

    private sealed class State(Ids first)
    {
        public int Point = first.Point, Reader = first.Reader, Item = first.Item, Loan = first.Loan, Computer = first.Computer;
        public long Session = first.Session;
        public int PointCommune = first.PointCommune;
        public readonly int Title = first.Title;
    }

    private sealed class Writers
    {
        public required BulkWriter Points, PointCommunes, Readers, Items, Loans, LoanDays, LoanMonths, Computers, Sessions, AccessDays;

        public static async Task<Writers> OpenAsync(AppDbContext db, CancellationToken ct) => new()
        {
            Points = await BulkWriter.OpenAsync<ServicePoint>(db, ["Id", "Code", "Name", "Kind", "CommuneCode", "Latitude", "Longitude",
                "Status", "OpenedOn", "HasComputers", "HasInternet", "Version", "CreatedAt", "UpdatedAt", "SearchText"], ct),
            PointCommunes = await BulkWriter.OpenAsync<PointCommune>(db, ["Id", "ServicePointId", "CommuneCode"], ct),
            Readers = await BulkWriter.OpenAsync<Reader>(db, ["Id", "PointId", "CardNumber", "FullName", "BirthYear", "Sex",
                "Category", "EthnicMinority", "PoorHousehold", "ConsentOn", "ConsentPurposeKey", "ConsentPurpose", "RegisteredOn",
                "Version", "CreatedAt", "UpdatedAt", "SearchText"], ct),
            Items = await BulkWriter.OpenAsync<Item>(db, ["Id", "Barcode", "TitleId", "OwnerId", "LocationId", "Status", "Version",
                "CreatedAt", "UpdatedAt"], ct),
            Loans = await BulkWriter.OpenAsync<Loan>(db, ["Id", "ItemId", "ReaderId", "PointId", "LentAt", "DueOn", "Renewals",
                "ReturnedAt", "ReturnedAtPointId", "LentBy", "ReturnedBy"], ct),
            LoanDays = await BulkWriter.OpenAsync<LoanDay>(db, ["PointId", "Day", .. LoanRollups.Counters], ct),
            LoanMonths = await BulkWriter.OpenAsync<LoanMonth>(db, ["PointId", "From", "To", .. LoanRollups.Counters], ct),
            Computers = await BulkWriter.OpenAsync<Computer>(db, ["Id", "SiteId", "AssetTag", "Kind", "Source", "YearReceived",
                "Status", "Version", "CreatedAt", "UpdatedAt"], ct),
            Sessions = await BulkWriter.OpenAsync<AccessSession>(db, ["Id", "ComputerId", "SiteId", "StartedAt", "EndedAt", "Minutes",
                "Sex", "AgeBand", "EthnicMinority", "PoorHousehold", "Occupation", "FirstTime", "Purposes", "Origin", "StartedBy",
                "EndedBy"], ct),
            AccessDays = await BulkWriter.OpenAsync<AccessDay>(db, ["SiteId", "Day", .. Features.Access.AccessDays.Counters], ct),
        };

        private IEnumerable<BulkWriter> All => [Points, PointCommunes, Readers, Items, Loans, LoanDays, LoanMonths, Computers, Sessions,
            AccessDays];

        // In the order of the foreign keys: PostgreSQL's COPYs run one after another on the one connection.
        public async Task CompleteAsync(CancellationToken ct)
        {
            foreach (var w in All)
            {
                await w.CompleteAsync(ct);
                await w.DisposeAsync();
            }
        }
    }

    /// One point with everything it holds; returns the readers, copies, loans and sessions written.
    private static async Task<(int, int, long, long)> PointAsync(Writers w, State s, Random random, int k, Commune commune, long loans,
        long sessions, Period year, int cutoffDay, DateTime now, int titles, CancellationToken ct)
    {
        var pointId = s.Point++;
        var library = k % 10 == 9;
        var code = $"{Prefix}-{k + 1:D5}";
        var name = library ? $"Thư viện xã {commune.Name} {k + 1}" : $"Điểm Bưu điện – Văn hóa xã {commune.Name} {k + 1}";
        var lat = commune.Lat is { } la ? la + (random.NextDouble() - 0.5) * 0.05 : (double?)null;
        var lon = commune.Lon is { } lo ? lo + (random.NextDouble() - 0.5) * 0.05 : (double?)null;
        var hasComputers = sessions > 0;
        var opened = new DateOnly(2013, 1, 1).AddDays(random.Next(2000));
        await w.Points.AddAsync(ct, pointId, code, name, library ? ServicePointKind.CommuneLibrary : ServicePointKind.PostCulturePoint,
            commune.Code, lat, lon, ServicePointStatus.Active, opened, hasComputers, hasComputers, 1L, now, now,
            TextFolding.Fold($"{code} {name}"));
        await w.PointCommunes.AddAsync(ct, s.PointCommune++, pointId, commune.Code);

        var readerCount = (int)Math.Max(5, loans / 20);
        var firstReader = s.Reader;
        var sexes = new Sex[readerCount];
        for (var r = 0; r < readerCount; r++)
        {
            var roll = random.Next(100);
            var sex = sexes[r] = roll < 4 ? Sex.Unknown : roll < 52 ? Sex.Female : Sex.Male;
            var full = $"{Family[random.Next(Family.Length)]} {(sex == Sex.Female ? "Thị" : "Văn")} {Given[random.Next(Given.Length)]}";
            var card = $"{code}-{r + 1:D5}";
            var registered = year.From.AddDays(-random.Next(1500));
            await w.Readers.AddAsync(ct, s.Reader++, pointId, card, full, 1950 + random.Next(65), sex,
                (ReaderCategory)random.Next(7), random.Next(10) == 0, random.Next(12) == 0, registered, "v1",
                "Mượn sách tại điểm", registered, 1L, now, now, TextFolding.Fold($"{card} {full}"));
        }

        var itemCount = (int)Math.Max(1, loans / 16);
        var firstItem = s.Item;
        for (var i = 0; i < itemCount; i++)
            await w.Items.AddAsync(ct, s.Item++, $"{code}-{i + 1:D6}", s.Title + random.Next(titles), pointId, pointId,
                ItemStatus.Available, 1L, now, now);

        // Each copy's loans one after another over the year, none overlapping: loan j of the point is copy j % copies.
        var days = year.To.DayNumber - year.From.DayNumber + 1;
        var counters = new long[days, LoanRollups.Counters.Length];
        var yearStart = VnTime.StartOfDayUtc(year.From);
        for (var i = 0; i < itemCount; i++)
        {
            var count = (int)(loans / itemCount + (i < loans % itemCount ? 1 : 0));
            if (count == 0) continue;
            var slot = days * 86_400.0 / count;
            for (var j = 0; j < count; j++)
            {
                // Lent in the slot's first half during opening hours, back within the slot (at most 14 days later).
                var lentAt = yearStart.AddSeconds(j * slot + random.NextDouble() * slot * 0.4);
                lentAt = lentAt.Date.AddHours(1 + random.Next(10)).AddMinutes(random.Next(60));
                if (lentAt < yearStart) lentAt = yearStart.AddHours(2);
                var room = Math.Min(14 * 86_400.0, yearStart.AddSeconds((j + 1) * slot).Subtract(lentAt).TotalSeconds - 3_600);
                var back = lentAt.AddSeconds(Math.Max(600, random.NextDouble() * room));
                if (VnTime.DayOf(back) > year.To) back = VnTime.StartOfDayUtc(year.To).AddHours(10);
                if (back < lentAt) back = lentAt.AddMinutes(10);
                var reader = random.Next(readerCount);
                var sex = (int)sexes[reader];
                var lentDay = VnTime.DayOf(lentAt);
                await w.Loans.AddAsync(ct, s.Loan++, firstItem + i, firstReader + reader, pointId, lentAt, lentDay.AddDays(14),
                    0, back, pointId, "generate-national", "generate-national");
                counters[lentDay.DayNumber - year.From.DayNumber, sex]++;
                counters[VnTime.DayOf(back).DayNumber - year.From.DayNumber, LoanRollups.Sexes + sex]++;
            }
        }
        var width = LoanRollups.Counters.Length;
        var month = new long[width];
        var monthOf = LoanRollups.MonthOf(year.From, cutoffDay);
        for (var d = 0; d < days; d++)
        {
            var day = year.From.AddDays(d);
            var any = false;
            var values = new object?[2 + width];
            values[0] = pointId;
            values[1] = day;
            for (var c = 0; c < width; c++)
            {
                values[2 + c] = (int)counters[d, c];
                month[c] += counters[d, c];
                any |= counters[d, c] != 0;
            }
            if (any) await w.LoanDays.AddAsync(ct, values);
            if (day == monthOf.To || d == days - 1)
            {
                if (month.Any(v => v != 0))
                    await w.LoanMonths.AddAsync(ct, [pointId, monthOf.From, monthOf.To, .. month.Select(v => (object?)(int)v)]);
                Array.Clear(month);
                monthOf = LoanRollups.MonthOf(day.AddDays(1), cutoffDay);
            }
        }

        if (hasComputers)
        {
            var computers = new int[3];
            for (var c = 0; c < computers.Length; c++)
            {
                computers[c] = s.Computer++;
                await w.Computers.AddAsync(ct, computers[c], pointId, $"{code}-PC{c + 1}", EquipmentKind.Desktop, EquipmentSource.BmgfVn,
                    2012, EquipmentStatus.Working, 1L, now, now);
            }
            var access = new Dictionary<int, long[]>();
            var purposes = Enum.GetValues<AccessPurpose>().Where(p => p != AccessPurpose.None).ToArray();
            for (long n = 0; n < sessions; n++)
            {
                var day = random.Next(days);
                var started = VnTime.StartOfDayUtc(year.From.AddDays(day)).AddHours(1 + random.Next(10)).AddMinutes(random.Next(60));
                var minutes = 10 + random.Next(110);
                var session = new AccessSession
                {
                    ComputerId = computers[random.Next(computers.Length)], SiteId = pointId, StartedAt = started,
                    EndedAt = started.AddMinutes(minutes), Minutes = minutes, Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male,
                    AgeBand = (AgeBand)random.Next(Enum.GetValues<AgeBand>().Length), EthnicMinority = random.Next(6) == 0,
                    PoorHousehold = random.Next(9) == 0, Occupation = (Occupation)random.Next(Enum.GetValues<Occupation>().Length),
                    FirstTime = random.Next(8) == 0,
                        Purposes = purposes[random.Next(purposes.Length)] | purposes[random.Next(purposes.Length)],
                    Origin = SessionOrigin.Desk, StartedBy = "generate-national", EndedBy = "generate-national",
                };
                await w.Sessions.AddAsync(ct, s.Session++, session.ComputerId, pointId, session.StartedAt, session.EndedAt, minutes,
                    session.Sex, session.AgeBand, session.EthnicMinority, session.PoorHousehold, session.Occupation, session.FirstTime,
                    session.Purposes, session.Origin, session.StartedBy, session.EndedBy);
                var key = AccessDays.DayOf(session).DayNumber;
                if (!access.TryGetValue(key, out var sum)) access[key] = sum = new long[AccessDays.Counters.Length];
                var add = AccessDays.Of(session);
                for (var c = 0; c < sum.Length; c++) sum[c] += add[c];
            }
            foreach (var (day, sum) in access.OrderBy(a => a.Key))
                await w.AccessDays.AddAsync(ct, [pointId, DateOnly.FromDayNumber(day),
                    .. sum.Select((v, c) => AccessDays.Counters[c] == "Minutes" ? (object?)v : (int)v)]);
        }
        return (readerCount, itemCount, loans, sessions);
    }

    private static async Task<int> NextAsync(IQueryable<int> ids, CancellationToken ct) => (await ids.MaxAsync(x => (int?)x, ct) ?? 0) + 1;
}
