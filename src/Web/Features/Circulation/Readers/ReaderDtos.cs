using Bookpost.Web.Features.People;

namespace Bookpost.Web.Features.Circulation;

public sealed record ReaderDto(
    int Id,
    int PointId,
    string CardNumber,
    string FullName,
    int? BirthYear,
    Sex Sex,
    ReaderCategory Category,
    bool EthnicMinority,
    bool PoorHousehold,
    string? Village,
    string? Phone,
    DateOnly ConsentOn,
    DateOnly RegisteredOn,
    string ConsentPurposeKey,
    string ConsentPurpose,
    DateTime? ErasedAt,
    int OpenLoans,
    long Version);

public static class ReaderProjections
{
    public static IQueryable<ReaderDto> ToDtos(this IQueryable<Reader> readers, AppDbContext db) => readers.Select(r => new ReaderDto(
        r.Id, r.PointId, r.CardNumber, r.FullName, r.BirthYear, r.Sex, r.Category, r.EthnicMinority, r.PoorHousehold, r.Village, r.Phone,
        r.ConsentOn, r.RegisteredOn, r.ConsentPurposeKey, r.ConsentPurpose, r.ErasedAt,
        db.Loans.Count(l => l.ReaderId == r.Id && l.ReturnedAt == null), r.Version));
}
