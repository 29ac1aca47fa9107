namespace Bookpost.Web.Features.Catalog;

public sealed record TitleDto(
    int Id, string? ControlNumber, string TitleProper, string? Subtitle, string? Responsibility, string? Authors,
    string? Publisher, string? Place, int? Year, string? Edition, string? Language, string? Pages, string? Ddc,
    string? Subjects, string? Summary, IReadOnlyList<string> Isbns, bool HasMarc, long Version, string? InvalidIsbns = null);

public sealed record TitleDetailDto(TitleDto Title, IReadOnlyList<ItemDto> Items);

internal static class TitleDtos
{
    public static TitleDto ToDto(this Title t) => new(t.Id, t.ControlNumber, t.TitleProper, t.Subtitle, t.Responsibility, t.Authors,
        t.Publisher, t.Place, t.Year, t.Edition, t.Language, t.Pages, t.Ddc, t.Subjects, t.Summary,
        t.Isbns.Select(i => i.Isbn).Order().ToList(), t.Marc is not null, t.Version, t.InvalidIsbns);

    public static TitleInput ToInput(this TitleDto t) => new()
    {
        ControlNumber = t.ControlNumber, TitleProper = t.TitleProper, Subtitle = t.Subtitle, Responsibility = t.Responsibility,
        Authors = t.Authors, Publisher = t.Publisher, Place = t.Place, Year = t.Year, Edition = t.Edition, Language = t.Language,
        Pages = t.Pages, Ddc = t.Ddc, Subjects = t.Subjects, Summary = t.Summary, Isbns = t.Isbns,
        InvalidIsbns = t.InvalidIsbns,
    };
}
