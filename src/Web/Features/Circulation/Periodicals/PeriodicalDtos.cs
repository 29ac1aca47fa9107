namespace Bookpost.Web.Features.Circulation;

public sealed record PeriodicalDto(
    int Id, int PointId, string PointName, string Title, PeriodicalFrequency Frequency, int CopiesExpected, bool Active, long Version);

public sealed record ReceiptDto(int PeriodicalId, string Title, DateOnly Day, string? Issue, int Copies, int Readings);
