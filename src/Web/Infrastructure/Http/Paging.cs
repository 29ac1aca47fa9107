namespace Bookpost.Web.Infrastructure;

/// The shared list shape of the API: { "items": [...], "total": N }.
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static PageRequest Of(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));

    /// Rows before the page; a page past int's range (page=2147483647) skips everything rather than overflowing back to
    /// the first page, so a page past the end is empty with the right total.
    public int Skip => (int)Math.Min(int.MaxValue, (Page - 1L) * PageSize);
}

public static class PagingExtensions
{
    public static async Task<PagedList<T>> ToPagedAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedList<T>(items, total, page.Page, page.PageSize);
    }
}

public static class Paging
{
    public static PageRequest Validate(int? page, int? pageSize, Bookpost.Web.Infrastructure.Errors.FieldErrors errors,
        Localization.Text text)
    {
        if (page is < 1) errors.Add("page", text["Validation.PageFromOne"]);
        if (pageSize is < 1 or > PageRequest.MaxSize) errors.Add("pageSize", text.Format("Validation.PageSize", PageRequest.MaxSize));
        return PageRequest.Of(page, pageSize);
    }
}
