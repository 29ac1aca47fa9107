using System.Globalization;
using System.Text;
using CsvHelper;

namespace Bookpost.Web.Infrastructure.Documents;

/// One cell of a CSV row: text, which is defused against formula injection, or a number, which is written as it is.
/// Strings convert to text cells implicitly and numbers to number cells, so a row reads `[t.Id, t.Title, t.Year]`.
public readonly record struct CsvCell(string Value, bool IsNumber)
{
    public static implicit operator CsvCell(string? text) => new(text ?? "", false);
    public static implicit operator CsvCell(int number) => new(number.ToString(CultureInfo.InvariantCulture), true);
    public static implicit operator CsvCell(long number) => new(number.ToString(CultureInfo.InvariantCulture), true);
    public static implicit operator CsvCell(int? number) => new(number?.ToString(CultureInfo.InvariantCulture) ?? "", true);
    public static implicit operator CsvCell(double? number) => new(number?.ToString(CultureInfo.InvariantCulture) ?? "", true);
    public static implicit operator CsvCell(decimal? number) => new(number?.ToString(CultureInfo.InvariantCulture) ?? "", true);
}

/// The one way the app writes CSV (UTF-8 with a byte order mark, so a spreadsheet shows Vietnamese letters).
/// A spreadsheet opening the file runs a cell that starts with = + - @ (or a tab or CR before one of them) as a formula
/// (`=HYPERLINK(…)`, `@SUM(A1)`), so every text cell starting with one of those characters, a tab or a CR is written with
/// a leading ' that makes it text. Number cells (an int, long, double or decimal column) are left alone: -5 from a
/// number column stays the number -5, which a spreadsheet cannot run; only text taken from people is defused.
/// XLSX (MiniExcel) needs no such care: it stores a string as a string cell, never as a formula.
public sealed class SafeCsv : IDisposable
{
    private readonly CsvWriter _csv;
    private readonly StreamWriter _text;

    private SafeCsv(Stream buffer)
    {
        _text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        _csv = CsvWriter.Create(_text, new CsvWriterOptions(), true);
    }

    /// A file written by <paramref name="write"/>, with the header first.
    public static byte[] Write(IReadOnlyList<string> header, Action<SafeCsv> write)
    {
        using var buffer = new MemoryStream();
        using (var csv = new SafeCsv(buffer))
        {
            csv.Row(header.Select(h => (CsvCell)h).ToArray());
            write(csv);
        }
        return buffer.ToArray();
    }

    public void Row(params CsvCell[] cells)
    {
        var values = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++) values[i] = cells[i].IsNumber ? cells[i].Value : Defuse(cells[i].Value);
        _csv.WriteRecord(values);
    }

    /// The text as a spreadsheet must read it: a ' before a first character that would start a formula.
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// A cell read back from a CSV the app wrote: the ' that <see cref="Defuse"/> put there is dropped, so an exported
    /// file imports unchanged.
    public static string Undo(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }
}
