using Bookpost.Web.Data;
using Bookpost.Web.Infrastructure;
using Bookpost.Web.Infrastructure.Auth;
using Bookpost.Web.Infrastructure.Errors;
using Bookpost.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace Bookpost.Web.Features.Catalog;

public sealed record TitleDto(
    int Id, string? ControlNumber, string TitleProper, string? Subtitle, string? Responsibility, string? Authors,
    string? Publisher, string? Place, int? Year, string? Edition, string? Language, string? Pages, string? Ddc,
    string? Subjects, string? Summary, IReadOnlyList<string> Isbns, bool HasMarc, long Version);

public sealed record TitleDetailDto(TitleDto Title, IReadOnlyList<ItemDto> Items);

internal static class TitleDtos
{
    public static TitleDto ToDto(this Title t) => new(t.Id, t.ControlNumber, t.TitleProper, t.Subtitle, t.Responsibility, t.Authors,
        t.Publisher, t.Place, t.Year, t.Edition, t.Language, t.Pages, t.Ddc, t.Subjects, t.Summary,
        t.Isbns.Select(i => i.Isbn).Order().ToList(), t.Marc is not null, t.Version);

    public static TitleInput ToInput(this TitleDto t) => new()
    {
        ControlNumber = t.ControlNumber, TitleProper = t.TitleProper, Subtitle = t.Subtitle, Responsibility = t.Responsibility,
        Authors = t.Authors, Publisher = t.Publisher, Place = t.Place, Year = t.Year, Edition = t.Edition, Language = t.Language,
        Pages = t.Pages, Ddc = t.Ddc, Subjects = t.Subjects, Summary = t.Summary, Isbns = t.Isbns,
    };
}

/// Titles are the shared catalogue: every signed-in user reads them; the copies shown are those in the user's scope.
public sealed class GetTitle(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<TitleDetailDto>> HandleAsync(int id, UserScope scope, CancellationToken ct)
    {
        var title = await db.Titles.Include(t => t.Isbns).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (title is null) return Result<TitleDetailDto>.NotFound();
        var items = await ItemScope.Visible(db, scope, clock.Today()).Where(i => i.TitleId == id).OrderBy(i => i.Barcode).ToItemDtos().ToListAsync(ct);
        return new TitleDetailDto(title.ToDto(), items);
    }
}

public sealed class SaveTitle(AppDbContext db, Text text, GetTitle get)
{
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.Library];

    /// Creates a title (id null) or replaces one, given the version that was read.
    public async Task<Result<TitleDetailDto>> HandleAsync(int? id, long? expectedVersion, TitleInput input, UserScope scope, CancellationToken ct)
    {
        if (!scope.Is(Writers)) return Result<TitleDetailDto>.Forbidden(text["Scope.RoleCannotWrite"]);
        Title? title = null;
        if (id is { } existing)
        {
            title = await db.Titles.Include(t => t.Isbns).SingleOrDefaultAsync(t => t.Id == existing, ct);
            if (title is null) return Result<TitleDetailDto>.NotFound();
            if (expectedVersion is null) return Result<TitleDetailDto>.VersionRequired(text["Concurrency.VersionRequired"]);
            if (expectedVersion != title.Version) return Result<TitleDetailDto>.Stale(text["Concurrency.Stale"]);
        }
        var errors = Validate(input, text);
        if (errors.Any) return errors.ToResult<TitleDetailDto>();

        var now = db.UtcNow;
        if (title is null)
        {
            title = new Title { CreatedAt = now };
            db.Titles.Add(title);
        }
        input.ApplyTo(title, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<TitleDetailDto>.Stale(text["Concurrency.Stale"]);
        }
        return await get.HandleAsync(title.Id, scope, ct);
    }

    public static FieldErrors Validate(TitleInput input, Text text)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.TitleProper)) errors.Add("titleProper", text["Title.Required"]);
        else if (input.TitleProper.Length > 1000) errors.Add("titleProper", text.Format("Validation.MaxLength", 1000));
        if (input.Year is < 1400 or > 2100) errors.Add("year", text["Title.YearRange"]);
        if (input.Language is { Length: > 0 } language && (language.Trim().Length != 3 || !language.Trim().All(char.IsAsciiLetter)))
            errors.Add("language", text["Title.Language"]);
        foreach (var isbn in input.Isbns ?? [])
            if (Isbn.Normalize(isbn) is null) errors.Add("isbns", text.Format("Title.IsbnInvalid", isbn));
        foreach (var (field, value, max) in new (string, string?, int)[]
                 {
                     ("controlNumber", input.ControlNumber, 64), ("subtitle", input.Subtitle, 1000), ("responsibility", input.Responsibility, 1000),
                     ("authors", input.Authors, 2000), ("publisher", input.Publisher, 500), ("place", input.Place, 200), ("edition", input.Edition, 200),
                     ("pages", input.Pages, 200), ("ddc", input.Ddc, 40), ("subjects", input.Subjects, 4000), ("summary", input.Summary, 8000),
                 })
            if (value?.Length > max) errors.Add(field, text.Format("Validation.MaxLength", max));
        return errors;
    }
}
