using System.Globalization;
using Bookpost.Web.Features.Reports;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// The files a template offers. DOCX is the main one (the office edits and signs in Word).
public enum DocumentFileFormat { Docx, Pdf, Xlsx }

/// A text section the office writes: its key, its heading in the document, and its label on the page in both languages.
public sealed record TemplateSection(string Key, string Heading, string LabelVi, string LabelEn)
{
    public string Label(bool english) => english ? LabelEn : LabelVi;
}

/// What a template builds its figures from: the document's scope and period, read through the one indicator service.
public sealed record TemplateContext(IndicatorService Indicators, UserScope Scope, Period Period, PeriodKind Kind, int? Year,
    int? Number, int CutoffDay, GroupLevel Level);

/// A kind of report document: its name, the files it offers, its fixed tables and charts and its text sections.
public interface IReportTemplate
{
    string Code { get; }
    string NameVi { get; }
    string NameEn { get; }
    IReadOnlyList<DocumentFileFormat> Formats { get; }
    IReadOnlyList<TemplateSection> Sections { get; }
    /// The period a new document of this kind is usually for (the form's first choice).
    PeriodKind DefaultPeriod { get; }
    /// The indicator codes its tables use, in order.
    IReadOnlyList<string> Codes { get; }
    Task<DocumentFigures> BuildAsync(TemplateContext context, CancellationToken ct);
}

/// The templates, by code.
public static class ReportTemplates
{
    public static readonly IReadOnlyList<IReportTemplate> All =
        [new ProgrammeTemplate(), new ComputersPeriodTemplate(), new YearlyTemplate(), new TableOnlyTemplate()];

    public static IReportTemplate? Find(string? code) => All.FirstOrDefault(t => t.Code == code?.Trim());

    // Indicator codes by their catalogue names; codes of other features are named, not referenced (Evaluation reads them
    // through Reports only).
    public const string PointsServed = "rotation.points_served";
    public const string TitlesReceived = "rotation.titles_received";
    public const string CopiesRotated = "rotation.copies_rotated";
    public const string Loans = "circulation.loans";
    public const string ReadersNew = "circulation.readers_new";
    public const string Visits = "circulation.visits";
    public const string Sessions = "access.sessions";
    public const string Hours = "access.hours";
    public const string OpenHours = "access.open_hours";
    public const string UseRate = "access.use_rate";
    public const string BySex = "access.users_by_sex";
    public const string Minority = "access.users_minority";
    public const string Poor = "access.users_poor";
    public const string Trainings = "access.trainings";
    public const string Participants = "access.training_participants";

    public static readonly string[] ProgrammeCodes = [PointsServed, TitlesReceived, CopiesRotated, Loans, ReadersNew, Visits];
    public static readonly string[] ComputerCodes =
        [Sessions, Hours, OpenHours, UseRate, BySex, Minority, Poor, Trainings, Participants];

    public static readonly TemplateSection Results = new("results", "Kết quả khác", "Kết quả khác (ngoài các bảng số liệu)",
        "Other results (besides the tables)");
    public static readonly TemplateSection Assessment = new("assessment", "ĐÁNH GIÁ CHUNG", "Đánh giá chung", "Assessment");
    public static readonly TemplateSection Difficulties = new("difficulties", "TỒN TẠI, HẠN CHẾ, KHÓ KHĂN",
        "Tồn tại, hạn chế, khó khăn", "Shortcomings and difficulties");
    public static readonly TemplateSection Direction = new("direction", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "Phương hướng, nhiệm vụ", "Direction and tasks ahead");
    public static readonly TemplateSection Proposals = new("proposals", "ĐỀ XUẤT, KIẾN NGHỊ", "Đề xuất, kiến nghị",
        "Proposals");

