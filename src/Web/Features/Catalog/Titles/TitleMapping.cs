using System.Globalization;
using System.Text;
using Bookpost.Marc;

namespace Bookpost.Web.Features.Catalog;

/// The fields of a title, as a form, the API, a CSV row or a MARC record gives them.
public sealed record TitleInput
{
    public string? ControlNumber { get; init; }
    public string? TitleProper { get; init; }
    public string? Subtitle { get; init; }
    public string? Responsibility { get; init; }
    public string? Authors { get; init; }
    public string? Publisher { get; init; }
    public string? Place { get; init; }
    public int? Year { get; init; }
    public string? Edition { get; init; }
    public string? Language { get; init; }
    public string? Pages { get; init; }
    public string? Ddc { get; init; }
    public string? Subjects { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string>? Isbns { get; init; }

    /// ISBNs with a wrong check digit, as given, separated by "; " (see <see cref="Title.InvalidIsbns"/>).
    public string? InvalidIsbns { get; init; }
}

/// A copy named in a record's holdings (952 or 852).
public sealed record HoldingInput(string? Barcode, string? CallNumber, decimal? Price, DateOnly? AcquiredOn, string? Note);

/// MARC 21 ↔ title fields. Reads the usual bibliographic tags; ISBNs without a valid check digit (020 $a) and cancelled
/// ones (020 $z) are kept apart as invalid ISBNs, and written back as 020 $z.
public static class TitleMapping
{
    public static TitleInput FromMarc(MarcRecord r)
    {
        // One pass over the fields, keeping the first of each single-valued tag: an import maps every record it reads.
        // Authors and subjects are listed tag by tag (100, 110 … 711; 600 … 653), whatever order the fields come in.
        var authors = new List<(string Tag, string Name)>();
        var subjects = new List<(string Tag, string Heading)>();
        var isbns = new List<string>();
        var invalidIsbns = new List<string>();
        MarcField? control = null, fixedField = null, languageField = null, ddc = null, title = null, edition = null, pages = null;
        MarcField? summary = null, published = null, produced = null;
        foreach (var f in r.Fields)
        {
            switch (f.Tag)
            {
                case "001": control ??= f; break;
                case "008": fixedField ??= f; break;
                case "020":
                    foreach (var s in f.Subfields)
                    {
                        if (s.Code is not ('a' or 'z')) continue;
                        if (s.Code == 'a' && Isbn.Normalize(s.Value) is { } isbn)
                        {
                            if (!isbns.Contains(isbn)) isbns.Add(isbn);
                        }
                        else if (InvalidIsbnText(s.Value) is { } given && !invalidIsbns.Contains(given)) invalidIsbns.Add(given);
                    }
                    break;
                case "041": languageField ??= f; break;
                case "082": ddc ??= f; break;
                case "100" or "110" or "111" or "700" or "710" or "711":
                    if (f.GetSubfield('a') is { } a) authors.Add((f.Tag, TrimPunctuation(a)));
                    break;
                case "245": title ??= f; break;
                case "250": edition ??= f; break;
                case "260": published ??= f; break;
                case "264": produced ??= f; break;
                case "300": pages ??= f; break;
                case "520": summary ??= f; break;
                case "600" or "610" or "650" or "651" or "653":
                    var parts = f.Subfields.Where(s => s.Code is 'a' or 'x' or 'y' or 'z').Select(s => TrimPunctuation(s.Value)).ToList();
                    if (parts.Count > 0) subjects.Add((f.Tag, string.Join(" -- ", parts)));
                    break;
            }
        }
        var publication = produced ?? published;
        var fixedData = fixedField?.Value;
        var language = fixedData is { Length: >= 38 } ? fixedData.Substring(35, 3).Trim() : null;
        if (string.IsNullOrEmpty(language) || language.Contains('|', StringComparison.Ordinal)) language = languageField?.GetSubfield('a');

        return new TitleInput
        {
            ControlNumber = control?.Value?.Trim(),
            TitleProper = TrimPunctuation(title?.GetSubfield('a') ?? ""),
            Subtitle = Clean(title?.GetSubfield('b')),
            Responsibility = Clean(title?.GetSubfield('c')),
            Authors = authors.Count > 0
                ? string.Join("; ", authors.OrderBy(a => a.Tag, StringComparer.Ordinal).Select(a => a.Name).Distinct())
                : null,
            Publisher = Clean(publication?.GetSubfield('b')),
            Place = Clean(publication?.GetSubfield('a')),
            Year = YearOf(publication?.GetSubfield('c')) ?? YearOf(fixedData is { Length: >= 11 } ? fixedData.Substring(7, 4) : null),
            Edition = Clean(edition?.GetSubfield('a')),
            Language = language is { Length: 3 } ? language.ToLowerInvariant() : null,
            Pages = Clean(pages?.GetSubfield('a')),
            Ddc = Clean(ddc?.GetSubfield('a'))?.Replace("/", "", StringComparison.Ordinal),
            Subjects = subjects.Count > 0
                ? string.Join("; ", subjects.OrderBy(s => s.Tag, StringComparer.Ordinal).Select(s => s.Heading).Distinct())
                : null,
            Summary = Clean(summary?.GetSubfield('a')),
            Isbns = isbns,
            InvalidIsbns = invalidIsbns.Count > 0 ? string.Join("; ", invalidIsbns) : null,
        };
    }

