using System.Globalization;
using Bookpost.Web.Features.Network.Points;
using Bookpost.Web.Infrastructure.Audit;

namespace Bookpost.Web.Features.Network.Seed;

/// The 1 July 2025 reform of a province on top of its three-tier history: every district and every commune under it
/// ends on <see cref="AdminUnit.TwoTierSince"/>, the new commune-level units start that day directly under the
/// province, each old commune is linked to the unit(s) it went into (a split where it was divided), and the points follow
/// their communes (<see cref="PointPlaces.FollowSuccessionsAsync"/>). The generic snapshot diff cannot do this: a new
/// unit usually keeps a predecessor's code, and a diff by code would call Phường Đông Thọ's end a rename.
/// Applying it twice changes nothing.
public static class TwoTierReform
{
    public sealed record NewUnit(string Code, string Name, string Level, string Type, string? ParentCode, double? Latitude,
        double? Longitude, double? AreaKm2);

    public sealed record Succession(string OldCode, string OldName, string OldDistrictCode, string NewCode, bool Divided);

    public sealed record Applied(int Ended, int Started, int Links, IReadOnlyList<string> ByName, IReadOnlyList<string> Unlinked,
        IReadOnlyList<PointPlaces.Followed> Points);

    public const string ThanhHoaUnits = "thanh-hoa_2025-07-01.csv";
    public const string ThanhHoaSuccessions = "thanh-hoa_2025-07-01_successions.csv";