    /// The period in words as a subject line says it: "9 tháng đầu năm 2017", "quý III năm 2026", "giai đoạn 2013 - 2017".
    public static string PeriodWords(PeriodKind kind, Period period, int? year, int? number)
    {
        var y = year ?? period.To.Year;
        return kind switch
        {
            PeriodKind.Month => $"tháng {number} năm {y}",
            PeriodKind.Quarter => $"quý {Roman(number ?? 1)} năm {y}",
            PeriodKind.HalfYear => number == 2 ? $"6 tháng cuối năm {y}" : $"6 tháng đầu năm {y}",
            PeriodKind.NineMonths => $"9 tháng đầu năm {y}",
            PeriodKind.Year => $"năm {y}",
            _ when period.From.Year != period.To.Year => $"giai đoạn {period.From.Year} - {period.To.Year}",
            _ => $"từ ngày {VnTime.Show(period.From)} đến ngày {VnTime.Show(period.To)}",
        };
    }

    /// What comes next, for "phương hướng nhiệm vụ …".
    public static string NextWords(PeriodKind kind, Period period, int? year, int? number)
    {
        var y = year ?? period.To.Year;
        return kind switch
        {
            PeriodKind.NineMonths => $"3 tháng cuối năm {y}",
            PeriodKind.HalfYear when number != 2 => $"6 tháng cuối năm {y}",
            PeriodKind.Quarter when number is >= 1 and < 4 => $"quý {Roman(number.Value + 1)} năm {y}",
            PeriodKind.Year or PeriodKind.HalfYear or PeriodKind.Quarter => $"năm {y + 1}",
            _ => "thời gian tới",
        };
    }

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III",
        4 => "IV", _ => n.ToString(CultureInfo.InvariantCulture) };

    public static string Days(Period p) => $"từ ngày {VnTime.Show(p.From)} đến ngày {VnTime.Show(p.To)}";
}

/// The figures a template is built of, with the catalogue check: a code the catalogue does not have is left out and listed.
public sealed class FigureBuilder(TemplateContext context)
{
    private readonly HashSet<string> _known = context.Indicators.Catalogue.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, IndicatorTable> _tables = new(StringComparer.Ordinal);
    public List<string> Missing { get; } = [];
    public List<FigureTable> Tables { get; } = [];
    public List<FigureChart> Charts { get; } = [];
    public List<string> Sentences { get; } = [];
    public string? SourcesNote { get; private set; }
    public string MapNote { get; private set; } = "";

    private List<string> Available(IEnumerable<string> codes)
    {
        var list = new List<string>();
        foreach (var code in codes)
        {
            if (_known.Contains(code)) list.Add(code);
            else if (!Missing.Contains(code)) Missing.Add(code);
        }
        return list;
    }

    /// Groups (areas or communes, and the total) as rows and the indicators as columns: exactly the cells of
    /// indicator-values for the same period, scope, level and codes.
    public async Task<FigureTable> GroupsAsync(string key, string title, IEnumerable<string> codes, CancellationToken ct)
    {
        var available = Available(codes);
        var table = await context.Indicators.ComputeAsync(context.Scope, context.Period, context.Level, ReportMap.OfPeriod,
            available, english: false, ct);
        _tables[key] = table;
        SourcesNote ??= DocumentSources.Note(table);
        MapNote = IndicatorService.MapNote(table, english: false);
        var shown = FixedRows(table.Rows, table.Columns.Count);
        var columns = shown.Select(r => new FigureColumn(r.Breakdown is null ? r.Name : $"{r.Name}: {r.BreakdownLabel}",
            r.Code, r.Breakdown, r.Unit)).ToList();
        var rows = table.Columns.Select((c, i) => new FigureRow(c.Name, shown.Select(r => r.Values[i]).ToList(), Group: c.Key))
            .ToList();
        var figure = new FigureTable(key, title, FigureTableKind.Groups, LevelWord(context.Level), columns, rows);
        Tables.Add(figure);
        return figure;
    }

