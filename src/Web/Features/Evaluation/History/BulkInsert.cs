using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bookpost.Web.Features.Evaluation.History;

/// Values written straight into SQL, the way each provider stores them (SQLite keeps dates and decimals as text in EF
/// Core's formats). Only for values the code itself makes (numbers, dates, its own codes), never for a person's text.
public sealed class Literals(bool sqlite)
{
    public string Of(int value) => value.ToString(CultureInfo.InvariantCulture);
    public string Of(decimal value) => sqlite ? $"'{value.ToString("0.0###########################", CultureInfo.InvariantCulture)}'"
        : value.ToString(CultureInfo.InvariantCulture);
    public string Of(DateOnly value) => $"'{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
    public string Of(DateTime? value) => value is not { } v ? "NULL"
        : sqlite ? $"'{v.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'"
        : $"'{v.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)}+00'";
    public string Of(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}

/// Inserts many generated rows with a few long INSERT statements of literal values, on the context's connection and in
/// its current transaction. The demo's history is some 150,000 figures that every demo start writes (and the test suite
/// starts many demo apps): statements with parameters cost more to build than to run at that size.
public static class BulkInsert
{
    private const int RowsPerStatement = 1000;

    public static async Task RunAsync(AppDbContext db, Type entity, string[] properties, IEnumerable<string> rows, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(entity)!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var head = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(n =>
            $"\"{type.FindProperty(n)!.GetColumnName(table)}\""))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(head);
        var count = 0;
        foreach (var row in rows)
        {
            sql.Append(count == 0 ? "(" : ", (").Append(row).Append(')');
            if (++count < RowsPerStatement) continue;
            await ExecuteAsync();
        }
        if (count > 0) await ExecuteAsync();

        async Task ExecuteAsync()
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
            sql.Clear().Append(head);
            count = 0;
        }
    }
}
