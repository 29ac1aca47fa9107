using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Bookpost.Web.Data;

/// Appends rows with one INSERT of up to 200 rows per statement, outside the change tracker, in the caller's
/// transaction: for records nothing reads back in the unit of work that writes them (the audit log, the log of looks
/// at readers). Table and column names come from the model, so a rename there cannot leave a statement behind.
public static class MultiRowInsert
{
    private const int RowsPerStatement = 200;
    private static readonly ConcurrentDictionary<(Type Entity, string Columns), string> s_heads = new();

    /// Inserts rows into TEntity's table; fill writes one row's values, in the order of properties, from the offset.
    public static async Task AppendAsync<TEntity, TRow>(AppDbContext db, string[] properties, IReadOnlyList<TRow> rows,
        Action<TRow, object?[], int> fill, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var head = s_heads.GetOrAdd((typeof(TEntity), string.Join(",", properties)), _ => Head(db, typeof(TEntity), properties));
        var width = properties.Length;
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var sql = new StringBuilder(head);
            var values = new object?[count * width];
            for (var i = 0; i < count; i++)
            {
                var p = i * width;
                sql.Append(i == 0 ? " VALUES (" : ", (");
                for (var c = 0; c < width; c++) sql.Append(CultureInfo.InvariantCulture, $"{(c == 0 ? "" : ", ")}{{{p + c}}}");
                sql.Append(')');
                fill(rows[start + i], values, p);
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
        }
    }

    private static string Head(AppDbContext db, Type entity, string[] properties)
    {
        var type = db.Model.FindEntityType(entity)!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var names = properties.Select(n => $"\"{type.FindProperty(n)!.GetColumnName(table)}\"");
        return $"INSERT INTO \"{table.Name}\" ({string.Join(", ", names)})";
    }
}
