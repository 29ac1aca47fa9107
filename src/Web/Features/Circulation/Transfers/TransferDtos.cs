namespace Bookpost.Web.Features.Circulation;

public sealed record TransferDto(
    int Id, int ItemId, string Barcode, string TitleProper, int FromPointId, string FromName, int ToPointId, string ToName,
    TransferStatus Status, DateTime CreatedAt, DateTime? SentAt, DateTime? ReceivedAt);

internal static class TransferProjections
{
    public static IQueryable<TransferDto> ToDtos(this IQueryable<Transfer> rows) => rows.Select(t => new TransferDto(
        t.Id, t.ItemId, t.Item.Barcode, t.Item.Title.TitleProper, t.FromPointId, t.FromPoint.Name, t.ToPointId, t.ToPoint.Name,
        t.Status, t.CreatedAt, t.SentAt, t.ReceivedAt));
}
