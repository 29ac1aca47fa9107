namespace Bookpost.Web.Features.Catalog;

public sealed record TitleSearchQuery(
    string? Q = null,
    string? Author = null,
    string? Subject = null,
    int? YearFrom = null,
    int? YearTo = null,
    string? Ddc = null,
    string? Language = null,
    int? Library = null,
    ItemStatus? Status = null,
    int? Page = null,
    int? PageSize = null);

public sealed record TitleSummaryDto(
    int Id, string TitleProper, string? Subtitle, string? Authors, string? Publisher, int? Year, string? Ddc, string? Language, int Items);

/// One search box over the catalogue: diacritics and case ignored (đ = d), words matched as prefixes while typing,
/// "quoted phrases", and filters. Titles whose own title holds every term come first; then by title. Both databases
/// give the same hits in the same order.
public sealed class SearchTitles(AppDbContext db, Text text)
{
    public async Task<Result<PagedList<TitleSummaryDto>>> HandleAsync(TitleSearchQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = Paging.Validate(query.Page, query.PageSize, errors, text);
        if (query.YearFrom > query.YearTo) errors.Add("yearTo", text["Validation.DateRange"]);
        if (errors.Any) return errors.ToResult<PagedList<TitleSummaryDto>>();

        var titles = db.Titles.AsQueryable();
        var terms = SearchText.Terms(query.Q);
        if (terms.Count > 0)
        {
            var ids = SearchIndex.Matching(db, terms);
            titles = titles.Where(t => ids.Contains(t.Id));
        }
        foreach (var word in SearchText.Words(query.Author).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(TextFolding.MaxTerms))
            titles = titles.Where(t => (" " + t.AuthorWords).Contains(" " + word));
        foreach (var word in SearchText.Words(query.Subject).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(TextFolding.MaxTerms))
            titles = titles.Where(t => (" " + t.SubjectWords).Contains(" " + word));
        if (query.YearFrom is { } from) titles = titles.Where(t => t.Year >= from);
        if (query.YearTo is { } to) titles = titles.Where(t => t.Year <= to);
        if (!string.IsNullOrWhiteSpace(query.Ddc))
        {
            var ddc = query.Ddc.Trim();
            titles = titles.Where(t => t.Ddc != null && t.Ddc.StartsWith(ddc));
        }
        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            var language = query.Language.Trim().ToLowerInvariant();
            titles = titles.Where(t => t.Language == language);
        }
        if (query.Library is { } library || query.Status is not null)
        {
            var lib = query.Library;
            var status = query.Status;
            titles = titles.Where(t => db.Items.Any(i => i.TitleId == t.Id
                && (lib == null || i.OwnerId == lib)
                && (status == null || i.Status == status)));
        }

        // Title matches first (every term in the title itself), then by title. A plain text search is paged straight
        // from the index; with filters, the filtered hits are ranked and sorted by the database.
        var onlyText = terms.Count > 0
            && query is { Author: null or "", Subject: null or "", YearFrom: null, YearTo: null, Ddc: null or "", Language: null or "" }
            && query is { Library: null, Status: null };
        int total;
        List<int> pageIds;
        if (onlyText)
        {
            total = await SearchIndex.CountAsync(db, terms, titleOnly: false, ct);
            var inTitle = await SearchIndex.CountAsync(db, terms, titleOnly: true, ct);
            pageIds = [];
            if (page.Skip < inTitle)
                pageIds.AddRange(await SearchIndex.PageAsync(
                    db, terms, titleMatches: true, inTitle > SearchIndex.BroadQuery, page.Skip, page.PageSize, ct));
            if (pageIds.Count < page.PageSize && page.Skip + pageIds.Count < total)
                pageIds.AddRange(await SearchIndex.PageAsync(db, terms, titleMatches: false, total - inTitle > SearchIndex.BroadQuery,
                    Math.Max(0, page.Skip - inTitle), page.PageSize - pageIds.Count, ct));
        }
        else
        {
            var titleIds = terms.Count > 0 ? SearchIndex.MatchingTitle(db, terms) : db.Titles.Where(_ => false).Select(t => t.Id);
            var ranked = titles.Select(t => new { t.Id, t.SortKey, InTitle = titleIds.Contains(t.Id) });
            total = await ranked.CountAsync(ct);
            pageIds = await ranked.OrderByDescending(x => x.InTitle).ThenBy(x => x.SortKey).ThenBy(x => x.Id)
                .Skip(page.Skip).Take(page.PageSize).Select(x => x.Id).ToListAsync(ct);
        }
        var rows = await db.Titles.Where(t => pageIds.Contains(t.Id))
            .Select(t => new TitleSummaryDto(t.Id, t.TitleProper, t.Subtitle, t.Authors, t.Publisher, t.Year, t.Ddc, t.Language,
                db.Items.Count(i => i.TitleId == t.Id)))
            .ToDictionaryAsync(t => t.Id, ct);
        var items = pageIds.Select(id => rows[id]).ToList();
        return new PagedList<TitleSummaryDto>(items, total, page.Page, page.PageSize);
    }
}
