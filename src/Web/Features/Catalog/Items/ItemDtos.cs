namespace Bookpost.Web.Features.Catalog;

public sealed record ItemDto(int Id, string Barcode, int TitleId, string TitleProper, int OwnerId, string OwnerName, int LocationId,
    string LocationName, ItemStatus Status, string? CallNumber, DateOnly? AcquiredOn, decimal? Price, string? Note, long Version);
