namespace Bookpost.Web.Features.Network.Points;

public sealed record PointDto(
    int Id,
    string Code,
    string Name,
    ServicePointKind Kind,
    string CommuneCode,
    string? CommuneName,
    string? DistrictCode,
    string? DistrictName,
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
    long Version);

public sealed record StatusChangeDto(ServicePointStatus? From, ServicePointStatus To, DateTime ChangedAt, string ChangedBy, string? Reason);

public sealed record PointDetailDto(PointDto Point, IReadOnlyList<StatusChangeDto> StatusHistory);

internal static class PointProjection
{
    /// Projects points with their commune and district names as of a day, in one query.
    public static IQueryable<PointDto> ToDtos(this IQueryable<ServicePoint> points, AppDbContext db, DateOnly today)
    {
        var units = db.AdminUnits.Where(AdminUnit.ValidOn(today));
        return points.Select(p => new
        {
            Point = p,
            Commune = units.FirstOrDefault(c => c.Code == p.CommuneCode),
        }).Select(x => new PointDto(
            x.Point.Id,
            x.Point.Code,
            x.Point.Name,
            x.Point.Kind,
            x.Point.CommuneCode,
            x.Commune != null ? x.Commune.Name : null,
            x.Commune != null ? x.Commune.ParentCode : null,
            x.Commune != null ? units.Where(d => d.Code == x.Commune.ParentCode).Select(d => d.Name).FirstOrDefault() : null,
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
            x.Point.Version));
    }
}
