namespace Bookpost.Web.Features.Network.Seed;

/// A generated but plausible network for demonstrations: one library per district and about 120 Post-Culture points
/// spread over the districts in proportion to their communes, opened over the years in the communes of the three-tier
/// map. On 1 July 2025 they follow their communes onto the two-tier map (<see cref="Points.PointPlaces"/>); those in a
/// divided commune are flagged for review. Most points have coordinates near the centre of a unit their commune went
/// into, so the nearest-centre rule has something to measure. Deterministic.
public sealed class DemoNetworkSeeder(AppDbContext db)
{
    public const string ProvincialLibraryCode = ReferenceDataSeeder.ProvincialLibraryCode;
    public const int PostCulturePoints = 120;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.ServicePoints.AnyAsync(p => p.Kind != ServicePointKind.ProvincialLibrary, ct)) return;
        var eve = AdminUnit.LastThreeTierDay;
        var units = await db.AdminUnits.ToListAsync(ct);
        var current = units.Where(u => u.IsValidOn(eve)).ToList();
        // Only communes that existed before our records start, so any plausible opening date is valid.
        var oldCodes = units.Where(u => u.ValidFrom is null).Select(u => u.Code).ToHashSet();
        var communes = current.Where(u => u.Level == AdminLevel.Commune && oldCodes.Contains(u.Code)).OrderBy(u => u.Code).ToList();
        var districts = current.Where(u => u.Level == AdminLevel.District).OrderBy(u => u.Code).ToList();
        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Code, ct);
        var random = new Random(2026);
        var now = db.UtcNow;

        var city = districts.First(d => d.Code == "380");
        foreach (var district in districts.Where(d => d.Code != city.Code))
        {
            var inDistrict = communes.Where(c => c.ParentCode == district.Code).ToList();
            if (inDistrict.Count == 0) continue;
            var seat = inDistrict.FirstOrDefault(c => c.Type is "Thị trấn" or "Phường") ?? inDistrict[0];
            Add($"TV-{district.Code}", $"Thư viện {AdminUnitHistory.InSentence(district)}", ServicePointKind.DistrictLibrary, seat,
                organizations.GetValueOrDefault($"PVHTT-{district.Code}")?.Id, seat.Name, Phone(), OpenedOn(2000, 2008), computers: true);
        }

        var rural = communes.Where(c => c.Type == "Xã").ToList();
        var chosen = rural.OrderBy(_ => random.Next()).Take(PostCulturePoints).OrderBy(c => c.Code).ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            var commune = chosen[i];
            var computers = random.NextDouble() < 0.4;
            var point = Add($"BDVHX-{commune.Code}", $"Điểm BĐVHX {AdminUnitHistory.ShortName(commune)}",
                ServicePointKind.PostCulturePoint, commune,
                organizations.GetValueOrDefault($"BD-{commune.ParentCode}")?.Id, $"Trung tâm {commune.Name}", Phone(),
                    OpenedOn(1998, 2012), computers);
            if (i % 17 == 5) point.ChangeStatus(ServicePointStatus.Suspended, now, "system", "Tạm ngừng do thiếu nhân viên phụ trách");
        }
        await PlaceNearSuccessorsAsync(ct);
        await db.SaveChangesAsync(ct);
        await Points.PointPlaces.FollowSuccessionsAsync(db, AdminUnit.TwoTierSince, ct);
        await db.SaveChangesAsync(ct);

        ServicePoint Add(string code, string name, ServicePointKind kind, AdminUnit commune, int? operatorId, string address, string phone,
            DateOnly opened, bool computers, double? lat = null, double? lon = null)
        {
            var point = new ServicePoint
            {
                Code = code, Name = name, Kind = kind, OperatorId = operatorId, Address = address,
                Phone = phone, OpeningHours = "7h00–11h30, 13h30–17h00 (thứ Hai – thứ Bảy)", OpenedOn = opened,
                HasComputers = computers, HasInternet = computers || random.NextDouble() < 0.3, Latitude = lat, Longitude = lon,
                CreatedAt = now, UpdatedAt = now,
            };
            point.RefreshSearchText();
            Points.PointPlaces.Place(point, commune, opened);
            point.ChangeStatus(ServicePointStatus.Active, now, "system", "Dữ liệu mẫu");
            db.ServicePoints.Add(point);
            return point;
        }

        string Phone() => $"0237 3{random.Next(100, 999)} {random.Next(100, 999)}";
        DateOnly OpenedOn(int from, int to) => new(random.Next(from, to + 1), random.Next(1, 13), random.Next(1, 29));
    }

    /// Three points in four get coordinates a few hundred metres from the centre of one of the units their commune went
    /// into on 1/7/2025 (its own random stream, so the network drawn above stays the same).
    private async Task PlaceNearSuccessorsAsync(CancellationToken ct)
    {
        var random = new Random(2025);
        var day = AdminUnit.TwoTierSince;
        var successors = await db.AdminUnitSuccessions.Where(s => s.EffectiveOn == day)
            .Select(s => new { s.Predecessor.Code, s.Successor.Latitude, s.Successor.Longitude, s.SuccessorId }).ToListAsync(ct);
        var byCode = successors.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.OrderBy(s => s.SuccessorId).ToList());
        foreach (var point in db.ServicePoints.Local.Where(p => p.Latitude is null).OrderBy(p => p.Code))
        {
            if (random.NextDouble() >= 0.75 || !byCode.TryGetValue(point.CommuneCode, out var options)) continue;
            var centre = options[random.Next(options.Count)];
            if (centre.Latitude is not { } lat || centre.Longitude is not { } lon) continue;
            point.Latitude = Math.Round(lat + (random.NextDouble() - 0.5) * 0.01, 5);
            point.Longitude = Math.Round(lon + (random.NextDouble() - 0.5) * 0.01, 5);
        }
    }
}
