namespace Bookpost.Web.Features.Circulation;

public sealed record LoanDto(
    int Id,
    int ItemId,
    string Barcode,
    string TitleProper,
    int ReaderId,
    string CardNumber,
    string ReaderName,
    int PointId,
    DateTime LentAt,
    DateOnly DueOn,
    int Renewals,
    DateTime? ReturnedAt,
    int? ReturnedAtPointId,
    int DaysOverdue);

public static class LoanProjections
{
    public static IQueryable<LoanDto> ToDtos(this IQueryable<Loan> loans, DateOnly today) => loans.Select(l => new LoanDto(
        l.Id, l.ItemId, l.Item.Barcode, l.Item.Title.TitleProper, l.ReaderId, l.Reader.CardNumber, l.Reader.FullName, l.PointId,
        l.LentAt, l.DueOn, l.Renewals, l.ReturnedAt, l.ReturnedAtPointId,
        l.ReturnedAt == null && l.DueOn < today ? today.DayNumber - l.DueOn.DayNumber : 0));
}
