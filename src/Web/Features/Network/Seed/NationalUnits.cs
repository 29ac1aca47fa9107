namespace Bookpost.Web.Features.Network.Seed;

/// Which provinces a deployment keeps: the GSO codes of setting Network:Provinces (comma-separated, "*" or "all" for the
/// whole country; default "38", Thanh Hóa).
public sealed class NetworkOptions
{
    public const string Section = "Network";

    public string Provinces { get; set; } = ReferenceDataSeeder.ProvinceCode;
}

/// The administrative units of provinces other than Thanh Hóa, from the national lists: the three-tier list of 01/03/2025
/// (63 provinces, taken as "since before our records") and the two-tier list of 01/07/2025 (34 provinces). On 1 July 2025
/// 63 provinces became 34: a province that merged is closed and linked to the province it went into, whose code is one of
/// the old codes (Hà Giang 02 and Tuyên Quang 08 became Tuyên Quang 08, a new version of code 08). The lists carry no
/// commune successions, so the old communes of these provinces end without links and their points (if any) are flagged.
/// Thanh Hóa keeps its own history (three snapshots and the succession list) and is loaded by <see cref="ReferenceDataSeeder"/>.
public static class NationalUnits
{
    public const string ThreeTierList = "vietnam_2025-03-01.csv";
    public const string TwoTierList = "vietnam_2025-07-01.csv";

    /// The provinces to load: the old provinces of the three-tier map and the new ones of the two-tier map.
    public sealed record Plan(IReadOnlyList<string> OldProvinces, IReadOnlyList<string> NewProvinces,
        IReadOnlyDictionary<string, string> MergedInto);

    public sealed record Lists(IReadOnlyList<AdminUnitHistory.Row> ThreeTier, IReadOnlyList<TwoTierReform.NewUnit> TwoTier);

    public static Lists LoadEmbedded()
    {
        IReadOnlyList<AdminUnitHistory.Row> old;
        using (var reader = TwoTierReform.Embedded(ThreeTierList)) old = AdminUnitHistory.ReadCsv(reader);
        using (var reader = TwoTierReform.Embedded(TwoTierList)) return new Lists(old, TwoTierReform.ReadUnits(reader));
    }

    /// Whether the setting names anything beyond Thanh Hóa (the lists are read only then).
    public static bool NeedsLists(string setting) => Codes(setting) is var codes && (codes is null || codes.Any(c => c != Province));

    private const string Province = ReferenceDataSeeder.ProvinceCode;

    /// The codes of the setting; null for the whole country.
    private static IReadOnlyList<string>? Codes(string setting)
    {
        var codes = setting.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (codes.Any(c => c == "*" || c.Equals("all", StringComparison.OrdinalIgnoreCase))) return null;
        return codes.Count == 0 ? [Province] : codes;
    }

    /// Each old province and the new province it is part of from 1 July 2025: the one holding most of the new units whose
    /// code was one of its communes (a new unit keeps a predecessor's code; in the 2025 lists every old province falls
    /// whole into one new province this way).
    public static IReadOnlyDictionary<string, string> ProvinceMergers(Lists lists)
    {
        var districtProvince = lists.ThreeTier.Where(r => r.Level == "district").ToDictionary(r => r.Code, r => r.ParentCode!);
        var communeProvince = lists.ThreeTier.Where(r => r.Level == "commune")
            .ToDictionary(r => r.Code, r => districtProvince[r.ParentCode!]);
        var votes = lists.TwoTier.Where(u => u.Level == "commune" && communeProvince.ContainsKey(u.Code))
            .GroupBy(u => communeProvince[u.Code])
            .ToDictionary(g => g.Key, g => g.GroupBy(u => u.ParentCode!).OrderByDescending(v => v.Count()).First().Key);
        var newProvinces = lists.TwoTier.Where(u => u.Level == "province").Select(u => u.Code).ToHashSet();
        foreach (var p in lists.ThreeTier.Where(r => r.Level == "province").Select(r => r.Code))
            if (!votes.ContainsKey(p) && newProvinces.Contains(p)) votes[p] = p;
        return votes;
    }