    /// The breakdowns an official table always shows: who used the public computers, by sex. Other breakdowns (loans by
    /// sex, sets by theme) stay on the indicator page: a table whose columns came and went with the data would not be
    /// the same table from one report to the next.
    private static readonly HashSet<(string, string?)> FixedBreakdowns =
        [(ReportTemplates.BySex, "Male"), (ReportTemplates.BySex, "Female")];

    /// The indicators' own rows, and each fixed breakdown of an indicator asked for, with zeros where no one fell in it.
    private static List<IndicatorRow> FixedRows(IReadOnlyList<IndicatorRow> rows, int columns)
    {
        var shown = new List<IndicatorRow>();
        foreach (var row in rows.Where(r => r.Breakdown is null))
        {
            shown.Add(row);
            foreach (var (code, breakdown) in FixedBreakdowns.Where(f => f.Item1 == row.Code))
                shown.Add(rows.FirstOrDefault(r => r.Code == code && r.Breakdown == breakdown)
                    ?? row with
                    {
                        Breakdown = breakdown,
                        BreakdownLabel = Infrastructure.Localization.Text.Get($"Enum.Sex.{breakdown}", CultureInfo.GetCultureInfo("vi")),
                        Values = Enumerable.Repeat((decimal?)0m, columns).ToList(),
                    });
        }
        return shown;
    }

    /// The indicators as rows, the same period last year and this period as columns, and the change in percent.
    public async Task<FigureTable> LastYearAsync(string key, string title, IEnumerable<string> codes, CancellationToken ct)
    {
        var available = Available(codes);
        var comparison = await context.Indicators.CompareAsync(context.Scope, context.Period, PeriodComparison.LastYear,
            calendar: false, context.CutoffDay, ReportMap.OfPeriod, available, english: false, ct);
        var columns = new List<FigureColumn>
        {
            new($"Cùng kỳ năm trước ({comparison.Columns[0].Name})"),
            new($"Kỳ báo cáo ({comparison.Columns[1].Name})"),
            new("Tăng/giảm (%)"),
        };
        var rows = comparison.Rows.Where(r => r.Breakdown is null || FixedBreakdowns.Contains((r.Code, r.Breakdown)))
            .Select(r => new FigureRow(r.Breakdown is null ? r.Name : $"{r.Name}: {r.BreakdownLabel}",
            [r.Values[0], r.Values[1], r.ChangePercent[1]], Code: r.Code, Breakdown: r.Breakdown, Unit: r.Unit)).ToList();
        var figure = new FigureTable(key, title, FigureTableKind.Comparison, "Chỉ tiêu", columns, rows);
        Tables.Add(figure);
        return figure;
    }

    /// The total of an indicator over the scope in a Groups table built before; null when the code is missing.
    public decimal? Total(string code, string? breakdown = null)
    {
        foreach (var table in Tables.Where(t => t.Kind == FigureTableKind.Groups))
        {
            var c = table.Columns.ToList().FindIndex(x => x.Code == code && x.Breakdown == breakdown);
            if (c >= 0) return table.Rows[^1].Values[c];
        }
        return null;
    }

    /// A bar chart of one indicator by group (the total left out).
    public void ChartByGroup(string key, string title, FigureTable table, string code)
    {
        var c = table.Columns.ToList().FindIndex(x => x.Code == code && x.Breakdown is null);
        if (c < 0) return;
        var rows = table.Rows.Where(r => r.Group != IndicatorService.TotalKey).ToList();
        if (rows.Count == 0) return;
        Charts.Add(new FigureChart(key, title, rows.Select(r => r.Label).ToList(),
            [new ChartSeries(table.Columns[c].Label, rows.Select(r => (double)(r.Values[c] ?? 0)).ToList())], ChartKind.Bars,
            table.Columns[c].Unit));
    }

    public DocumentFigures Finish(string subject) =>
        new(subject, Sentences, Tables, Charts, SourcesNote, MapNote, Missing);