    /// An ISBN subfield whose check digit is wrong, as given (ISBD punctuation trimmed), or null for an empty one.
    public static string? InvalidIsbnText(string? value) => value is null ? null : Clean(value.Replace(";", ",", StringComparison.Ordinal));

    /// The ISBNs of a MARC record's 020 $a that fail the check: the import reports each as a warning for the record.
    public static IEnumerable<string> FailedIsbns(MarcRecord r) =>
        r.GetFields("020").SelectMany(f => f.GetSubfields('a'))
            .Where(a => Isbn.Normalize(a) is null)
            .Select(InvalidIsbnText)
            .OfType<string>()
            .Distinct();

    public static IEnumerable<HoldingInput> Holdings(MarcRecord r, ItemSource source) => source switch
    {
        // Koha: $p barcode, $o call number, $g price, $d acquisition date, $z public note.
        ItemSource.Holdings952 => r.GetFields("952").Select(f => new HoldingInput(
            Clean(f.GetSubfield('p')), Clean(f.GetSubfield('o')), Price(f.GetSubfield('g')), Date(f.GetSubfield('d')),
            Clean(f.GetSubfield('z')))),
        // MARC 21 holdings: $p barcode, $h classification part, $i item part, $z note.
        ItemSource.Holdings852 => r.GetFields("852").Select(f => new HoldingInput(
            Clean(f.GetSubfield('p')), Clean(string.Join(' ', f.GetSubfields('h').Concat(f.GetSubfields('i')))), null, null,
            Clean(f.GetSubfield('z')))),
        _ => [],
    };

