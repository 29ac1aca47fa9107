using Bookpost.Web.Infrastructure.Documents;
using System.Globalization;
using Bookpost.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// A new document: the template and the period (as in indicator-values: a kind with year and number, or Custom with
/// from and to), and optionally what the edit form sets.
public sealed record CreateDocumentInput(string? Template = null, PeriodKind? Period = null, int? Year = null, int? Number = null,
    DateOnly? From = null, DateOnly? To = null, bool? Calendar = null, int? DocumentNumber = null, DateOnly? Date = null,
    string? Place = null, string? SignerName = null, string? SignerTitle = null, bool? SignsForHead = null,
    IReadOnlyList<string>? Recipients = null, IReadOnlyDictionary<string, string?>? Sections = null);

/// An edit of a draft: text sections by key, and the number, date, place, signer and recipients. Fields left out stay.
public sealed record EditDocumentInput(int? DocumentNumber = null, DateOnly? Date = null, string? Place = null,
    string? SignerName = null, string? SignerTitle = null, bool? SignsForHead = null, IReadOnlyList<string>? Recipients = null,
    IReadOnlyDictionary<string, string?>? Sections = null);

public sealed record DocumentPeriod(PeriodKind Kind, int? Year, int? Number, DateOnly From, DateOnly To, string Words);

public sealed record DocumentSectionDto(string Key, string Heading, string Label, string Text);

public sealed record TemplateDto(string Code, string Name, string NameVi, string NameEn, IReadOnlyList<string> Formats,
    IReadOnlyList<DocumentSectionDto> Sections, PeriodKind DefaultPeriod, IReadOnlyList<string> Indicators);

public sealed record DocumentSummary(int Id, string Template, string TemplateName, DocumentPeriod Period, DocumentStatus Status,
    string NumberText, DateOnly Date, DateTime? IssuedAt, long Version);

/// A document as the API and the page read it: metadata, text sections, the figures used (frozen ones once issued) and,
/// for an issued document, the cells that would differ if it were made again today.
public sealed record DocumentDto(int Id, string Template, string TemplateName, DocumentPeriod Period, DocumentStatus Status,
    int? DocumentNumber, string NumberText, string Place, DateOnly Date, string? SignerName, string? SignerTitle, bool SignsForHead,
    IReadOnlyList<string> Recipients, IReadOnlyList<DocumentSectionDto> Sections, IssuingAgency? Agency, DateTime CreatedAt,
    string CreatedBy, DateTime? IssuedAt, string? IssuedBy, IReadOnlyList<string> Formats, bool FiguresFrozen,
    DocumentFigures Figures, IReadOnlyList<FigureChange>? ChangesToday, long Version);