    private static string LevelWord(GroupLevel level) => level switch
    {
        GroupLevel.Commune => "Xã, phường",
        GroupLevel.District => "Huyện, thị xã, thành phố",
        GroupLevel.Point => "Điểm",
        _ => "Khu vực",
    };
}

/// The note of sources a document prints under its tables ("Số liệu: N điểm theo báo cáo, M theo ghi nhận"), as the
/// indicator table states it.
public static class DocumentSources
{
    public static string? Note(IndicatorTable table) => table.Sources?.Note is { Length: > 0 } note ? note : null;
}

/// (1) The programme report: "Báo cáo kết quả thực hiện Chương trình phối hợp luân chuyển sách … giai đoạn …".
public sealed class ProgrammeTemplate : IReportTemplate
{
    public string Code => "programme";
    public string NameVi => "Báo cáo kết quả Chương trình phối hợp luân chuyển sách";
    public string NameEn => "Book rotation programme report";
    public IReadOnlyList<DocumentFileFormat> Formats => [DocumentFileFormat.Docx, DocumentFileFormat.Pdf, DocumentFileFormat.Xlsx];
    public IReadOnlyList<TemplateSection> Sections =>
        [ReportTemplates.Results, ReportTemplates.Assessment, ReportTemplates.Difficulties, ReportTemplates.Direction,
            ReportTemplates.Proposals];
    public PeriodKind DefaultPeriod => PeriodKind.Custom;
    public IReadOnlyList<string> Codes => ReportTemplates.ProgrammeCodes;

    public async Task<DocumentFigures> BuildAsync(TemplateContext c, CancellationToken ct)
    {
        var b = new FigureBuilder(c);
        var table = await b.GroupsAsync("programme-areas", "Bảng 1. Kết quả luân chuyển sách theo địa bàn", Codes, ct);
        var points = b.Total(ReportTemplates.PointsServed);
        var titles = b.Total(ReportTemplates.TitlesReceived);
        var copies = b.Total(ReportTemplates.CopiesRotated);
        var loans = b.Total(ReportTemplates.Loans);
        var sentence = $"{Cap(ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number))} ({ReportTemplates.Days(c.Period)}), "
            + $"{VnNumber.Show(points)} điểm BĐVHX đã được luân chuyển sách";
        if (titles is not null) sentence += $" với tổng số {VnNumber.Show(titles)} đầu sách";
        if (copies is not null) sentence += $", {VnNumber.Show(copies)} bản sách";
        sentence += loans is null ? "." : $"; các điểm đã phục vụ {VnNumber.Show(loans)} lượt mượn sách về nhà.";
        b.Sentences.Add(sentence);
        b.ChartByGroup("programme-points", "Số điểm được luân chuyển sách theo địa bàn", table, ReportTemplates.PointsServed);
        b.ChartByGroup("programme-loans", "Lượt mượn sách theo địa bàn", table, ReportTemplates.Loans);
        return b.Finish("Kết quả thực hiện Chương trình phối hợp luân chuyển sách đến các điểm Bưu điện - Văn hóa xã "
            + ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number));
    }

    internal static string Cap(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.GetCultureInfo("vi-VN")) + s[1..];
}

/// (2) The public-computer report for a Decree 09 period, with the direction for the time after it.
public sealed class ComputersPeriodTemplate : IReportTemplate
{
    public string Code => "computers-period";
    public string NameVi => "Báo cáo kết quả máy tính công cộng theo kỳ";
    public string NameEn => "Public computers report for a period";
    public IReadOnlyList<DocumentFileFormat> Formats => [DocumentFileFormat.Docx, DocumentFileFormat.Pdf, DocumentFileFormat.Xlsx];
    public IReadOnlyList<TemplateSection> Sections =>
        [ReportTemplates.Results, ReportTemplates.Assessment, ReportTemplates.Difficulties, ReportTemplates.Direction,
            ReportTemplates.Proposals];
    public PeriodKind DefaultPeriod => PeriodKind.NineMonths;
    public IReadOnlyList<string> Codes => ReportTemplates.ComputerCodes;