    /// A MARC record for a title: the kept original with its fields refreshed, or a new one for a title made by hand.
    public static MarcRecord ToMarc(Title t)
    {
        var record = new MarcRecord();
        if (t.Marc is { Length: > 0 })
        {
            using var reader = new MarcReader(new MemoryStream(t.Marc));
            record = reader.ReadAll().FirstOrDefault()?.Record ?? record;
            // Unchanged since import: the original, with all its detail, is the truest export.
            if (Same(FromMarc(record), t)) return record;
        }
        string[] managed =
        [
            "001", "020", "082", "100", "245", "250", "260", "264", "300", "520", "600", "610", "650", "651", "653", "700", "710",
            "711",
        ];
        record.Fields.RemoveAll(f => managed.Contains(f.Tag));
        if (t.ControlNumber is { } cn) record.Fields.Add(MarcField.Control("001", cn));
        foreach (var isbn in t.Isbns) record.Fields.Add(MarcField.Data("020", ' ', ' ', new MarcSubfield('a', isbn.Isbn)));
        foreach (var invalid in SplitInvalid(t.InvalidIsbns))
            record.Fields.Add(MarcField.Data("020", ' ', ' ', new MarcSubfield('z', invalid)));
        if (t.Ddc is { } ddc) record.Fields.Add(MarcField.Data("082", '0', '4', new MarcSubfield('a', ddc)));
        var authors = (t.Authors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (authors.Length > 0) record.Fields.Add(MarcField.Data("100", '1', ' ', new MarcSubfield('a', authors[0])));
        var title = new List<MarcSubfield> { new('a', t.TitleProper) };
        if (t.Subtitle is { } sub) title.Add(new MarcSubfield('b', sub));
        if (t.Responsibility is { } resp) title.Add(new MarcSubfield('c', resp));
        record.Fields.Add(MarcField.Data("245", authors.Length > 0 ? '1' : '0', '0', title));
        if (t.Edition is { } ed) record.Fields.Add(MarcField.Data("250", ' ', ' ', new MarcSubfield('a', ed)));
        var pub = new List<MarcSubfield>();
        if (t.Place is { } place) pub.Add(new MarcSubfield('a', place));
        if (t.Publisher is { } publisher) pub.Add(new MarcSubfield('b', publisher));
        if (t.Year is { } year) pub.Add(new MarcSubfield('c', year.ToString(CultureInfo.InvariantCulture)));
        if (pub.Count > 0) record.Fields.Add(MarcField.Data("264", ' ', '1', pub));
        if (t.Pages is { } pages) record.Fields.Add(MarcField.Data("300", ' ', ' ', new MarcSubfield('a', pages)));
        if (t.Summary is { } summary) record.Fields.Add(MarcField.Data("520", ' ', ' ', new MarcSubfield('a', summary)));
        foreach (var subject in (t.Subjects ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            record.Fields.Add(MarcField.Data("650", ' ', '4', new MarcSubfield('a', subject)));
        foreach (var author in authors.Skip(1)) record.Fields.Add(MarcField.Data("700", '1', ' ', new MarcSubfield('a', author)));
        record.Fields.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        return record;
    }

    private static bool Same(TitleInput original, Title t)
    {
        var probe = new Title();
        original.ApplyTo(probe, t.UpdatedAt);
        return probe.TitleProper == t.TitleProper && probe.Subtitle == t.Subtitle && probe.Responsibility == t.Responsibility
            && probe.Authors == t.Authors && probe.Publisher == t.Publisher && probe.Place == t.Place && probe.Year == t.Year
            && probe.Edition == t.Edition && probe.Pages == t.Pages && probe.Ddc == t.Ddc && probe.Subjects == t.Subjects
            && probe.Summary == t.Summary && probe.ControlNumber == t.ControlNumber && probe.InvalidIsbns == t.InvalidIsbns
            && probe.Isbns.Select(i => i.Isbn).Order().SequenceEqual(t.Isbns.Select(i => i.Isbn).Order());
    }

    /// Copies the input onto a title and refreshes its search words.
    public static void ApplyTo(this TitleInput input, Title t, DateTime now)
    {
        t.ControlNumber = TextFolding.CleanOrNull(input.ControlNumber);
        t.TitleProper = TextFolding.Clean(input.TitleProper);
        t.Subtitle = TextFolding.CleanOrNull(input.Subtitle);
        t.Responsibility = TextFolding.CleanOrNull(input.Responsibility);
        t.Authors = TextFolding.CleanOrNull(input.Authors);
        t.Publisher = TextFolding.CleanOrNull(input.Publisher);
        t.Place = TextFolding.CleanOrNull(input.Place);
        t.Year = input.Year;
        t.Edition = TextFolding.CleanOrNull(input.Edition);
        t.Language = TextFolding.CleanOrNull(input.Language)?.ToLowerInvariant();
        t.Pages = TextFolding.CleanOrNull(input.Pages);
        t.Ddc = TextFolding.CleanOrNull(input.Ddc);
        t.Subjects = TextFolding.CleanOrNull(input.Subjects);
        t.Summary = TextFolding.CleanOrNull(input.Summary);
        var isbns = (input.Isbns ?? []).Select(Isbn.Normalize).OfType<string>().Distinct().ToList();
        t.Isbns.RemoveAll(i => !isbns.Contains(i.Isbn));
        foreach (var isbn in isbns.Where(i => t.Isbns.All(x => x.Isbn != i))) t.Isbns.Add(new TitleIsbn { Isbn = isbn });
        // A form or an API client is refused past the column's length (SaveTitle.Validate); a record keeps the whole
        // ISBNs that fit, never half of one (nor half of a character), and each one is already a warning of the import.
        var invalid = "";
        foreach (var given in SplitInvalid(input.InvalidIsbns).Select(i => new string(i.Where(c => !char.IsControl(c)).ToArray())))
        {
            var next = invalid.Length == 0 ? given : invalid + "; " + given;
            if (next.Length > TitleConfiguration.InvalidIsbnsMax) break;
            invalid = next;
        }
        t.InvalidIsbns = TextFolding.CleanOrNull(invalid);
        t.RefreshWords(isbns);
        t.UpdatedAt = now;
    }

    /// The invalid ISBNs of a title, one by one.
    public static IEnumerable<string> SplitInvalid(string? invalidIsbns) =>
        (invalidIsbns ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct();

    /// The title's derived search words and sort key from its fields: on every save, and when the folding changes.
    public static void RefreshWords(this Title t, IEnumerable<string> isbns)
    {
        // Each field is folded once: the words of texts put together are the words of each, put together.
        var (title, subtitle, responsibility) =
            (SearchText.Words(t.TitleProper), SearchText.Words(t.Subtitle), SearchText.Words(t.Responsibility));
        var (authors, subjects) = (SearchText.Words(t.Authors), SearchText.Words(t.Subjects));
        t.TitleWords = SearchText.Join(title, subtitle);
        // Dictionary order (Đ after D, Ă and Â after A …) from the title itself, not from its folded words, where đ is d.
        t.SortKey = TextFolding.SortKey($"{t.TitleProper} {t.Subtitle}", 100);
        t.AuthorWords = SearchText.Join(authors, responsibility);
        t.SubjectWords = subjects;
        // What the search box looks in: titles, people and subjects, and ISBNs. Publisher, DDC and language have their own
        // filters; leaving them (and control numbers, each a word of its own) out keeps the full-text index small and fast.
        // An invalid ISBN is what is printed on the book, so it finds the title too: its digits as one word, like a valid one.
        var invalid = SplitInvalid(t.InvalidIsbns).Select(i => new string(i.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').ToArray()));
        t.SearchWords = SearchText.Join(title, subtitle, responsibility, authors, subjects,
            SearchText.Words(string.Join(' ', isbns.Concat(invalid))));
    }

    private static string? Clean(string? value) => value is null ? null : TextFolding.CleanOrNull(TrimPunctuation(value));

    /// MARC's ISBD punctuation at the end of a subfield (" /", " :", ";", ",") is not part of the value.
    private static string TrimPunctuation(string value) => value.TrimEnd(' ', '/', ':', ';', ',', '=').Trim();

    private static int? YearOf(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (int.TryParse(text.AsSpan(i, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1400 and <= 2100)
                return y;
        }
        return null;
    }

    private static decimal? Price(string? text) =>
        decimal.TryParse(new string((text ?? "").Where(c => char.IsAsciiDigit(c) || c == '.').ToArray()), NumberStyles.Number,
            CultureInfo.InvariantCulture, out var p) ? p : null;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
}

/// The search words every index is built over: folded, and cut at anything that is not a letter or a digit, so that
/// SQLite's FTS5 and PostgreSQL's text search see the very same words.
public static class SearchText
{
    public static string Words(string? text)
    {
        var folded = TextFolding.Fold(text);
        if (IsWords(folded)) return folded;
        var sb = new StringBuilder(folded.Length);
        var space = true;
        foreach (var c in folded)
        {
            if (IsWordCharacter(c))
            {
                sb.Append(c);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    /// Words put together, as <see cref="Words"/> would give them for the texts put together with spaces between.
    public static string Join(params string[] words) => string.Join(' ', words.Where(w => w.Length > 0));

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || (c > 0x7F && char.IsLetterOrDigit(c));

    // Folded text that already is words (letters and digits, single spaces between): most titles' words are.
    private static bool IsWords(string folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (IsWordCharacter(c)) continue;
            if (c != ' ' || i == 0 || i == folded.Length - 1 || folded[i - 1] == ' ') return false;
        }
        return true;
    }

    /// A query as terms: words to match as prefixes, and "quoted phrases" of whole words in order.
    public static IReadOnlyList<IReadOnlyList<string>> Terms(string? query)
    {
        var terms = new List<IReadOnlyList<string>>();
        foreach (var term in TextFolding.Terms(query))
        {
            var words = Words(term).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0) terms.Add(words);
        }
        return terms;
    }
}
