using Bookpost.Web.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Bookpost.Web.Features.Circulation;

/// Everything Bookpost holds about a reader, printed for the reader (issue 15, finding 13a; the right to access in the
/// Personal Data Protection Law): identity, consent and its purpose text, and every loan with its title and dates.
/// Written in Vietnamese, on A4, in Liberation Sans (Vietnamese diacritics need Liberation 2 and Identity-H).
public sealed class ReaderPersonalData(AppDbContext db)
{
    private sealed record LoanLine(string Barcode, string Title, DateTime LentAt, DateOnly DueOn, int Renewals, DateTime? ReturnedAt,
        string LentAtPoint, string? ReturnedAtPoint);

    public async Task<Result<byte[]>> HandleAsync(int readerId, UserScope scope, CancellationToken ct)
    {
        var r = await CirculationScope.Readers(db, scope).Where(x => x.Id == readerId)
            .Select(x => new { Reader = x, Point = x.Point.Name }).SingleOrDefaultAsync(ct);
        if (r is null) return Result<byte[]>.NotFound();
        var loans = await db.Loans.Where(l => l.ReaderId == readerId).OrderBy(l => l.LentAt).ThenBy(l => l.Id)
            .Select(l => new LoanLine(l.Item.Barcode, l.Item.Title.TitleProper, l.LentAt, l.DueOn, l.Renewals, l.ReturnedAt,
                db.ServicePoints.Where(p => p.Id == l.PointId).Select(p => p.Name).First(),
                db.ServicePoints.Where(p => p.Id == l.ReturnedAtPointId).Select(p => p.Name).FirstOrDefault()))
            .ToListAsync(ct);
        var vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        string T(string key) => Text.Get(key, vi);
        string E<T>(T value) where T : struct, Enum => Text.Get($"Enum.{typeof(T).Name}.{value}", vi);
        var reader = r.Reader;
        var yes = T("Privacy.ReaderPdf.Yes");
        var no = T("Privacy.ReaderPdf.No");

        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{T("Privacy.ReaderPdf.Title")} {reader.CardNumber}";
        var doc = new Writer(pdf);
        doc.Heading(T("Privacy.ReaderPdf.Title").ToUpperInvariant());
        doc.Line($"{T("Privacy.ReaderPdf.Printed")}: {VnTime.Show(db.UtcNow)}", small: true);
        doc.Gap();
        doc.Subheading(T("Privacy.ReaderPdf.Identity"));
        if (reader.IsErased) doc.Line($"{T("Circulation.ErasedReader")} ({VnTime.Show(reader.ErasedAt!.Value)})");
        doc.Field(T("Circulation.FullName"), reader.FullName);
        doc.Field(T("Circulation.CardNumber"), reader.CardNumber);
        doc.Field(T("Circulation.BirthYear"), reader.BirthYear?.ToString(vi) ?? "");
        doc.Field(T("People.Sex"), E(reader.Sex));
        doc.Field(T("Circulation.Category"), E(reader.Category));
        doc.Field(T("Circulation.Village"), reader.Village ?? "");
        doc.Field(T("Circulation.Phone"), reader.Phone ?? "");
        doc.Field(T("Circulation.Minority"), reader.EthnicMinority ? yes : no);
        doc.Field(T("Circulation.Poor"), reader.PoorHousehold ? yes : no);
        doc.Field(T("Privacy.ReaderPdf.Point"), r.Point);
        doc.Field(T("Privacy.ReaderPdf.Registered"), VnTime.Show(reader.RegisteredOn));
        doc.Gap();
        doc.Subheading(T("Privacy.ReaderPdf.Consent"));
        doc.Field(T("Circulation.ConsentOn"), VnTime.Show(reader.ConsentOn));
        doc.Field(T("Privacy.ReaderPdf.PurposeVersion"), reader.ConsentPurposeKey.Length > 0 ? reader.ConsentPurposeKey : "—");
        doc.Paragraph(reader.ConsentPurpose.Length > 0 ? reader.ConsentPurpose : T("Circulation.NoPurposeRecorded"));
        doc.Gap();
        doc.Subheading($"{T("Privacy.ReaderPdf.Loans")} ({loans.Count})");
        foreach (var l in loans)
        {
            doc.Line($"{l.Barcode} – {l.Title}");
            var back = l.ReturnedAt is { } at ? $"{T("Privacy.ReaderPdf.Returned")} {VnTime.Show(at)}, {l.ReturnedAtPoint}"
                : T("Privacy.ReaderPdf.StillOut");
            doc.Line($"{T("Privacy.ReaderPdf.Lent")} {VnTime.Show(l.LentAt)}, {l.LentAtPoint} · {T("Circulation.Due")} "
                + $"{VnTime.Show(l.DueOn)} · {back}", small: true);
        }
        doc.Gap();
        doc.Paragraph(T("Privacy.ReaderPdf.Footer"), small: true);
        doc.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// Lines down A4 pages with 20 mm margins, wrapping long text and starting a new page when the page is full.
    private sealed class Writer(PdfDocument pdf) : IDisposable
    {
        private static readonly double s_mm = XUnit.FromMillimeter(1).Point;
        private readonly XFont _body = LiberationFontResolver.Font("Arial", 10);
        private readonly XFont _small = LiberationFontResolver.Font("Arial", 8.5);
        private readonly XFont _bold = LiberationFontResolver.Font("Arial", 10, XFontStyleEx.Bold);
        private readonly XFont _heading = LiberationFontResolver.Font("Arial", 14, XFontStyleEx.Bold);
        private XGraphics? _g;
        private double _y;

        private double Left => 20 * s_mm;
        private double Width => XUnit.FromMillimeter(210).Point - 40 * s_mm;
        private double Bottom => XUnit.FromMillimeter(297).Point - 20 * s_mm;

        private XGraphics G
        {
            get
            {
                if (_g is not null) return _g;
                var page = pdf.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                _g = XGraphics.FromPdfPage(page);
                _y = 20 * s_mm;
                return _g;
            }
        }

        private void Write(string line, XFont font)
        {
            var g = G;
            var height = font.GetHeight() * 1.25;
            if (_y + height > Bottom)
            {
                _g!.Dispose();
                _g = null;
                g = G;
            }
            g.DrawString(line, font, XBrushes.Black, Left, _y + font.GetHeight());
            _y += height;
        }

        public void Heading(string s) => Write(s, _heading);
        public void Subheading(string s) => Write(s, _bold);
        public void Gap() => _y += 3 * s_mm;
        public void Field(string label, string value) => Paragraph($"{label}: {value}");
        public void Line(string s, bool small = false) => Paragraph(s, small);

        public void Paragraph(string s, bool small = false)
        {
            var font = small ? _small : _body;
            foreach (var para in s.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var line = "";
                foreach (var word in para.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (line.Length > 0 && G.MeasureString(candidate, font).Width > Width)
                    {
                        Write(line, font);
                        line = word;
                    }
                    else line = candidate;
                }
                Write(line, font);
            }
        }

        public void Dispose() => _g?.Dispose();
    }
}
