namespace Bookpost.Web.Features.Catalog;

public sealed class SaveTitle(AppDbContext db, Text text, GetTitle get)
{
    /// Who writes the catalogue (titles, copies, imports): the routes and the pages admit these roles only.
    public static readonly AppRole[] Writers = [AppRole.Admin, AppRole.Library];

    /// The same roles as the pages' [Authorize(Roles = …)] names them.
    public const string WriterRoles = nameof(AppRole.Admin) + "," + nameof(AppRole.Library);

    /// Creates a title (id null) or replaces one, given the version that was read.
    public async Task<Result<TitleDetailDto>> HandleAsync(
        int? id, long? expectedVersion, TitleInput input, UserScope scope, CancellationToken ct)
    {
        Title? title = null;
        if (id is { } existing)
        {
            title = await db.Titles.Include(t => t.Isbns).SingleOrDefaultAsync(t => t.Id == existing, ct);
            if (title is null) return Result<TitleDetailDto>.NotFound();
            if (text.CheckVersion<TitleDetailDto>(expectedVersion, title.Version) is { } refused) return refused;
        }
        var errors = Validate(input, text, typed: true);
        if (errors.Any) return errors.ToResult<TitleDetailDto>();

        var now = db.UtcNow;
        if (title is null)
        {
            title = new Title { CreatedAt = now };
            db.Titles.Add(title);
        }
        input.ApplyTo(title, now);
        if (await db.TrySaveAsync<TitleDetailDto>(text, expectedVersion, ct) is { } failed) return failed;
        return await get.HandleAsync(title.Id, scope, ct);
    }

    /// <param name="typed">A person or an API client typed it: control characters are refused. An import cleans them
    /// instead (a legacy record is kept, not lost).</param>
    public static FieldErrors Validate(TitleInput input, Text text, bool typed = false)
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
                     ("controlNumber", input.ControlNumber, 64), ("subtitle", input.Subtitle, 1000),
                     ("responsibility", input.Responsibility, 1000), ("authors", input.Authors, 2000),
                     ("publisher", input.Publisher, 500), ("place", input.Place, 200), ("edition", input.Edition, 200),
                     ("pages", input.Pages, 200), ("ddc", input.Ddc, 40), ("subjects", input.Subjects, 4000),
                     ("summary", input.Summary, 8000), ("invalidIsbns", input.InvalidIsbns, TitleConfiguration.InvalidIsbnsMax),
                 })
        {
            if (value?.Length > max) errors.Add(field, text.Format("Validation.MaxLength", max));
            // Control characters would break the MARC export (0x1D–0x1F are its separators) and show raw on pages.
            else if (typed && value?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true)
                errors.Add(field, text["Validation.ControlCharacters"]);
        }
        return errors;
    }
}