    public async Task<DocumentFigures> BuildAsync(TemplateContext c, CancellationToken ct)
    {
        var b = new FigureBuilder(c);
        var table = await b.GroupsAsync("computers-areas", "Bảng 1. Kết quả sử dụng máy tính công cộng theo địa bàn", Codes, ct);
        var compared = await b.LastYearAsync("computers-last-year", "Bảng 2. So sánh với cùng kỳ năm trước", Codes, ct);
        AddSentences(b, c, compared);
        b.ChartByGroup("computers-sessions", "Lượt sử dụng máy tính theo địa bàn", table, ReportTemplates.Sessions);
        AddPeopleChart(b);
        return b.Finish("Kết quả thực hiện Dự án nâng cao khả năng sử dụng máy tính và truy cập Internet công cộng "
            + ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number) + ", phương hướng nhiệm vụ "
            + ReportTemplates.NextWords(c.Kind, c.Period, c.Year, c.Number));
    }

    internal static void AddSentences(FigureBuilder b, TemplateContext c, FigureTable compared)
    {
        var words = ProgrammeTemplate.Cap(ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number));
        var s = $"{words} ({ReportTemplates.Days(c.Period)}), các điểm đã phục vụ {VnNumber.Show(b.Total(ReportTemplates.Sessions))} "
            + $"lượt sử dụng máy tính với {VnNumber.Show(b.Total(ReportTemplates.Hours))} giờ sử dụng";
        if (b.Total(ReportTemplates.UseRate) is { } rate) s += $", tỷ lệ sử dụng máy đạt {VnNumber.Show(rate)}%";
        s += $"; trong đó nữ {VnNumber.Show(b.Total(ReportTemplates.BySex, "Female"))} lượt, người dân tộc thiểu số "
            + $"{VnNumber.Show(b.Total(ReportTemplates.Minority))} lượt, "
                + $"người thuộc hộ nghèo {VnNumber.Show(b.Total(ReportTemplates.Poor))} "
            + $"lượt. Đã tổ chức {VnNumber.Show(b.Total(ReportTemplates.Trainings))} lớp tập huấn cho "
            + $"{VnNumber.Show(b.Total(ReportTemplates.Participants))} người.";
        b.Sentences.Add(s);
        var sessions = compared.Rows.FirstOrDefault(r => r.Code == ReportTemplates.Sessions && r.Breakdown is null);
        if (sessions?.Values[2] is { } change)
            b.Sentences.Add($"So với cùng kỳ năm trước, số lượt sử dụng máy tính {(change >= 0 ? "tăng" : "giảm")} "
                + $"{VnNumber.Show(Math.Abs(change))}%.");
    }

    /// Who is served: women and men, ethnic minorities, poor households (totals of the scope).
    internal static void AddPeopleChart(FigureBuilder b)
    {
        var people = new (string Label, decimal? Value)[]
        {
            ("Nam", b.Total(ReportTemplates.BySex, "Male")), ("Nữ", b.Total(ReportTemplates.BySex, "Female")),
            ("Dân tộc thiểu số", b.Total(ReportTemplates.Minority)), ("Hộ nghèo", b.Total(ReportTemplates.Poor)),
        };
        b.Charts.Add(new FigureChart("computers-people", "Đối tượng được phục vụ (lượt)", people.Select(p => p.Label).ToList(),
            [new ChartSeries("Lượt", people.Select(p => (double)(p.Value ?? 0)).ToList())], ChartKind.Bars, "lượt"));
    }
}

