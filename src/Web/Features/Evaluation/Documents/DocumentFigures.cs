using System.Globalization;
using System.Text.Json;
using Bookpost.Web.Infrastructure.Documents;

namespace Bookpost.Web.Features.Evaluation.Documents;

/// How a table's cells map to indicator values: groups as rows and indicators as columns (the by-area table), or
/// indicators as rows and periods as columns (this period against the same period last year, with the change in %).
public enum FigureTableKind { Groups, Comparison }

/// A column of a figure table: an indicator (code and breakdown) in a Groups table; a period in a Comparison table.
public sealed record FigureColumn(string Label, string? Code = null, string? Breakdown = null, string? Unit = null);

/// A row: a group (its key in indicator-values' columns) in a Groups table; an indicator in a Comparison table.
public sealed record FigureRow(string Label, IReadOnlyList<decimal?> Values, string? Group = null, string? Code = null,
    string? Breakdown = null, string? Unit = null);

public sealed record FigureTable(string Key, string Title, FigureTableKind Kind, string FirstHeader,
    IReadOnlyList<FigureColumn> Columns, IReadOnlyList<FigureRow> Rows);

/// A chart's data, drawn the same way on the page (SVG) and in the files (PNG).
public sealed record FigureChart(string Key, string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    ChartKind Kind, string? Unit)
{
    public ChartSpec Spec => new(Title, Categories, Series, Kind, Unit);
}

/// Every figure a document shows: its subject line, the sentences that quote figures, the tables and charts, the note of
/// sources under them, and the indicators the template asked for that the catalogue does not have (their rows are left
/// out, never invented). This is what issuing freezes as JSON.
public sealed record DocumentFigures(string Subject, IReadOnlyList<string> Sentences, IReadOnlyList<FigureTable> Tables,
    IReadOnlyList<FigureChart> Charts, string? SourcesNote, string MapNote, IReadOnlyList<string> Missing)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static DocumentFigures FromJson(string json) => JsonSerializer.Deserialize<DocumentFigures>(json, s_json)!;

    /// The cells whose value differs between the issued figures and those made again (by table key, row and column label).
    public static IReadOnlyList<FigureChange> Changes(DocumentFigures issued, DocumentFigures today)
    {
        var changes = new List<FigureChange>();
        foreach (var table in issued.Tables)
        {
            var now = today.Tables.FirstOrDefault(t => t.Key == table.Key);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                var key = RowKey(row);
                seen.Add(key);
                var other = now?.Rows.FirstOrDefault(r => RowKey(r) == key);
                // Columns are matched by what they hold, not by where they stand.
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var before = row.Values[c];
                    var at = now is null ? -1 : IndexOf(now, table.Columns[c]);
                    var after = other is not null && at >= 0 && at < other.Values.Count ? other.Values[at] : null;
                    if (before != after) changes.Add(new(table.Key, table.Title, row.Label, table.Columns[c].Label, before, after));
                }
                // Columns that appear only today.
                if (now is not null && other is not null)
                    for (var c = 0; c < now.Columns.Count; c++)
                        if (IndexOf(table, now.Columns[c]) < 0 && c < other.Values.Count && other.Values[c] is not null)
                            changes.Add(new(table.Key, table.Title, row.Label, now.Columns[c].Label, null, other.Values[c]));
            }
            // Groups that appear only today (a point opened later in a new commune).
            foreach (var row in now?.Rows.Where(r => !seen.Contains(RowKey(r))) ?? [])
                for (var c = 0; c < Math.Min(now!.Columns.Count, row.Values.Count); c++)
                    if (row.Values[c] is not null)
                        changes.Add(new(table.Key, table.Title, row.Label, now.Columns[c].Label, null, row.Values[c]));
        }
        return changes;
    }

    private static int IndexOf(FigureTable table, FigureColumn column) =>
        table.Columns.ToList().FindIndex(x => x.Code == column.Code && x.Breakdown == column.Breakdown && x.Label == column.Label);

    private static string RowKey(FigureRow r) => r.Group is null && r.Code is null ? "label|" + r.Label
        : $"{r.Group}|{r.Code}|{r.Breakdown}";
}

/// One cell that would differ if the document were made again today.
public sealed record FigureChange(string Table, string TableTitle, string Row, string Column, decimal? Issued, decimal? Today);

/// Numbers as a Vietnamese document writes them: "12.395", "45,5".
public static class VnNumber
{
    private static readonly CultureInfo s_vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Show(decimal? value) => value switch
    {
        null => "–",
        { } v when v == decimal.Truncate(v) => v.ToString("#,##0", s_vi),
        { } v => v.ToString("#,##0.0#", s_vi),
    };
}
