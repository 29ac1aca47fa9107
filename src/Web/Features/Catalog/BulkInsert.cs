using System.Data.Common;
using Bookpost.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bookpost.Web.Features.Catalog;

/// Inserts many new rows with one prepared statement inside the current transaction, bypassing change tracking:
/// imports add tens of thousands of rows, and EF Core's per-entity bookkeeping costs more than the database itself.
/// Column names are the model's, quoted, so the same statement serves SQLite and PostgreSQL.
internal sealed class BulkInsert<T>(string table, IReadOnlyList<(string Column, Func<T, object?> Value)> columns, Action<T, int>? setId = null)
{
    public async Task InsertAsync(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({values})" + (setId is null ? "" : " RETURNING \"Id\"");
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            command.Parameters.Add(parameters[i]);
        }
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            if (setId is null)
            {
                await command.ExecuteNonQueryAsync(ct);
                continue;
            }
            var id = await command.ExecuteScalarAsync(ct);
            setId(row, Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

internal static class CatalogBulk
{
    public static readonly BulkInsert<Title> Titles = new("Titles",
    [
        ("ControlNumber", t => t.ControlNumber), ("TitleProper", t => t.TitleProper), ("Subtitle", t => t.Subtitle),
        ("Responsibility", t => t.Responsibility), ("Authors", t => t.Authors), ("Publisher", t => t.Publisher), ("Place", t => t.Place),
        ("Year", t => t.Year), ("Edition", t => t.Edition), ("Language", t => t.Language), ("Pages", t => t.Pages), ("Ddc", t => t.Ddc),
        ("Subjects", t => t.Subjects), ("Summary", t => t.Summary), ("Marc", t => t.Marc), ("TitleWords", t => t.TitleWords), ("SortKey", t => t.SortKey),
        ("AuthorWords", t => t.AuthorWords), ("SubjectWords", t => t.SubjectWords), ("SearchWords", t => t.SearchWords),
        ("Version", t => t.Version), ("CreatedAt", t => t.CreatedAt), ("UpdatedAt", t => t.UpdatedAt),
    ], (t, id) => t.Id = id);

    public static readonly BulkInsert<TitleIsbn> Isbns = new("TitleIsbns", [("TitleId", i => i.TitleId), ("Isbn", i => i.Isbn)]);

    public static readonly BulkInsert<Item> Items = new("Items",
    [
        ("Barcode", i => i.Barcode), ("TitleId", i => i.TitleId), ("OwnerId", i => i.OwnerId), ("LocationId", i => i.LocationId),
        ("Status", i => i.Status.ToString()), ("CallNumber", i => i.CallNumber), ("AcquiredOn", i => i.AcquiredOn), ("Price", i => i.Price),
        ("Note", i => i.Note), ("Version", i => i.Version), ("CreatedAt", i => i.CreatedAt), ("UpdatedAt", i => i.UpdatedAt),
    ]);

    public static readonly BulkInsert<ImportIssue> Issues = new("ImportIssues",
        [("JobId", i => i.JobId), ("Ordinal", i => i.Ordinal), ("Offset", i => i.Offset), ("Skipped", i => i.Skipped), ("Message", i => i.Message)]);
}
