using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Bookpost.Web.Tools;

/// Appends rows to one table of the model as fast as the database takes them, for generated data: on SQLite one
/// prepared INSERT of many rows, bound again for each batch, inside the caller's transaction; on PostgreSQL binary COPY
/// of the rows held until <see cref="CompleteAsync"/> (a connection runs one COPY at a time, and callers write several
/// tables side by side).
/// Every column of the table is written: the given properties take the row's values, the others their type's default
/// (through the model's converters, so an enum stored as text is written as its name), so a new non-null column
/// cannot make a generated row invalid. Keys are given by the caller.
public sealed class BulkWriter : IAsyncDisposable
{
    private const int SqliteRowsPerStatement = 64;

    private readonly IProperty[] _columns;
    private readonly int[] _given;
    private readonly object?[] _defaults;
    private readonly SqliteConnection? _sqlite;
    private readonly string _table;
    private SQLitePCL.sqlite3_stmt? _batch;
    private readonly List<object?[]> _pending = [];
    private NpgsqlBinaryImporter? _copy;
    private NpgsqlConnection? _postgres;

    public long Rows { get; private set; }

    private BulkWriter(IEntityType type, string[] properties, SqliteConnection? sqlite, SqliteTransaction? transaction)
    {
        _table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, type.GetSchema());
        _columns = type.GetProperties().Where(p => p.GetColumnName(store) is not null).ToArray();
        var index = _columns.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i);
        _given = properties.Select(p => index[p]).ToArray();
        _defaults = _columns.Select(Default).ToArray();
        _sqlite = sqlite;
    }

    public static async Task<BulkWriter> OpenAsync<TEntity>(AppDbContext db, string[] properties, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(TEntity))!;
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite)
            return new BulkWriter(type, properties, sqlite,
                (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        await Task.CompletedTask;
        return new BulkWriter(type, properties, null, null) { _postgres = (NpgsqlConnection)connection };
    }

    private static object? Default(IProperty p)
    {
        if (p.IsNullable) return null;
        var clr = p.ClrType;
        object? value = clr == typeof(string) ? "" : clr == typeof(byte[]) ? Array.Empty<byte>() : Activator.CreateInstance(clr);
        return Convert(p, value);
    }

    private static object? Convert(IProperty p, object? value) =>
        value is null ? null : p.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// Adds one row: the values of the properties given at open, in that order.
    public async Task AddAsync(CancellationToken ct, params object?[] values)
    {
        var row = new object?[_columns.Length];
        Array.Copy(_defaults, row, row.Length);
        for (var i = 0; i < _given.Length; i++) row[_given[i]] = Convert(_columns[_given[i]], values[i]);
        Rows++;
        _pending.Add(row);
        if (_sqlite is not null && _pending.Count == SqliteRowsPerStatement) await FlushAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? v, CancellationToken ct) => v switch
    {
        null => copy.WriteNullAsync(ct),
        int i => copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, ct),
        long l => copy.WriteAsync(l, NpgsqlTypes.NpgsqlDbType.Bigint, ct),
        short s => copy.WriteAsync(s, NpgsqlTypes.NpgsqlDbType.Smallint, ct),
        bool b => copy.WriteAsync(b, NpgsqlTypes.NpgsqlDbType.Boolean, ct),
        string s => copy.WriteAsync(s, NpgsqlTypes.NpgsqlDbType.Text, ct),
        DateTime d => copy.WriteAsync(d, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct),
        DateOnly d => copy.WriteAsync(d, NpgsqlTypes.NpgsqlDbType.Date, ct),
        decimal m => copy.WriteAsync(m, NpgsqlTypes.NpgsqlDbType.Numeric, ct),
        double f => copy.WriteAsync(f, NpgsqlTypes.NpgsqlDbType.Double, ct),
        byte[] bytes => copy.WriteAsync(bytes, NpgsqlTypes.NpgsqlDbType.Bytea, ct),
        _ => throw new InvalidOperationException($"No COPY type for {v.GetType()}"),
    };

    // Bound by position on the connection's own handle: Microsoft.Data.Sqlite finds each parameter by name, which
    // SQLite looks up in a list, so a 64-row statement spent most of its time comparing parameter names.
    private Task FlushAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_pending.Count == 0) return Task.CompletedTask;
        var full = _pending.Count == SqliteRowsPerStatement;
        var statement = full ? _batch ??= Prepare(SqliteRowsPerStatement) : Prepare(_pending.Count);
        var n = 1;
        try
        {
            foreach (var row in _pending)
                foreach (var v in row) Bind(statement, n++, v);
            Check(SQLitePCL.raw.sqlite3_step(statement));
            SQLitePCL.raw.sqlite3_reset(statement);
        }
        finally
        {
            if (!full) statement.Dispose();
        }
        _pending.Clear();
        return Task.CompletedTask;
    }

    private SQLitePCL.sqlite3_stmt Prepare(int rows)
    {
        var names = string.Join(", ", _columns.Select(c => $"\"{c.GetColumnName()}\""));
        var one = "(" + string.Join(", ", Enumerable.Repeat("?", _columns.Length)) + ")";
        var sql = $"INSERT INTO \"{_table}\" ({names}) VALUES {string.Join(", ", Enumerable.Repeat(one, rows))}";
        Check(SQLitePCL.raw.sqlite3_prepare_v2(_sqlite!.Handle, sql, out var statement));
        return statement;
    }

    // Values as Microsoft.Data.Sqlite writes them for EF Core (dates and decimals as text in its formats), so EF Core
    // reads back what it would have written.
    private void Bind(SQLitePCL.sqlite3_stmt s, int i, object? value)
    {
        var invariant = CultureInfo.InvariantCulture;
        Check(value switch
        {
            null => SQLitePCL.raw.sqlite3_bind_null(s, i),
            string text => SQLitePCL.raw.sqlite3_bind_text16(s, i, text.AsSpan()),
            int number => SQLitePCL.raw.sqlite3_bind_int64(s, i, number),
            long number => SQLitePCL.raw.sqlite3_bind_int64(s, i, number),
            short number => SQLitePCL.raw.sqlite3_bind_int64(s, i, number),
            bool flag => SQLitePCL.raw.sqlite3_bind_int64(s, i, flag ? 1 : 0),
            double real => SQLitePCL.raw.sqlite3_bind_double(s, i, real),
            byte[] bytes => SQLitePCL.raw.sqlite3_bind_blob(s, i, bytes),
            DateTime time => SQLitePCL.raw.sqlite3_bind_text16(s, i, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", invariant).AsSpan()),
            DateOnly date => SQLitePCL.raw.sqlite3_bind_text16(s, i, date.ToString(@"yyyy\-MM\-dd", invariant).AsSpan()),
            decimal amount => SQLitePCL.raw.sqlite3_bind_text16(s, i,
                amount.ToString("0.0###########################", invariant).AsSpan()),
            _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
        });
    }

    private void Check(int result)
    {
        if (result is SQLitePCL.raw.SQLITE_OK or SQLitePCL.raw.SQLITE_DONE) return;
        var db = _sqlite!.Handle!;
        throw new SqliteException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string(), result, SQLitePCL.raw.sqlite3_extended_errcode(db));
    }

    /// Writes what is left; on PostgreSQL completes the COPY.
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_postgres is null)
        {
            await FlushAsync(ct);
            return;
        }
        if (_pending.Count == 0) return;
        var names = string.Join(", ", _columns.Select(c => $"\"{c.GetColumnName()}\""));
        _copy = await _postgres.BeginBinaryImportAsync($"COPY \"{_table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in _pending)
        {
            await _copy.StartRowAsync(ct);
            foreach (var v in row) await WriteAsync(_copy, v, ct);
        }
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
        _batch?.Dispose();
    }
}