    /// The plan for a setting. A code of an old province brings in the province it merged into and that province's other
    /// parts, and a code of a new province brings in the old provinces it was made of: a deployment of either code serves
    /// the same area on both maps. An unknown code stops the start with a message naming it.
    public static Plan Resolve(string setting, Lists lists)
    {
        var mergers = ProvinceMergers(lists);
        var oldCodes = lists.ThreeTier.Where(r => r.Level == "province").Select(r => r.Code).ToHashSet();
        var newCodes = lists.TwoTier.Where(u => u.Level == "province").Select(u => u.Code).ToHashSet();
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in Codes(setting) ?? [.. oldCodes])
        {
            if (mergers.TryGetValue(code, out var into)) wanted.Add(into);
            else if (newCodes.Contains(code)) wanted.Add(code);
            else throw new InvalidOperationException(
                $"Network:Provinces: «{code}» không phải mã tỉnh GSO nào trong danh sách 01/03/2025 hay 01/07/2025 / "
                + "is not a GSO province code of the 2025-03-01 or 2025-07-01 lists.");
        }
        var olds = mergers.Where(m => wanted.Contains(m.Value)).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        return new Plan(olds, [.. wanted], mergers);
    }

    /// Adds the three-tier units (province, districts, communes as of 01/03/2025, no known start) of the planned provinces
    /// that have none yet, Thanh Hóa aside. Returns the number of units added.
    public static async Task<int> LoadThreeTierAsync(AppDbContext db, Plan plan, Lists lists, CancellationToken ct)
    {
        var present = (await db.AdminUnits.Where(u => u.Level == AdminLevel.Province).Select(u => u.Code).Distinct().ToListAsync(ct))
            .ToHashSet();
        var missing = plan.OldProvinces.Where(p => p != Province && !present.Contains(p)).ToHashSet();
        if (missing.Count == 0) return 0;
        var districts = lists.ThreeTier.Where(r => r.Level == "district" && missing.Contains(r.ParentCode!)).Select(r => r.Code)
            .ToHashSet();
        var rows = lists.ThreeTier.Where(r => r.Level switch
        {
            "province" => missing.Contains(r.Code),
            "district" => districts.Contains(r.Code),
            _ => districts.Contains(r.ParentCode!),
        }).ToList();
        // Ten thousand rows nothing reads back in this step: multi-row INSERTs in one transaction instead of the change
        // tracker's one statement per row (10 s on SQLite in the first measurement, see BENCHMARKS.md).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await MultiRowInsert.AppendAsync<AdminUnit, AdminUnitHistory.Row>(db, s_columns, rows, (r, values, p) =>
        {
            values[p] = r.Code;
            values[p + 1] = r.Name;
            values[p + 2] = r.Type;
            values[p + 3] = Enum.Parse<AdminLevel>(r.Level, ignoreCase: true).ToString();
            values[p + 4] = r.ParentCode;
            values[p + 5] = TextFolding.Fold($"{r.Code} {r.Name}");
        }, ct);
        db.AppendAudit(Infrastructure.Audit.AuditAction.Created, "Seed", "admin-units/national/2025-03-01",
            new { provinces = missing.Order(StringComparer.Ordinal).ToList(), units = rows.Count, source = ThreeTierList });
        await SaveQuietlyAsync(db, ct);
        await transaction.CommitAsync(ct);
        // Units written in a transaction of our own (some with raw INSERTs): the kept map is stale once it commits.
        Points.AdminMapChanges.Bump();
        return rows.Count;
    }

    private static readonly string[] s_columns =
        [nameof(AdminUnit.Code), nameof(AdminUnit.Name), nameof(AdminUnit.Type), nameof(AdminUnit.Level), nameof(AdminUnit.ParentCode),
            nameof(AdminUnit.SearchText)];

    public sealed record Reformed(int Provinces, int Ended, int Started, int ProvinceLinks);

    /// The 1 July 2025 reform for the planned provinces other than Thanh Hóa: for each new province, the old provinces it
    /// was made of close (when there was more than one, or its code changed) and link to a new version of the province; the
    /// districts and communes of each part close and the new communes open under the new province
    /// (<see cref="TwoTierReform.ApplyAsync"/> without successions). Idempotent, one province at a time.
    public static async Task<Reformed> ApplyReformAsync(AppDbContext db, Plan plan, Lists lists, CancellationToken ct)
    {
        var day = AdminUnit.TwoTierSince;
        int provinces = 0, ended = 0, started = 0, links = 0;
        // One transaction for the country: one durable commit instead of one per province, and a start stopped half-way
        // leaves the three-tier map whole for the next start to reform.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var code in plan.NewProvinces.Where(c => c != Province))
        {
            var parts = plan.MergedInto.Where(m => m.Value == code).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            var merged = parts.Count != 1 || parts[0] != code;
            if (merged && !await db.AdminUnits.AnyAsync(u => u.Code == code && u.Level == AdminLevel.Province && u.ValidFrom == day, ct))
            {
                var row = lists.TwoTier.Single(u => u.Level == "province" && u.Code == code);
                var successor = new AdminUnit
                {
                    Code = code, Name = row.Name, Type = row.Type, Level = AdminLevel.Province, ValidFrom = day,
                    Latitude = row.Latitude, Longitude = row.Longitude, AreaKm2 = row.AreaKm2,
                    SearchText = TextFolding.Fold($"{code} {row.Name}"),
                };
                db.AdminUnits.Add(successor);
                var olds = await db.AdminUnits.Where(u => u.Level == AdminLevel.Province && parts.Contains(u.Code))
                    .Where(u => u.ValidTo == null || u.ValidTo > day).Where(u => u.ValidFrom == null || u.ValidFrom < day).ToListAsync(ct);
                foreach (var old in olds)
                {
                    old.ValidTo = day;
                    db.AdminUnitSuccessions.Add(new AdminUnitSuccession
                    {
                        Predecessor = old, Successor = successor, EffectiveOn = day, Kind = SuccessionKind.Merge,
                        Note = "Sắp xếp đơn vị hành chính cấp tỉnh 2025 (Nghị quyết 202/2025/QH15)",
                    });
                    links++;
                }
                await SaveQuietlyAsync(db, ct);
            }
            // The part that keeps the code opens the new communes; the others only close theirs.
            foreach (var part in parts.OrderBy(p => p == code ? 0 : 1))
            {
                var open = await db.AdminUnits.AnyAsync(u => u.Level == AdminLevel.District && u.ParentCode == part
                    && (u.ValidTo == null || u.ValidTo > day), ct);
                if (!open && (part != code || await TwoTierReform.IsAppliedAsync(db, code, ct))) continue;
                var applied = await TwoTierReform.ApplyAsync(db, part, part == code ? lists.TwoTier : [], [], ct, followPoints: false);
                if (applied is null) continue;
                ended += applied.Ended;
                started += applied.Started;
            }
            // Each province's rows are saved: tracking them on would make every later save look through all of them.
            db.ChangeTracker.Clear();
            provinces++;
        }
        await transaction.CommitAsync(ct);
        // Units written in a transaction of our own (some with raw INSERTs): the kept map is stale once it commits.
        Points.AdminMapChanges.Bump();
        return new Reformed(provinces, ended, started, links);
    }

    private static async Task SaveQuietlyAsync(AppDbContext db, CancellationToken ct)
    {
        db.SuppressRowAudit = true;
        try { await db.SaveChangesAsync(ct); }
        finally { db.SuppressRowAudit = false; }
    }
}
