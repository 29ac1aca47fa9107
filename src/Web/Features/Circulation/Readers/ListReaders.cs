namespace Bookpost.Web.Features.Circulation;

public sealed record ReaderQuery(string? Q = null, string? Card = null, int? Page = null, int? PageSize = null);

/// Finds readers by card (exact, as a scanner reads it) or by name typed without diacritics.
public sealed class ListReaders(AppDbContext db, Text text)
{
    public async Task<Result<PagedList<ReaderDto>>> HandleAsync(ReaderQuery query, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (errors.Any) return errors.ToResult<PagedList<ReaderDto>>();
        var readers = CirculationScope.Readers(db, scope);
        if (!string.IsNullOrWhiteSpace(query.Card))
        {
            var card = query.Card.Trim().ToUpperInvariant();
            readers = readers.Where(r => r.CardNumber == card);
        }
        foreach (var term in TextFolding.Terms(query.Q)) readers = readers.Where(r => r.SearchText.Contains(term));
        return await readers.OrderBy(r => r.FullName).ThenBy(r => r.Id).ToDtos(db).ToPagedAsync(page, ct);
    }
}
