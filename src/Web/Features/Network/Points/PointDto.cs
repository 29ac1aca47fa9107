namespace Bookpost.Web.Features.Network.Points;

public sealed record PointDto(
    int Id,
    string Code,
    string Name,
    ServicePointKind Kind,
    string CommuneCode,
    string? CommuneName,
    string? FormerDistrictCode,
    string? FormerDistrictName,
    int? OperatorId,
    string? OperatorName,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Phone,
    string? OpeningHours,
    ServicePointStatus Status,
    DateOnly? OpenedOn,
    bool HasComputers,
    bool HasInternet,
    bool NeedsReview,
    long Version);

public sealed record StatusChangeDto(ServicePointStatus? From, ServicePointStatus To, DateTime ChangedAt, string ChangedBy, string? Reason);

/// One row of a point's commune history: the commune (named as it was on the row's days), from (inclusive) to (exclusive).
public sealed record PointCommuneDto(
    string CommuneCode,
    string? CommuneName,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Note,
    bool NeedsReview,
    string? ReviewedBy,
    DateTime? ReviewedAt);

public sealed record PointDetailDto(PointDto Point, IReadOnlyList<StatusChangeDto> StatusHistory, IReadOnlyList<PointCommuneDto> Communes);

internal static class PointProjection
{
    /// Projects points with today's commune and their former district (huyện cũ), in one query. The former district is
    /// the district of the commune the point was in on 30/06/2025, the last day of districts. A point opened later has
    /// none of its own: it takes the district of its commune's predecessor, the one whose code the new unit kept, else
    /// the lowest code, so the answer never depends on the order rows come back in. While districts still exist (a
    /// clock before the reform) it is simply the district of today's commune.
    public static IQueryable<PointDto> ToDtos(this IQueryable<ServicePoint> points, AppDbContext db, DateOnly today)
    {
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        var eve = AdminUnit.LastThreeTierDay;
        var reform = AdminUnit.TwoTierSince;
        var eveUnits = db.AdminUnits.Where(AdminUnit.ValidOn(eve));
        var eveRows = db.PointCommunes.Where(PointCommune.ValidOn(eve));
        var links = db.AdminUnitSuccessions.Where(s => s.EffectiveOn == reform && s.Predecessor.Level == AdminLevel.Commune);
        return points.Select(p => new
        {
            Point = p,
            Commune = units.FirstOrDefault(c => c.Code == p.CommuneCode),
            NeedsReview = db.PointCommunes.Any(l => l.ServicePointId == p.Id && l.ValidTo == null && l.NeedsReview),
            Former = eveRows.Where(r => r.ServicePointId == p.Id)
                    .Select(r => eveUnits.Where(c => c.Code == r.CommuneCode).Select(c => c.ParentCode).FirstOrDefault())
                    .FirstOrDefault()
                ?? links.Where(s => s.Successor.Code == p.CommuneCode && s.Successor.ValidFrom == reform)
                    .OrderBy(s => s.Predecessor.Code == p.CommuneCode ? 0 : 1).ThenBy(s => s.Predecessor.Code)
                    .Select(s => s.Predecessor.ParentCode).FirstOrDefault()
                ?? units.Where(c => c.Code == p.CommuneCode)
                    .SelectMany(c => units.Where(d => d.Code == c.ParentCode && d.Level == AdminLevel.District))
                    .Select(d => d.Code).FirstOrDefault(),
        }).Select(x => new PointDto(
            x.Point.Id,
            x.Point.Code,
            x.Point.Name,
            x.Point.Kind,
            x.Point.CommuneCode,
            x.Commune != null ? x.Commune.Name : null,
            x.Former,
            x.Former == null ? null
                : db.AdminUnits.Where(d => d.Code == x.Former && d.Level == AdminLevel.District)
                    .OrderByDescending(d => d.ValidFrom).Select(d => d.Name).FirstOrDefault(),
            x.Point.OperatorId,
            x.Point.Operator != null ? x.Point.Operator.Name : null,
            x.Point.Address,
            x.Point.Latitude,
            x.Point.Longitude,
            x.Point.Phone,
            x.Point.OpeningHours,
            x.Point.Status,
            x.Point.OpenedOn,
            x.Point.HasComputers,
            x.Point.HasInternet,
            x.NeedsReview,
            x.Point.Version));
    }
}
