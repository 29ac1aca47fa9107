using Bookpost.Web.Features.Access;
using Bookpost.Web.Features.Network;
using Bookpost.Web.Features.Portal.Computers;

namespace Bookpost.Web.Features.Portal.Points;

/// Another point near the one shown, for the mini map.
public sealed record NearbyPoint(double Latitude, double Longitude);

/// Whether the point is open at <see cref="PointFacts.Now"/> (Vietnam time): null when its published hours give no
/// times. NextChange: when it next closes (open) or opens (closed), in Vietnam time. ClosedDays: the days of the week
/// it does not open, Monday first (empty when its hours name no days and give no times either).
public sealed record OpenState(bool? OpenNow, DateTime? NextChange, IReadOnlyList<DayOfWeek> ClosedDays);

/// Everything the point page and GET /api/v1/public/points/{code} say about one point: its public facts, today's
/// commune, whether it is open, its computers (counts only), and where it is (its own coordinates, or its commune's
/// centre when it has none: <see cref="Approximate"/>).
public sealed record PointView(PublicPoint Point, string? CommuneName, DateTime Now, OpenState Open, ComputerCounts? Computers,
    double? Latitude, double? Longitude, bool Approximate, IReadOnlyList<NearbyPoint> Nearby)
{
    /// A Suspended or Closed point serves nobody, whatever its hours say.
    public bool Serving => Point.Status == ServicePointStatus.Active;
}

public sealed class PointFacts(AppDbContext db, TimeProvider clock, PublicComputers computers)
{
    /// How far around the point the map shows other points.
    public const double NearbyKm = 10;

    /// The most other points the map draws (keeps the picture small where points are dense).
    public const int MaxNearby = 40;

    /// The point's facts now, or null when no point has this code.
    public async Task<PointView?> FindAsync(string? code, CancellationToken ct)
    {
        var point = await PublicPoints.FindAsync(db, code, ct);
        if (point is null) return null;
        var today = clock.Today();
        var commune = await db.AdminUnits.AsNoTracking().Where(AdminUnit.ValidOn(today)).Where(u => u.Code == point.CommuneCode)
            .Select(u => new { u.Name, u.Latitude, u.Longitude }).FirstOrDefaultAsync(ct);
        var now = VnTime.ToLocal(clock.GetUtcNow().UtcDateTime);
        var open = Opening(point, now);
        var counts = await computers.CountAsync(point.Id, ct);

        var (lat, lon, approximate) = point is { Latitude: { } a, Longitude: { } o } ? (a, o, false)
            : commune is { Latitude: { } ca, Longitude: { } co } ? (ca, co, true) : ((double?)null, (double?)null, false);
        IReadOnlyList<NearbyPoint> nearby = lat is { } la && lon is { } lo ? await NearbyAsync(point.Id, la, lo, ct) : [];
        return new PointView(point, commune?.Name, now, open, counts, lat, lon, approximate, nearby);
    }

    /// Open now and the next change from the published hours; a point that is not Active is never open.
    public static OpenState Opening(PublicPoint point, DateTime now)
    {
        var schedule = OpeningSchedule.Read(point.OpeningHours);
        var known = schedule.Ranges.Count > 0 || schedule.DaysRead;
        IReadOnlyList<DayOfWeek> closed = known
            ? [.. Enum.GetValues<DayOfWeek>().Where(d => !schedule.Days.Contains(d)).OrderBy(d => ((int)d + 6) % 7)]
            : [];
        if (point.Status != ServicePointStatus.Active) return new OpenState(false, null, closed);
        return new OpenState(schedule.IsOpenAt(now), schedule.NextChange(now), closed);
    }

    private async Task<IReadOnlyList<NearbyPoint>> NearbyAsync(int id, double lat, double lon, CancellationToken ct)
    {
        // A box a little larger than the circle, read by the coordinate columns, then the exact distance in memory.
        var dLat = NearbyKm / 110.57;
        var dLon = NearbyKm / (111.32 * Math.Max(0.1, Math.Cos(lat * Math.PI / 180)));
        var (latMin, latMax, lonMin, lonMax) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
        var rows = await db.ServicePoints.AsNoTracking()
            .Where(p => p.Id != id && p.Status != ServicePointStatus.Closed && p.Latitude != null && p.Longitude != null
                && p.Latitude >= latMin && p.Latitude <= latMax && p.Longitude >= lonMin && p.Longitude <= lonMax)
            .Select(p => new NearbyPoint(p.Latitude!.Value, p.Longitude!.Value))
            .Take(500).ToListAsync(ct);
        return [.. rows.Select(p => (p, Km: GeoDistance.Km(lat, lon, p.Latitude, p.Longitude))).Where(x => x.Km <= NearbyKm)
            .OrderBy(x => x.Km).Take(MaxNearby).Select(x => x.p)];
    }
}