/// (3) The yearly summary of both programmes.
public sealed class YearlyTemplate : IReportTemplate
{
    public string Code => "yearly";
    public string NameVi => "Báo cáo tổng kết năm";
    public string NameEn => "Yearly summary";
    public IReadOnlyList<DocumentFileFormat> Formats => [DocumentFileFormat.Docx, DocumentFileFormat.Pdf, DocumentFileFormat.Xlsx];
    public IReadOnlyList<TemplateSection> Sections =>
        [ReportTemplates.Results, ReportTemplates.Assessment, ReportTemplates.Difficulties, ReportTemplates.Direction,
            ReportTemplates.Proposals];
    public PeriodKind DefaultPeriod => PeriodKind.Year;
    public IReadOnlyList<string> Codes => [.. ReportTemplates.ProgrammeCodes, .. ReportTemplates.ComputerCodes];

    public async Task<DocumentFigures> BuildAsync(TemplateContext c, CancellationToken ct)
    {
        var b = new FigureBuilder(c);
        var books = await b.GroupsAsync("yearly-books", "Bảng 1. Luân chuyển sách, báo theo địa bàn", ReportTemplates.ProgrammeCodes, ct);
        var computers = await b.GroupsAsync("yearly-computers", "Bảng 2. Máy tính công cộng theo địa bàn", ReportTemplates.ComputerCodes,
            ct);
        var compared = await b.LastYearAsync("yearly-last-year", "Bảng 3. So sánh với cùng kỳ năm trước", Codes, ct);
        var points = b.Total(ReportTemplates.PointsServed);
        var titles = b.Total(ReportTemplates.TitlesReceived);
        var words = ProgrammeTemplate.Cap(ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number));
        b.Sentences.Add($"{words} ({ReportTemplates.Days(c.Period)}), {VnNumber.Show(points)} điểm BĐVHX đã được luân chuyển sách"
            + (titles is null ? "" : $" với tổng số {VnNumber.Show(titles)} đầu sách")
            + $"; các điểm đã phục vụ {VnNumber.Show(b.Total(ReportTemplates.Loans))} lượt mượn sách về nhà.");
        ComputersPeriodTemplate.AddSentences(b, c, compared);
        b.ChartByGroup("yearly-loans", "Lượt mượn sách theo địa bàn", books, ReportTemplates.Loans);
        b.ChartByGroup("yearly-sessions", "Lượt sử dụng máy tính theo địa bàn", computers, ReportTemplates.Sessions);
        return b.Finish("Tổng kết " + ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number)
            + " Chương trình luân chuyển sách và Dự án máy tính công cộng tại các điểm Bưu điện - Văn hóa xã");
    }
}

/// (4) The figures only, as a workbook to send on or to work with: the same tables as the yearly summary, no text. It
/// offers XLSX alone, since a table annex is not a document to sign.
public sealed class TableOnlyTemplate : IReportTemplate
{
    public string Code => "table-only";
    public string NameVi => "Phụ lục số liệu (chỉ bảng tính)";
    public string NameEn => "Figures annex (workbook only)";
    public IReadOnlyList<DocumentFileFormat> Formats => [DocumentFileFormat.Xlsx];
    public IReadOnlyList<TemplateSection> Sections => [];
    public PeriodKind DefaultPeriod => PeriodKind.Year;
    public IReadOnlyList<string> Codes => [.. ReportTemplates.ProgrammeCodes, .. ReportTemplates.ComputerCodes];

    public async Task<DocumentFigures> BuildAsync(TemplateContext c, CancellationToken ct)
    {
        var b = new FigureBuilder(c);
        await b.GroupsAsync("annex-books", "Biểu 1. Luân chuyển sách, báo theo địa bàn", ReportTemplates.ProgrammeCodes, ct);
        await b.GroupsAsync("annex-computers", "Biểu 2. Máy tính công cộng theo địa bàn", ReportTemplates.ComputerCodes, ct);
        return b.Finish("Phụ lục số liệu " + ReportTemplates.PeriodWords(c.Kind, c.Period, c.Year, c.Number));
    }
}
