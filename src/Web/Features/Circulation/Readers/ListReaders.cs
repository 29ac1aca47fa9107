namespace Bookpost.Web.Features.Circulation;

public sealed record ReaderQuery(string? Q = null, string? Card = null, int? Page = null, int? PageSize = null, int? Point = null);

/// Finds readers by card (exact, as a scanner reads it) or by name typed without diacritics; `point` keeps one point's
/// (the desk's, for Admin serving a point; for a point's operator another point's number finds nobody).
public sealed class ListReaders(AppDbContext db, Text text)
{
    /// The longest search a card box takes: a full name is at most 150 characters, a card 40.
    public const int MaxQueryLength = 200;

    public async Task<Result<PagedList<ReaderDto>>> HandleAsync(ReaderQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (query.Q?.Length > MaxQueryLength) errors.Add("q", text.Format("Validation.MaxLength", MaxQueryLength));
        if (query.Card?.Length > MaxQueryLength) errors.Add("card", text.Format("Validation.MaxLength", MaxQueryLength));
        if (errors.Any) return errors.ToResult<PagedList<ReaderDto>>();
        var readers = CirculationScope.Readers(db, scope);
        if (query.Point is { } point) readers = readers.Where(r => r.PointId == point);
        if (!string.IsNullOrWhiteSpace(query.Card))
        {
            var card = query.Card.Trim().ToUpperInvariant();
            readers = readers.Where(r => r.CardNumber == card);
        }
        foreach (var term in TextFolding.Terms(query.Q)) readers = readers.Where(r => r.SearchText.Contains(term));
        return await readers.OrderBy(r => r.FullName).ThenBy(r => r.Id).ToDtos(db).ToPagedAsync(page, ct);
    }
}
