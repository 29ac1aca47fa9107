using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure.Audit;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Network.Seed;

/// Loads the real reference data into an empty database: Thanh Hóa's administrative units with their history,
/// and the province's agencies. Runs once; later changes are made through the app and audited row by row.
/// A national deployment (setting Network:Provinces) adds the other provinces from the national lists
/// (<see cref="NationalUnits"/>); the agencies and the provincial library are Thanh Hóa's and come only with it.
public sealed class ReferenceDataSeeder(AppDbContext db, IOptions<NetworkOptions> options, ILogger<ReferenceDataSeeder> logger)
{
    public const string ProvinceCode = "38";
    public const string ProvincialLibraryCode = "TV-TINH";

    public async Task SeedAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await SeedUnitsAndAgenciesAsync(ct);
        // bench/national-load.sh reads this line: the whole reference load of a first start, or the checks of a later one.
        logger.LogInformation("Reference data ready in {Seconds:0.00} s: {Units} unit versions, {Links} successions",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, await db.AdminUnits.CountAsync(ct),
            await db.AdminUnitSuccessions.CountAsync(ct));
    }

    private async Task SeedUnitsAndAgenciesAsync(CancellationToken ct)
    {
        var setting = options.Value.Provinces;
        NationalUnits.Lists? lists = null;
        NationalUnits.Plan? plan = null;
        if (NationalUnits.NeedsLists(setting))
        {
            lists = NationalUnits.LoadEmbedded();
            plan = NationalUnits.Resolve(setting, lists);
        }
        var thanhHoa = plan is null || plan.OldProvinces.Contains(ProvinceCode);
        if (thanhHoa && !await db.AdminUnits.AnyAsync(u => u.Code == ProvinceCode, ct)) await SeedUnitsAsync(ct);
        if (plan is not null)
        {
            var added = await NationalUnits.LoadThreeTierAsync(db, plan, lists!, ct);
            if (added > 0)
                logger.LogInformation("Loaded {Units} administrative units of {Provinces} from the national list of 01/03/2025", added,
                    string.Join(",", plan.OldProvinces.Where(p => p != ProvinceCode)));
        }
        if (thanhHoa)
        {
            if (!await db.Organizations.AnyAsync(ct)) await SeedOrganizationsAsync(ct);
            if (!await db.ServicePoints.AnyAsync(p => p.Code == ProvincialLibraryCode, ct)) await SeedProvincialLibraryAsync(ct);
        }
        await ApplyTwoTierMapAsync(thanhHoa, plan, lists, ct);
    }

    /// The two-tier map of 1 July 2025 on top of the history, once: on a new database right after the snapshots, on an
    /// older one at its first start with this version, moving its points with their communes.
    private async Task ApplyTwoTierMapAsync(bool thanhHoa, NationalUnits.Plan? plan, NationalUnits.Lists? lists, CancellationToken ct)
    {
        await BackfillPointHistoryAsync(ct);
        if (thanhHoa && !await TwoTierReform.IsAppliedAsync(db, ProvinceCode, ct))
        {
            IReadOnlyList<TwoTierReform.NewUnit> units;
            IReadOnlyList<TwoTierReform.Succession> successions;
            using (var reader = TwoTierReform.Embedded(TwoTierReform.ThanhHoaUnits)) units = TwoTierReform.ReadUnits(reader);
            using (var reader = TwoTierReform.Embedded(TwoTierReform.ThanhHoaSuccessions))
                successions = TwoTierReform.ReadSuccessions(reader);
            var applied = await TwoTierReform.ApplyAsync(db, ProvinceCode, units, successions, ct);
            if (applied is not null)
                logger.LogInformation(
                    "Two-tier map of 1/7/2025 for {Province}: {Ended} units ended, {Started} started, {Links} successions; "
                        + "linked by name: {ByName}; without successor: {Unlinked}; {Points} points followed their communes "
                        + "({Review} to check)",
                    ProvinceCode, applied.Ended, applied.Started, applied.Links, string.Join("; ", applied.ByName),
                    string.Join("; ", applied.Unlinked), applied.Points.Count, applied.Points.Count(p => p.NeedsReview));
        }
        if (plan is not null)
        {
            var reformed = await NationalUnits.ApplyReformAsync(db, plan, lists!, ct);
            if (reformed.Ended + reformed.Started + reformed.ProvinceLinks > 0)
            {
                var followed = await PointPlaces.FollowSuccessionsAsync(db, AdminUnit.TwoTierSince, ct);
                await db.SaveChangesAsync(ct);
                logger.LogInformation(
                    "Two-tier map of 1/7/2025 for {Provinces} provinces from the national list: {Ended} units ended (without "
                        + "commune successions), {Started} started, {Links} province mergers linked; {Points} points to check",
                    reformed.Provinces, reformed.Ended, reformed.Started, reformed.ProvinceLinks, followed.Count(f => f.NeedsReview));
            }
        }
        await TwoTierReform.EnsureCultureOfficesAsync(db, DateOnly.FromDateTime(db.UtcNow), ct);
    }

    /// Points saved before the commune history existed get their first row: the commune their code named then (the map
    /// of the day, or its eve when the two-tier map is not loaded yet), from their opening day.
    private async Task BackfillPointHistoryAsync(CancellationToken ct)
    {
        var points = await db.ServicePoints.Where(p => !db.PointCommunes.Any(l => l.ServicePointId == p.Id)).ToListAsync(ct);
        if (points.Count == 0) return;
        var today = DateOnly.FromDateTime(db.UtcNow);
        var day = await TwoTierReform.IsAppliedAsync(db, ProvinceCode, ct) || today < AdminUnit.TwoTierSince ? today
            : AdminUnit.LastThreeTierDay;
        var codes = points.Select(p => p.CommuneCode).Distinct().ToList();
        var units = await db.AdminUnits.Where(AdminUnit.ValidOn(day)).Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, ct);
        foreach (var point in points)
        {
            if (units.TryGetValue(point.CommuneCode, out var commune)) PointPlaces.Place(point, commune, point.OpenedOn);
            else point.Communes.Add(new PointCommune { CommuneCode = point.CommuneCode, ValidFrom = point.OpenedOn, NeedsReview = true,
                Note = "Mã xã không có trên bản đồ khi lập lịch sử" });
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Gave {Count} points their first commune history row", points.Count);
    }

    /// The provincial library is where the catalogue and the rotating stock start, so it exists from the first start.
    /// It opened in 1998 in a ward of Thanh Hóa city, on the three-tier map; the two-tier step moves it with its ward.
    private async Task SeedProvincialLibraryAsync(CancellationToken ct)
    {
        var eve = AdminUnit.LastThreeTierDay;
        var ward = (await db.AdminUnits.Where(AdminUnit.ValidOn(eve))
            .Where(u => u.Level == AdminLevel.Commune && u.ParentCode == "380" && u.Type == "Phường").OrderBy(u => u.Code)
                .ToListAsync(ct)).First();
        var operatorId = await db.Organizations.Where(o => o.Code == ProvincialLibraryCode).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        var now = db.UtcNow;
        var library = new ServicePoint
        {
            Code = ProvincialLibraryCode, Name = "Thư viện tỉnh Thanh Hóa", Kind = ServicePointKind.ProvincialLibrary,
            OperatorId = operatorId, Address = "Số 17 Nguyễn Văn Cừ, " + ward.Name, Phone = "0237 3852 417",
            OpeningHours = "7h30–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)", OpenedOn = new DateOnly(1998, 1, 1),
            HasComputers = true, HasInternet = true, Latitude = 19.8075, Longitude = 105.7764, CreatedAt = now, UpdatedAt = now,
        };
        library.RefreshSearchText();
        PointPlaces.Place(library, ward, library.OpenedOn);
        library.ChangeStatus(ServicePointStatus.Active, now, "system", null);
        db.ServicePoints.Add(library);
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedUnitsAsync(CancellationToken ct)
    {
        var built = AdminUnitHistory.Build(AdminUnitHistory.LoadEmbedded());
        db.SuppressRowAudit = true;
        try
        {
            db.AdminUnits.AddRange(built.Units);
            db.AdminUnitSuccessions.AddRange(built.Successions);
            db.AppendAudit(AuditAction.Created, "Seed", "admin-units",
                new { units = built.Units.Count, successions = built.Successions.Count,
                source = "GSO snapshots 2019-09-11, 2024-02-01, 2025-03-01" });
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        logger.LogInformation(
            "Seeded {Units} administrative unit versions and {Successions} successions "
                + "({Unlinked} ended units without a certain successor)",
            built.Units.Count, built.Successions.Count, built.UnlinkedEnded);
    }

    private async Task SeedOrganizationsAsync(CancellationToken ct)
    {
        // Thanh Hóa's agencies: the district offices of its own districts (a national database holds every province's).
        var districtVersions = await db.AdminUnits.Where(u => u.Level == AdminLevel.District && u.ParentCode == ProvinceCode)
            .ToListAsync(ct);
        var districts = districtVersions.GroupBy(u => u.Code).OrderBy(g => g.Key)
            .Select(g => (Latest: g.OrderBy(u => u.ValidFrom).Last(), From: g.Min(u => u.ValidFrom),
                To: g.OrderBy(u => u.ValidFrom).Last().ValidTo))
            .ToList();
        var peoplesCommittee = Org("UBND-TINH", "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND tỉnh", OrganizationKind.PeoplesCommittee, null);
        var science = Org("SKHCN", "Sở Khoa học và Công nghệ tỉnh Thanh Hóa", "Sở KH&CN", OrganizationKind.Department, peoplesCommittee);
        var information = Org("STTTT", "Sở Thông tin và Truyền thông tỉnh Thanh Hóa", "Sở TT&TT", OrganizationKind.Department,
            peoplesCommittee);
        // Sở TT&TT merged into Sở KH&CN on 1/3/2025.
        information.ValidTo = new DateOnly(2025, 3, 1);
        information.Successor = science;
        var culture = Org("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa", "Sở VHTTDL", OrganizationKind.Department,
            peoplesCommittee);
        Org("TV-TINH", "Thư viện tỉnh Thanh Hóa", "Thư viện tỉnh", OrganizationKind.Library, culture);
        var post = Org("BD-TINH", "Bưu điện tỉnh Thanh Hóa", "Bưu điện tỉnh", OrganizationKind.PostOffice, null);
        foreach (var (district, from, to) in districts)
        {
            var name = AdminUnitHistory.InSentence(district);
            var office = Org($"PVHTT-{district.Code}", $"Phòng Văn hóa và Thông tin {name}", null, OrganizationKind.CultureOffice, null,
                district.Code);
            var postOffice = Org($"BD-{district.Code}", $"Bưu điện {name}", null, OrganizationKind.PostOffice, post, district.Code);
            office.ValidFrom = postOffice.ValidFrom = from;
            office.ValidTo = postOffice.ValidTo = to;
        }
        await db.SaveChangesAsync(ct);

        Organization Org(string code, string name, string? shortName, OrganizationKind kind, Organization? parent,
            string area = ProvinceCode)
        {
            var org = new Organization { Code = code, Name = name, ShortName = shortName, Kind = kind, Parent = parent, AreaCode = area };
            db.Organizations.Add(org);
            return org;
        }
    }
}