    public static IReadOnlyList<NewUnit> ReadUnits(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != "code,name,level,type,parent_code,latitude,longitude,area_km2")
            throw new InvalidDataException($"Unexpected header: {header}");
        var rows = new List<NewUnit>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 8) throw new InvalidDataException($"Expected 8 fields: {line}");
            rows.Add(new NewUnit(f[0], TextFolding.Clean(f[1]), f[2], f[3], f[4].Length == 0 ? null : f[4], Number(f[5]), Number(f[6]),
                Number(f[7])));
        }
        return rows;

        static double? Number(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<Succession> ReadSuccessions(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != "old_code,old_name,old_district_code,old_district,new_code,new_name,old_unit_divided")
            throw new InvalidDataException($"Unexpected header: {header}");
        var rows = new List<Succession>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 7) throw new InvalidDataException($"Expected 7 fields: {line}");
            rows.Add(new Succession(f[0], TextFolding.Clean(f[1]), f[2], f[4], bool.Parse(f[6])));
        }
        return rows;
    }

    public static TextReader Embedded(string resource) =>
        new StreamReader(typeof(TwoTierReform).Assembly.GetManifestResourceStream($"Bookpost.Web.Features.Network.Seed.{resource}")
            ?? throw new InvalidOperationException($"Missing embedded list {resource}"));

    /// Whether the province already has units that started with the reform.
    public static Task<bool> IsAppliedAsync(AppDbContext db, string province, CancellationToken ct) =>
        db.AdminUnits.AnyAsync(u => u.ParentCode == province && u.Level == AdminLevel.Commune && u.ValidFrom == AdminUnit.TwoTierSince,
            ct);

    /// Applies the reform to one province and saves. <paramref name="units"/> may hold other provinces' rows (a national
    /// list); only the province's communes are taken. Successions may be empty: the old communes then end unlinked and
    /// their points stay put, flagged for review.
    /// <paramref name="followPoints"/> false leaves the points to one <see cref="PointPlaces.FollowSuccessionsAsync"/> call
    /// after several provinces (a national load).
    public static async Task<Applied?> ApplyAsync(AppDbContext db, string province, IReadOnlyList<NewUnit> units,
        IReadOnlyList<Succession> successions, CancellationToken ct, bool followPoints = true)
    {
        if (await IsAppliedAsync(db, province, ct)) return null;
        var day = AdminUnit.TwoTierSince;
        // Read untracked and closed with two UPDATE statements below, in the transaction of the save: a province has a
        // few hundred of them and a national load ten thousand, which the change tracker wrote one statement each.
        var openDistricts = db.AdminUnits.Where(u => u.Level == AdminLevel.District && u.ParentCode == province)
            .Where(u => u.ValidTo == null || u.ValidTo > day);
        var districts = await openDistricts.AsNoTracking().ToListAsync(ct);
        var districtCodes = districts.Select(d => d.Code).ToList();
        var openCommunes = db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && (u.ValidTo == null || u.ValidTo > day))
            .Where(u => u.ValidFrom == null || u.ValidFrom < day).Where(u => districtCodes.Contains(u.ParentCode!));
        var communes = await openCommunes.AsNoTracking().ToListAsync(ct);

        var started = units.Where(u => u.Level == "commune" && u.ParentCode == province).Select(u => new AdminUnit
        {
            Code = u.Code, Name = u.Name, Type = u.Type, Level = AdminLevel.Commune, ParentCode = province, ValidFrom = day,
            Latitude = u.Latitude, Longitude = u.Longitude, AreaKm2 = u.AreaKm2, SearchText = TextFolding.Fold($"{u.Code} {u.Name}"),
        }).ToList();
        // Without successions nothing links to the new units, so a national load writes them with multi-row INSERTs (the
        // change tracker's one statement per row was most of its time); with successions the links need their keys.
        var bulk = successions.Count == 0;
        if (!bulk) db.AdminUnits.AddRange(started);

        var oldByCode = communes.ToDictionary(c => c.Code);
        var newByCode = started.ToDictionary(c => c.Code);
        var links = 0;
        var linked = new Dictionary<string, List<(AdminUnit To, bool Divided)>>();
        foreach (var s in successions)
        {
            if (!oldByCode.TryGetValue(s.OldCode, out var from) || !newByCode.TryGetValue(s.NewCode, out var to)) continue;
            if (!linked.TryGetValue(from.Code, out var list)) linked[from.Code] = list = [];
            if (list.Any(l => l.To == to)) continue;
            list.Add((to, s.Divided));
        }
        // A commune missing from the succession list goes where a commune of the same name in the same district went
        // (the March 2025 list holds two such late mergers).
        var byName = new List<string>();
        foreach (var gone in communes.Where(c => !linked.ContainsKey(c.Code)).ToList())
        {
            var twin = communes.FirstOrDefault(c => c != gone && c.Name == gone.Name && c.ParentCode == gone.ParentCode
                && linked.ContainsKey(c.Code));
            if (twin is null) continue;
            linked[gone.Code] = linked[twin.Code];
            byName.Add($"{gone.Code} {gone.Name} → {string.Join(", ", linked[twin.Code].Select(l => l.To.Code))}");
        }
        foreach (var (code, targets) in linked)
        {
            var divided = targets.Count > 1 || targets.Any(t => t.Divided);
            foreach (var (to, _) in targets)
            {
                db.AdminUnitSuccessions.Add(new AdminUnitSuccession
                {
                    PredecessorId = oldByCode[code].Id, Successor = to, EffectiveOn = day,
                    Kind = divided ? SuccessionKind.Split : SuccessionKind.Merge,
                    Note = "Sắp xếp đơn vị hành chính 2025 (chính quyền địa phương hai cấp)",
                });
                links++;
            }
        }
        var unlinked = communes.Where(c => !linked.ContainsKey(c.Code)).Select(c => $"{c.Code} {c.Name}").ToList();

        db.SuppressRowAudit = true;
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await openCommunes.ExecuteUpdateAsync(u => u.SetProperty(x => x.ValidTo, (DateOnly?)day), ct);
            await openDistricts.ExecuteUpdateAsync(u => u.SetProperty(x => x.ValidTo, (DateOnly?)day), ct);
            if (bulk) await MultiRowInsert.AppendAsync<AdminUnit, AdminUnit>(db, s_columns, started, (u, values, i) =>
            {
                (values[i], values[i + 1], values[i + 2]) = (u.Code, u.Name, u.Type);
                (values[i + 3], values[i + 4]) = (u.Level.ToString(), u.ParentCode);
                (values[i + 5], values[i + 6], values[i + 7], values[i + 8]) = (u.ValidFrom, u.Latitude, u.Longitude, u.AreaKm2);
                values[i + 9] = u.SearchText;
            }, ct);
            db.AppendAudit(AuditAction.Updated, "Seed", $"admin-units/{province}/2025-07-01",
                new { ended = districts.Count + communes.Count, started = started.Count, successions = links, unlinked });
            await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        // Units written in a transaction of our own (some with raw INSERTs): the kept map is stale once it commits.
        Points.AdminMapChanges.Bump();
            // Units written in a transaction of our own (some with raw INSERTs): the kept map is stale once it commits.
            Points.AdminMapChanges.Bump();
        }
        finally
        {
            db.SuppressRowAudit = false;
        }
        IReadOnlyList<PointPlaces.Followed> followed = [];
        if (followPoints)
        {
            followed = await PointPlaces.FollowSuccessionsAsync(db, day, ct);
            await db.SaveChangesAsync(ct);
        }
        return new Applied(districts.Count + communes.Count, started.Count, links, byName, unlinked, followed);
    }

    private static readonly string[] s_columns =
    [
        nameof(AdminUnit.Code), nameof(AdminUnit.Name), nameof(AdminUnit.Type), nameof(AdminUnit.Level), nameof(AdminUnit.ParentCode),
        nameof(AdminUnit.ValidFrom), nameof(AdminUnit.Latitude), nameof(AdminUnit.Longitude), nameof(AdminUnit.AreaKm2),
        nameof(AdminUnit.SearchText),
    ];

    /// The agencies of the new map: the district culture offices (Phòng Văn hóa và Thông tin) close on 1/7/2025 and each
    /// commune valid today gets its culture and social office (Phòng Văn hóa – Xã hội). Adds only what is missing.
    public static async Task EnsureCultureOfficesAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var day = AdminUnit.TwoTierSince;
        if (today < day) return;
        foreach (var office in await db.Organizations.Where(o => o.Kind == OrganizationKind.CultureOffice && o.Code.StartsWith("PVHTT-")
                && (o.ValidTo == null || o.ValidTo > day)).ToListAsync(ct))
            office.ValidTo = day;
        var existing = (await db.Organizations.Where(o => o.Code.StartsWith("PVHXH-")).Select(o => o.Code).ToListAsync(ct)).ToHashSet();
        var communes = await db.AdminUnits.Where(AdminUnit.ValidOn(today)).Where(u => u.Level == AdminLevel.Commune && u.ValidFrom >= day)
            .OrderBy(u => u.Code).ToListAsync(ct);
        var offices = communes.Where(c => !existing.Contains($"PVHXH-{c.Code}")).Select(c => new Organization
        {
            Code = $"PVHXH-{c.Code}", Name = $"Phòng Văn hóa – Xã hội {AdminUnitHistory.InSentence(c)}",
            Kind = OrganizationKind.CultureOffice, AreaCode = c.Code, ValidFrom = c.ValidFrom, Version = 1,
        }).ToList();
        if (offices.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        // A reference load (166 offices for Thanh Hóa, 3,321 for the country): multi-row INSERTs and one summary audit entry,
        // as for the units themselves.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await MultiRowInsert.AppendAsync<Organization, Organization>(db, s_officeColumns, offices, (o, values, i) =>
        {
            (values[i], values[i + 1], values[i + 2]) = (o.Code, o.Name, o.Kind.ToString());
            (values[i + 3], values[i + 4], values[i + 5]) = (o.AreaCode, o.ValidFrom, o.Version);
        }, ct);
        db.AppendAudit(AuditAction.Created, "Seed", "organizations/PVHXH",
            new { offices = offices.Count, first = offices[0].Code, last = offices[^1].Code });
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        // Units written in a transaction of our own (some with raw INSERTs): the kept map is stale once it commits.
        Points.AdminMapChanges.Bump();
    }

    private static readonly string[] s_officeColumns =
    [
        nameof(Organization.Code), nameof(Organization.Name), nameof(Organization.Kind), nameof(Organization.AreaCode),
        nameof(Organization.ValidFrom), nameof(Organization.Version),
    ];
}
