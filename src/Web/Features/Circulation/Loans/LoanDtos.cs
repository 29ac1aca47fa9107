namespace Bookpost.Web.Features.Circulation;

/// A loan as the caller may see it. The reader's id, card and name are there for Admin and for the point the reader
/// belongs to; a loan returned at another point shows the copy and "bạn đọc của điểm khác" (null id and card).
public sealed record LoanDto(
    int Id,
    int ItemId,
    string Barcode,
    string TitleProper,
    int? ReaderId,
    string? CardNumber,
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
    /// <paramref name="ownReaders"/>: whose readers the caller may name (<see cref="CirculationScope.OwnReaders"/>);
    /// <paramref name="otherReader"/> stands in for the others.
    public static IQueryable<LoanDto> ToDtos(this IQueryable<Loan> loans, DateOnly today, ReaderVisibility ownReaders, string otherReader)
    {
        var all = ownReaders.All;
        var point = ownReaders.PointId;
        return loans.Select(l => new LoanDto(
            l.Id, l.ItemId, l.Item.Barcode, l.Item.Title.TitleProper,
            all || l.Reader.PointId == point ? l.ReaderId : null,
            all || l.Reader.PointId == point ? l.Reader.CardNumber : null,
            all || l.Reader.PointId == point ? l.Reader.FullName : otherReader,
            l.PointId, l.LentAt, l.DueOn, l.Renewals, l.ReturnedAt, l.ReturnedAtPointId,
            l.ReturnedAt == null && l.DueOn < today ? today.DayNumber - l.DueOn.DayNumber : 0));
    }
}