/// Report documents: make a draft for a template and period, edit its text, issue it (freezing its figures), and give
/// out its files. Figures come only from <see cref="IndicatorService"/> with the document's scope.
public sealed class DocumentService(AppDbContext db, IndicatorService indicators, IOptions<ReportsOptions> options,
    TimeProvider clock, Text text)
{
    private IQueryable<ReportDocument> Documents => db.Set<ReportDocument>();

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static IReadOnlyList<TemplateDto> Templates() => ReportTemplates.All.Select(ToDto).ToList();

    public static TemplateDto ToDto(IReportTemplate t) => new(t.Code, English ? t.NameEn : t.NameVi, t.NameVi, t.NameEn,
        t.Formats.Select(Name).ToList(), t.Sections.Select(s => new DocumentSectionDto(s.Key, s.Heading, s.Label(English), "")).ToList(),
        t.DefaultPeriod, t.Codes);

    public static string Name(DocumentFileFormat f) => f.ToString().ToLowerInvariant();

    /// Province-wide offices see every document; an area's office sees the documents made for its own area.
    private IQueryable<ReportDocument> Visible(UserScope scope) => scope.IsProvinceWide
        ? Documents
        : Documents.Where(d => d.ScopeArea == scope.Area && d.ScopeAreaCode == scope.AreaCode);

    public async Task<IReadOnlyList<DocumentSummary>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var rows = await Visible(scope).AsNoTracking().OrderByDescending(d => d.Id).Take(500).ToListAsync(ct);
        return rows.Select(d => new DocumentSummary(d.Id, d.Template, TemplateName(d.Template), PeriodOf(d), d.Status, NumberText(d),
            d.DocumentDate, d.IssuedAt, d.Version)).ToList();
    }

    public async Task<Result<DocumentDto>> CreateAsync(CreateDocumentInput input, UserScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.Today();
        var template = ReportTemplates.Find(input.Template);
        if (template is null) errors.Add("template", text.Format("Documents.UnknownTemplate",
            string.Join(", ", ReportTemplates.All.Select(t => t.Code))));
        var kind = input.Period ?? template?.DefaultPeriod ?? PeriodKind.Year;
        if (input.Year is { } y && (y < 2000 || y > today.Year + 1)) errors.Add("year", text.Format("Documents.Year", today.Year + 1));
        if (input.Number is { } n && (n < 1 || n > 12)) errors.Add("number", text["Reports.PeriodNumber"]);
        Period? period = null;
        if (!errors.Has("year") && !errors.Has("number"))
        {
            var query = new IndicatorQuery(kind, input.Year, input.Number, input.Calendar, input.From, input.To);
            period = GetIndicatorValues.ResolvePeriod(query, options.Value.CutoffDay, today, errors, text);
            if (period is { } p && p.From > today)
                errors.Add("period", text.Format("Documents.PeriodNotStarted", VnTime.Show(p.From)));
            if (period is { } q && q.From.Year < 2000) errors.Add("from", text.Format("Documents.Year", today.Year + 1));
        }
        var doc = new ReportDocument
        {
            Template = template?.Code ?? "",
            PeriodKind = kind,
            PeriodYear = kind == PeriodKind.Custom ? null : period is { } pp
                ? input.Year ?? ReportingPeriods.Containing(kind, today, input.Calendar ?? false, options.Value.CutoffDay).Year : null,
            PeriodNumber = kind is PeriodKind.Custom or PeriodKind.Year or PeriodKind.NineMonths ? null
                : input.Number ?? ReportingPeriods.Containing(kind, today, input.Calendar ?? false, options.Value.CutoffDay).Number,
            PeriodFrom = period?.From ?? default,
            PeriodTo = period?.To ?? default,
            ScopeArea = scope.Area,
            ScopeAreaCode = scope.AreaCode,
            Place = "Thanh Hóa",
            DocumentDate = today,
            Recipients = "Như trên;\nUBND tỉnh (để b/c);\nLưu: VT.",
            Status = DocumentStatus.Draft,
            CreatedAt = db.UtcNow,
            CreatedBy = scope.UserName,
            UpdatedAt = db.UtcNow,
        };
        if (template is not null && period is not null)
            Apply(doc, template, new EditDocumentInput(input.DocumentNumber, input.Date, input.Place, input.SignerName,
                input.SignerTitle, input.SignsForHead, input.Recipients, input.Sections), errors, today);
        if (errors.Any) return errors.ToResult<DocumentDto>();
        db.Add(doc);
        await db.SaveChangesAsync(ct);
        return await GetAsync(doc.Id, scope, ct);
    }

    public async Task<Result<DocumentDto>> GetAsync(int id, UserScope scope, CancellationToken ct)
    {
        var doc = await Visible(scope).AsNoTracking().Include(d => d.Sections).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null) return Result<DocumentDto>.NotFound();
        var template = ReportTemplates.Find(doc.Template)!;
        var today = await BuildAsync(doc, template, ct);
        DocumentFigures figures;
        IReadOnlyList<FigureChange>? changes = null;
        if (doc.FrozenFigures is { } frozen)
        {
            figures = DocumentFigures.FromJson(frozen);
            changes = DocumentFigures.Changes(figures, today);
        }
        else figures = today;
        var agency = doc.Status == DocumentStatus.Issued && doc.IssuerName is not null
            ? new IssuingAgency(doc.IssuerSuperior, doc.IssuerName, doc.IssuerCode ?? "")
            : await IssuingAgencies.OnAsync(db, doc.ScopeArea, doc.ScopeAreaCode, doc.DocumentDate, ct);
        var sections = template.Sections.Select(s => new DocumentSectionDto(s.Key, s.Heading, s.Label(English),
            doc.Sections.FirstOrDefault(x => x.Key == s.Key)?.Text ?? "")).ToList();
        return new DocumentDto(doc.Id, doc.Template, TemplateName(doc.Template), PeriodOf(doc), doc.Status, doc.DocumentNumber,
            NumberText(doc, agency), doc.Place, doc.DocumentDate, doc.SignerName, doc.SignerTitle, doc.SignsForHead,
            RecipientLines(doc.Recipients), sections, agency, doc.CreatedAt, doc.CreatedBy, doc.IssuedAt, doc.IssuedBy,
            template.Formats.Select(Name).ToList(), doc.FrozenFigures is not null, figures, changes, doc.Version);
    }

    public async Task<Result<DocumentDto>> EditAsync(int id, long? expected, EditDocumentInput input, UserScope scope,
        CancellationToken ct)
    {
        var doc = await Visible(scope).Include(d => d.Sections).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null) return Result<DocumentDto>.NotFound();
        if (text.CheckVersion<DocumentDto>(expected, doc.Version) is { } refused) return refused;
        if (doc.Status == DocumentStatus.Issued) return Result<DocumentDto>.Conflict(text["Documents.AlreadyIssued"]);
        var errors = new FieldErrors();
        Apply(doc, ReportTemplates.Find(doc.Template)!, input, errors, clock.Today());
        if (errors.Any) return errors.ToResult<DocumentDto>();
        doc.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<DocumentDto>(text, expected, ct) is { } failed) return failed;
        return await GetAsync(doc.Id, scope, ct);
    }

    /// Issues a draft: checks it has what a signed document needs, then stores every figure it shows, the agency of its
    /// date, the time and who issued it. An issued document never changes again.
    public async Task<Result<DocumentDto>> IssueAsync(int id, long? expected, UserScope scope, CancellationToken ct)
    {
        var doc = await Visible(scope).Include(d => d.Sections).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (doc is null) return Result<DocumentDto>.NotFound();
        if (doc.Status == DocumentStatus.Issued) return Result<DocumentDto>.Conflict(text["Documents.AlreadyIssued"]);
        if (expected is not null && expected != doc.Version) return Result<DocumentDto>.Stale(text["Concurrency.Stale"]);
        var template = ReportTemplates.Find(doc.Template)!;
        if (template.Formats.Any(f => f != DocumentFileFormat.Xlsx))
        {
            var errors = new FieldErrors();
            if (doc.DocumentNumber is null) errors.Add("documentNumber", text["Documents.NumberRequired"]);
            if (string.IsNullOrWhiteSpace(doc.SignerName)) errors.Add("signerName", text["Documents.SignerRequired"]);
            if (string.IsNullOrWhiteSpace(doc.SignerTitle)) errors.Add("signerTitle", text["Documents.SignerTitleRequired"]);
            if (errors.Any) return errors.ToResult<DocumentDto>();
        }
        var figures = await BuildAsync(doc, template, ct);
        var agency = await IssuingAgencies.OnAsync(db, doc.ScopeArea, doc.ScopeAreaCode, doc.DocumentDate, ct);
        doc.FrozenFigures = figures.ToJson();
        doc.Status = DocumentStatus.Issued;
        doc.IssuedAt = db.UtcNow;
        doc.IssuedBy = scope.UserName;
        doc.IssuerSuperior = agency?.Superior;
        doc.IssuerName = agency?.Name;
        doc.IssuerCode = agency?.Code;
        doc.UpdatedAt = db.UtcNow;
        if (await db.TrySaveAsync<DocumentDto>(text, expected, ct, raced: text["Documents.AlreadyIssued"]) is { } failed) return failed;
        return await GetAsync(doc.Id, scope, ct);
    }

    /// A file of the document. An issued document's files show its frozen figures; a draft's, today's (marked as draft).
    public async Task<Result<(byte[] Content, string ContentType, string Name)>> FileAsync(int id, string? format, UserScope scope,
        CancellationToken ct)
    {
        var got = await GetAsync(id, scope, ct);
        if (!got.IsOk) return got.Failure == FailureKind.NotFound
            ? Result<(byte[], string, string)>.NotFound()
            : Result<(byte[], string, string)>.Conflict(got.Message ?? "");
        var doc = got.Value!;
        var template = ReportTemplates.Find(doc.Template)!;
        var asked = format?.Trim() ?? "";
        var wanted = template.Formats.FirstOrDefault(f => string.Equals(Name(f), asked, StringComparison.OrdinalIgnoreCase));
        if (!template.Formats.Any(f => string.Equals(Name(f), asked, StringComparison.OrdinalIgnoreCase)))
            return Result<(byte[], string, string)>.Invalid("format", text.Format("Documents.Format",
                string.Join(", ", template.Formats.Select(Name))));
        var name = $"bao-cao-{doc.Id}-{doc.Period.From:yyyyMMdd}-{doc.Period.To:yyyyMMdd}";
        return wanted switch
        {
            DocumentFileFormat.Docx => (OfficialDocx.Write(DocumentLayout.Of(doc)), OfficialDocx.ContentType, name + ".docx"),
            DocumentFileFormat.Pdf => (OfficialPdf.Write(DocumentLayout.Of(doc)), "application/pdf", name + ".pdf"),
            _ => (XlsxWriter.Write(doc), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
        };
    }

    /// The document's figures as they are today, computed in Vietnamese (the document's language) with its own scope.
    private async Task<DocumentFigures> BuildAsync(ReportDocument doc, IReportTemplate template, CancellationToken ct)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi");
        try
        {
            var scope = new UserScope("document", "document", AppRole.Monitor, ScopeKind.Province, doc.ScopeArea, doc.ScopeAreaCode, null);
            var period = new Period(doc.PeriodFrom, doc.PeriodTo);
            var mapDay = ReportMap.OfPeriod.DayFor(period, clock.Today());
            var level = GetIndicatorValues.DefaultLevel(scope, await indicators.MapHasDistrictsAsync(mapDay, ct));
            var context = new TemplateContext(indicators, scope, period, doc.PeriodKind, doc.PeriodYear, doc.PeriodNumber,
                options.Value.CutoffDay, level);
            return await template.BuildAsync(context, ct);
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    /// Checks and applies the editable fields; every mistake is a field error.
    private void Apply(ReportDocument doc, IReportTemplate template, EditDocumentInput input, FieldErrors errors, DateOnly today)
    {
        if (input.DocumentNumber is { } number)
        {
            if (number is < 1 or > DocumentLimits.MaxDocumentNumber)
                errors.Add("documentNumber", text.Format("Documents.NumberRange", DocumentLimits.MaxDocumentNumber));
            else doc.DocumentNumber = number;
        }
        if (input.Date is { } date)
        {
            if (date < doc.PeriodFrom || date > today.AddDays(31))
                errors.Add("date", text.Format("Documents.DateRange", VnTime.Show(doc.PeriodFrom), VnTime.Show(today.AddDays(31))));
            else doc.DocumentDate = date;
        }
        if (Line(input.Place, "place", errors) is { } place) doc.Place = place.Length == 0 ? "Thanh Hóa" : place;
        if (Line(input.SignerName, "signerName", errors) is { } signer) doc.SignerName = signer.Length == 0 ? null : signer;
        if (Line(input.SignerTitle, "signerTitle", errors) is { } title) doc.SignerTitle = title.Length == 0 ? null : title;
        if (input.SignsForHead is { } forHead) doc.SignsForHead = forHead;
        if (input.Recipients is { } recipients)
        {
            var lines = recipients.SelectMany(r => (r ?? "").Split('\n')).Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
            if (lines.Count > DocumentLimits.RecipientLines)
                errors.Add("recipients", text.Format("Documents.RecipientsCount", DocumentLimits.RecipientLines));
            else if (lines.Any(l => l.Length > DocumentLimits.RecipientLength))
                errors.Add("recipients", text.Format("Documents.TooLong", DocumentLimits.RecipientLength));
            else if (lines.Any(Unprintable)) errors.Add("recipients", text["Validation.ControlCharacters"]);
            else doc.Recipients = string.Join('\n', lines.Select(l => l.TrimStart('-', ' ')));
        }
        foreach (var (key, value) in input.Sections ?? new Dictionary<string, string?>())
        {
            var field = $"sections.{key}";
            if (template.Sections.All(s => s.Key != key))
            {
                errors.Add(field.Length > 60 ? "sections" : field, text.Format("Documents.UnknownSection",
                    string.Join(", ", template.Sections.Select(s => s.Key))));
                continue;
            }
            var body = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (body.Length > DocumentLimits.SectionLength)
            {
                errors.Add(field, text.Format("Documents.TooLong", DocumentLimits.SectionLength));
                continue;
            }
            if (body.Any(c => char.IsControl(c) && c is not ('\n' or '\t')) || !XmlChars.AllValid(body))
            {
                errors.Add(field, text["Validation.ControlCharacters"]);
                continue;
            }
            var section = doc.Sections.FirstOrDefault(s => s.Key == key);
            if (section is null) doc.Sections.Add(new ReportDocumentSection { Key = key, Text = body });
            else section.Text = body;
        }
    }

    /// A one-line field: trimmed, at most 100 characters, nothing unprintable. Null when not sent or refused.
    private string? Line(string? value, string field, FieldErrors errors)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.Length > DocumentLimits.NameLength) errors.Add(field, text.Format("Documents.TooLong", DocumentLimits.NameLength));
        else if (Unprintable(v)) errors.Add(field, text["Validation.ControlCharacters"]);
        else return v;
        return null;
    }

    private static bool Unprintable(string s) => !XmlChars.AllValid(s) || s.Any(c => char.IsControl(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static IReadOnlyList<string> RecipientLines(string recipients) =>
        recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TemplateName(string code) => ReportTemplates.Find(code) is { } t ? English ? t.NameEn : t.NameVi : code;

    private static DocumentPeriod PeriodOf(ReportDocument d) => new(d.PeriodKind, d.PeriodYear, d.PeriodNumber, d.PeriodFrom,
        d.PeriodTo, ReportTemplates.PeriodWords(d.PeriodKind, new Period(d.PeriodFrom, d.PeriodTo), d.PeriodYear, d.PeriodNumber));

    /// "12/BC-SKHCN"; a document with no number yet leaves room to write it by hand.
    private static string NumberText(ReportDocument d, IssuingAgency? agency = null)
    {
        var code = agency?.Code ?? d.IssuerCode ?? "…";
        return d.DocumentNumber is { } n ? $"{n}/BC-{code}" : $"     /BC-{code}";
    }
}
