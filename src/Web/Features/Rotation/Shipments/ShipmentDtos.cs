namespace Bookpost.Web.Features.Rotation;

public sealed record ShipmentSummaryDto(int Id, string Number, int SetId, string SetCode, string SetName, int FromId, string FromName,
    int ToId, string ToName, string? TrackingNumber, ShipmentStatus Status, DateTime DispatchedAt, string DispatchedBy,
    DateOnly? ExpectedOn, DateTime? ReceivedAt, string? ReceivedBy, int ItemCount, int OpenDiscrepancies, long Version,
    HandoverPerson? Sender = null, HandoverPerson? Receiver = null);


public sealed record ShipmentItemDto(int ItemId, string Barcode, int TitleId, string TitleProper, ShipmentItemOutcome Outcome);

public sealed record ShipmentDetailDto(ShipmentSummaryDto Shipment, IReadOnlyList<ShipmentItemDto> Items,
    IReadOnlyList<DiscrepancyDto> Discrepancies);

public static class ShipmentProjections
{
    public static IQueryable<ShipmentSummaryDto> ToSummaries(this IQueryable<Shipment> shipments) => shipments.Select(s =>
        new ShipmentSummaryDto(s.Id, s.Number, s.SetId, s.Set.Code, s.Set.Name, s.FromId, s.From.Name, s.ToId, s.To.Name, s.TrackingNumber,
            s.Status, s.DispatchedAt, s.DispatchedBy, s.ExpectedOn, s.ReceivedAt, s.ReceivedBy, s.Items.Count,
            s.Discrepancies.Count(d => d.Resolution == null), s.Version,
            s.SenderName == null && s.SenderPosition == null ? null : new HandoverPerson(s.SenderName, s.SenderPosition),
            s.ReceiverName == null && s.ReceiverPosition == null ? null : new HandoverPerson(s.ReceiverName, s.ReceiverPosition)));

}
