namespace Bookpost.Web.Features.Network.Points;

/// The one writer of a point's commune history (<see cref="PointCommune"/>) and of its copy on the point. A point is
/// placed once when it is created, moved by a person from a date, and follows its commune when the commune ends in a
/// merger or a division (the 1 July 2025 reform among them).
public static class PointPlaces
{
    /// The first row of a new point: from its opening day, but never before its commune existed (a code names another
    /// unit before that, so a row reaching back would put the point in the wrong place).
    public static void Place(ServicePoint point, AdminUnit commune, DateOnly? from, string? note = null)
    {
        var start = (from, commune.ValidFrom) switch
        {
            (null, var c) => c,
            (var f, null) => f,
            (var f, var c) => f > c ? f : c,
        };
        point.Communes.Add(new PointCommune { CommuneCode = commune.Code, ValidFrom = start, Note = note });
        point.CommuneCode = commune.Code;
    }

    /// Moves a point into a commune from a day: the open row ends the day before and a new one starts. A move dated on or
    /// before the open row's start corrects that row instead, so the history never overlaps. A person placed the point,
    /// so any "check again" flag is cleared.
    public static async Task MoveAsync(AppDbContext db, ServicePoint point, string communeCode, DateOnly on, string by,
        string? note, CancellationToken ct)
    {
        var open = await db.PointCommunes.Where(l => l.ServicePointId == point.Id && l.ValidTo == null).SingleOrDefaultAsync(ct);
        var now = db.UtcNow;
        if (open is null)
        {
            point.Communes.Add(new PointCommune
            {
                CommuneCode = communeCode, ValidFrom = on, Note = note, ReviewedBy = by, ReviewedAt = now,
            });
        }
        else if (open.ValidFrom is { } start && on <= start || open.CommuneCode == communeCode)
        {
            open.CommuneCode = communeCode;
            open.NeedsReview = false;
            open.Note = note ?? open.Note;
            open.ReviewedBy = by;
            open.ReviewedAt = now;
        }
        else
        {
            open.ValidTo = on;
            db.PointCommunes.Add(new PointCommune
            {
                ServicePointId = point.Id, CommuneCode = communeCode, ValidFrom = on, Note = note, ReviewedBy = by, ReviewedAt = now,
            });
        }
        point.CommuneCode = communeCode;
    }

    /// A person confirms where the system put the point.
    public static async Task<bool> ConfirmAsync(AppDbContext db, int pointId, string by, CancellationToken ct)
    {
        var open = await db.PointCommunes.Where(l => l.ServicePointId == pointId && l.ValidTo == null).SingleOrDefaultAsync(ct);
        if (open is null) return false;
        open.NeedsReview = false;
        open.ReviewedBy = by;
        open.ReviewedAt = db.UtcNow;
        return true;
    }

    public sealed record Followed(string PointCode, string From, string To, bool NeedsReview);

    /// Points whose commune ended on <paramref name="day"/> follow it. A commune that went whole into one unit takes its
    /// points there. A divided commune's points go to the successor whose centre is nearest the point (the first
    /// successor when the point or the units have no coordinates) and are flagged for a person to check. Points of a
    /// commune that ended without a recorded successor stay where they were and are flagged too. Saves nothing.
    public static async Task<IReadOnlyList<Followed>> FollowSuccessionsAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        var ended = await db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && u.ValidTo == day).ToListAsync(ct);
        if (ended.Count == 0) return [];
        var endedCodes = ended.Select(u => u.Code).ToHashSet();
        var rows = await db.PointCommunes.Where(l => l.ValidTo == null && endedCodes.Contains(l.CommuneCode))
            .Where(l => l.ValidFrom == null || l.ValidFrom < day).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var endedIds = ended.Select(u => u.Id).ToList();
        var links = await db.AdminUnitSuccessions.Where(s => endedIds.Contains(s.PredecessorId) && s.EffectiveOn == day)
            .Include(s => s.Successor).OrderBy(s => s.Id).ToListAsync(ct);
        var pointIds = rows.Select(r => r.ServicePointId).ToList();
        var points = await db.ServicePoints.Where(p => pointIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var byCode = ended.ToDictionary(u => u.Code);

        var followed = new List<Followed>();
        foreach (var row in rows)
        {
            var point = points[row.ServicePointId];
            var old = byCode[row.CommuneCode];
            var successors = links.Where(s => s.PredecessorId == old.Id).Select(s => s.Successor).ToList();
            if (successors.Count == 0)
            {
                row.NeedsReview = true;
                row.Note = $"{old.Name} giải thể từ {VnTime.Show(day)} mà không có đơn vị kế thừa được ghi nhận";
                followed.Add(new Followed(point.Code, old.Code, old.Code, true));
                continue;
            }
            var divided = successors.Count > 1;
            var target = divided ? Nearest(point, successors) : successors[0];
            row.ValidTo = day;
            var note = divided
                ? $"{old.Name} được chia cho {string.Join(", ", successors.Select(s => s.Name))} từ {VnTime.Show(day)}; "
                    + (point.Latitude is null || successors.All(s => s.Latitude is null)
                        ? "điểm không có tọa độ nên được đặt tạm vào đơn vị kế thừa đầu tiên"
                        : "điểm được đặt vào đơn vị có trung tâm gần nhất")
                : $"{old.Name} hợp vào {target.Name} từ {VnTime.Show(day)}";
            db.PointCommunes.Add(new PointCommune
            {
                ServicePointId = point.Id, CommuneCode = target.Code, ValidFrom = day, NeedsReview = divided, Note = note,
            });
            point.CommuneCode = target.Code;
            followed.Add(new Followed(point.Code, old.Code, target.Code, divided));
        }
        return followed;
    }

    /// The successor whose centre is nearest the point; the first one when distances cannot be measured.
    public static AdminUnit Nearest(ServicePoint point, IReadOnlyList<AdminUnit> successors)
    {
        if (point.Latitude is not { } lat || point.Longitude is not { } lon) return successors[0];
        var best = successors[0];
        var bestDistance = double.MaxValue;
        foreach (var s in successors)
        {
            if (s.Latitude is not { } sLat || s.Longitude is not { } sLon) continue;
            var d = GeoDistance.Km(lat, lon, sLat, sLon);
            if (d < bestDistance) (best, bestDistance) = (s, d);
        }
        return best;
    }
}
