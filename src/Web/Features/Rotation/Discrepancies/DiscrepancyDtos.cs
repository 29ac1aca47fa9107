namespace Bookpost.Web.Features.Rotation;

public sealed record DiscrepancyDto(int Id, int ShipmentId, string ShipmentNumber, string SetCode, DiscrepancyKind Kind, int? ItemId,
    string Barcode, string? TitleProper, DateTime RecordedAt, DiscrepancyResolution? Resolution, string? ResolvedBy, DateTime? ResolvedAt,
    string? Note, long Version);

public static class DiscrepancyProjections
{
    public static IQueryable<DiscrepancyDto> ToDtos(this IQueryable<Discrepancy> d) => d.Select(x => new DiscrepancyDto(
        x.Id, x.ShipmentId, x.Shipment.Number, x.Shipment.Set.Code, x.Kind, x.ItemId, x.Barcode,
        x.Item != null ? x.Item.Title.TitleProper : null, x.RecordedAt, x.Resolution, x.ResolvedBy, x.ResolvedAt, x.Note, x.Version));

}
